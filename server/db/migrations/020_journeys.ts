// What the gate must show and record (walking the journeys): an override of a ban or an empty
// allowance is kept with the booking it let through, naming what it overrode, so the day's list and
// the gate can show it; and an arrival carries how the visit went (PRODUCT.md "Outcomes at the gate").
import { sql, type Kysely, type Migration } from 'kysely';

export const journeys: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`
			create table visit_overrides (
				request_id uuid primary key references visit_requests (id) on delete cascade,
				prison_id uuid not null references prisons (id) on delete cascade,
				codes jsonb not null,
				-- Positions (0 = lead) of the banned visitors the override let come.
				visitors jsonb not null default '[]',
				reason text not null,
				staff_id uuid null references staff_users (id) on delete set null,
				staff_name text null,
				at timestamptz not null default now()
			)
		`.execute(db);
		await sql`
			alter table visit_arrivals
				add column outcome text not null default 'attended'
					check (outcome in ('attended', 'refused_entry', 'visitor_left_early', 'ended_by_staff', 'prisoner_declined')),
				add column note text null
		`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`alter table visit_arrivals drop column if exists note, drop column if exists outcome`.execute(db);
		await sql`drop table if exists visit_overrides`.execute(db);
	}
};
