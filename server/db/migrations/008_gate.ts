// At the gate: each prison's key pair for signing visit passes, and the arrival of a
// booked visit's visitors, recorded once per visit by the officer at the gate. "Not attended" is
// derived when read (a booked visit whose slot ended with no arrival), so it needs no column.
import { sql, type Kysely, type Migration } from 'kysely';

export const gate: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`
			create table prison_pass_keys (
				prison_id uuid primary key references prisons (id) on delete cascade,
				public_key jsonb not null,
				private_key jsonb not null,
				created_at timestamptz not null default now()
			)
		`.execute(db);
		await sql`
			create table visit_arrivals (
				request_id uuid primary key references visit_requests (id) on delete cascade,
				prison_id uuid not null references prisons (id) on delete cascade,
				arrived_at timestamptz not null,
				visitors jsonb not null,
				recorded_by uuid null references staff_users (id) on delete set null,
				recorded_by_name text null,
				recorded_at timestamptz not null default now()
			)
		`.execute(db);
		await sql`create index visit_arrivals_prison_idx on visit_arrivals (prison_id, arrived_at)`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`drop table if exists visit_arrivals`.execute(db);
		await sql`drop table if exists prison_pass_keys`.execute(db);
	}
};
