// The prisoner's record: a visiting allowance and bans per prisoner at a prison, how a
// staff booking was made, whether a booking used an allowance visit (so a cancellation gives it
// back), and the devices a request was claimed onto by reference ("Add a visit you booked by phone").
import { sql, type Kysely, type Migration } from 'kysely';

export const prisonerRecord: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		for (const statement of [
			sql`create table prisoner_allowances (
				prison_id uuid not null references prisons (id) on delete cascade,
				prisoner_number text not null,
				remaining int null check (remaining is null or remaining >= 0),
				renews_on date null,
				version int not null default 1,
				updated_at timestamptz not null default now(),
				primary key (prison_id, prisoner_number)
			)`,
			sql`create table prisoner_bans (
				id uuid primary key,
				prison_id uuid not null references prisons (id) on delete cascade,
				prisoner_number text not null,
				first_name text not null,
				last_name text not null,
				date_of_birth date not null,
				until date null,
				reason text not null,
				created_by uuid null references staff_users (id) on delete set null,
				created_at timestamptz not null default now()
			)`,
			sql`create index prisoner_bans_prisoner_idx on prisoner_bans (prison_id, prisoner_number)`,
			sql`create index visit_requests_prisoner_idx on visit_requests (prison_id, prisoner_number) where status in ('requested', 'booked')`,
			sql`alter table visit_requests add column booking_method text null check (booking_method in ('phone', 'in_person', 'email', 'prisoner'))`,
			sql`alter table visit_requests add column allowance_used boolean not null default false`,
			sql`create table request_devices (
				request_id uuid not null references visit_requests (id) on delete cascade,
				device_id uuid not null references visitor_devices (id) on delete cascade,
				added_at timestamptz not null default now(),
				primary key (request_id, device_id)
			)`,
			sql`create index request_devices_device_idx on request_devices (device_id)`
		]) {
			await statement.execute(db);
		}
	},
	async down(db: Kysely<unknown>): Promise<void> {
		for (const statement of [
			sql`drop table if exists request_devices`,
			sql`alter table visit_requests drop column if exists allowance_used`,
			sql`alter table visit_requests drop column if exists booking_method`,
			sql`drop index if exists visit_requests_prisoner_idx`,
			sql`drop table if exists prisoner_bans`,
			sql`drop table if exists prisoner_allowances`
		]) {
			await statement.execute(db);
		}
	}
};
