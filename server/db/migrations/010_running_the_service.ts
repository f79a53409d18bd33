// Running the service: the online booking switch, administrators, one-time set-password
// links, deactivated staff, closed visits (their own capacity and their own guarded usage counter)
// and the prisoner's closed-visits-only marker, kept in a table of its own keyed by prison and
// prisoner number so it does not depend on the prisoner record's tables.
import { sql, type Kysely, type Migration } from 'kysely';

export const runningTheService: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`alter table prisons add column online_booking boolean not null default true`.execute(db);
		await sql`alter table prisons add column online_booking_message text null`.execute(db);
		await sql`alter table staff_users add column admin boolean not null default false`.execute(db);
		await sql`alter table staff_users add column deactivated_at timestamptz null`.execute(db);
		await sql`
			create table staff_password_tokens (
				token_hash text primary key,
				staff_id uuid not null references staff_users (id) on delete cascade,
				created_by uuid null references staff_users (id) on delete set null,
				created_at timestamptz not null default now(),
				expires_at timestamptz not null,
				used_at timestamptz null
			)
		`.execute(db);
		await sql`create index staff_password_tokens_staff_idx on staff_password_tokens (staff_id)`.execute(db);
		await sql`alter table timetable_slots add column closed_capacity integer not null default 0 check (closed_capacity >= 0)`.execute(db);
		await sql`
			create table slot_closed_usage (
				prison_id uuid not null references prisons (id) on delete cascade,
				date date not null,
				start_time text not null,
				booked integer not null default 0 check (booked >= 0),
				primary key (prison_id, date, start_time)
			)
		`.execute(db);
		// Which booked visits hold a closed place, so a cancellation gives back the right kind.
		await sql`
			create table closed_bookings (
				request_id uuid primary key references visit_requests (id) on delete cascade,
				prison_id uuid not null,
				date date not null,
				start_time text not null
			)
		`.execute(db);
		await sql`
			create table prisoner_closed_visits (
				prison_id uuid not null references prisons (id) on delete cascade,
				prisoner_number text not null,
				reason text not null,
				updated_by uuid null references staff_users (id) on delete set null,
				updated_at timestamptz not null default now(),
				primary key (prison_id, prisoner_number)
			)
		`.execute(db);
		// Reports count requests of a prison by the day they were made and the day they were decided.
		await sql`create index visit_requests_report_idx on visit_requests (prison_id, created_at)`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`drop index if exists visit_requests_report_idx`.execute(db);
		await sql`drop table if exists prisoner_closed_visits`.execute(db);
		await sql`drop table if exists closed_bookings`.execute(db);
		await sql`drop table if exists slot_closed_usage`.execute(db);
		await sql`alter table timetable_slots drop column closed_capacity`.execute(db);
		await sql`drop table if exists staff_password_tokens`.execute(db);
		await sql`alter table staff_users drop column deactivated_at`.execute(db);
		await sql`alter table staff_users drop column admin`.execute(db);
		await sql`alter table prisons drop column online_booking_message`.execute(db);
		await sql`alter table prisons drop column online_booking`.execute(db);
	}
};
