// Booking at once when nothing stands in the way, and review of what needs a person.
// - prisons.booking_mode: 'instant' books a clean request in its submit; 'request' (every prison
//   that existed before) leaves every request to staff. The demo seed sets its prison 'instant'.
// - visit_requests.review_codes: why a new request waits for a person (the flag codes found when
//   it was sent); null for requests sent before, or booked at once.
// - prisoner_non_associations: one row per direction (A→B and B→A), so "who must not meet A" is one
//   indexed read whichever side asks.
// - review_causes: why a booked visit needs a person's look again (a ban, a non-association, an
//   event), one row per cause and source; cleared (not deleted) when the cause goes away or staff
//   keep the visit, so the history of why stays. At most one open row per visit, code and source.
import { sql, type Kysely, type Migration } from 'kysely';

export const instantBooking: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`
			alter table prisons add column booking_mode text not null default 'request'
				check (booking_mode in ('instant', 'request'))
		`.execute(db);
		await sql`alter table visit_requests add column review_codes jsonb null`.execute(db);
		await sql`
			create table prisoner_non_associations (
				prison_id uuid not null references prisons (id) on delete cascade,
				prisoner_number text not null,
				other_number text not null,
				reason text not null,
				created_by uuid null references staff_users (id) on delete set null,
				created_at timestamptz not null default now(),
				primary key (prison_id, prisoner_number, other_number),
				check (prisoner_number <> other_number)
			)
		`.execute(db);
		await sql`
			create table review_causes (
				id uuid primary key default gen_random_uuid(),
				request_id uuid not null references visit_requests (id) on delete cascade,
				code text not null,
				source_id text not null,
				since timestamptz not null,
				cleared_at timestamptz null,
				-- 'gone' (the fact went away), 'kept' (staff kept the visit), 'ended' (the visit was cancelled).
				cleared_how text null check (cleared_how in ('gone', 'kept', 'ended'))
			)
		`.execute(db);
		await sql`
			create unique index review_causes_open_idx on review_causes (request_id, code, source_id) where cleared_at is null
		`.execute(db);
		await sql`create index review_causes_source_idx on review_causes (code, source_id) where cleared_at is null`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`drop table if exists review_causes`.execute(db);
		await sql`drop table if exists prisoner_non_associations`.execute(db);
		await sql`alter table visit_requests drop column if exists review_codes`.execute(db);
		await sql`alter table prisons drop column if exists booking_mode`.execute(db);
	}
};
