// The first schema, as the team agreed it. Plain SQL that PostgreSQL 15 and PGlite (PostgreSQL 18)
// both understand; one statement per execute() because PGlite's extended protocol takes one at a time.
import { sql, type Kysely, type RawBuilder } from 'kysely';

const statements: RawBuilder<unknown>[] = [
	sql`create table prisons (
		id uuid primary key default gen_random_uuid(),
		code text not null unique,
		name text not null,
		address text not null,
		visitor_info text not null default '',
		time_zone text not null default 'Europe/London',
		lead_days int not null default 3 check (lead_days >= 0),
		horizon_days int not null default 28 check (horizon_days >= lead_days),
		max_visitors int not null default 6 check (max_visitors >= 1),
		max_adults int not null default 3 check (max_adults >= 1),
		adult_age int not null default 18 check (adult_age >= 0),
		retention_days int not null default 180 check (retention_days >= 1),
		created_at timestamptz not null default now()
	)`,
	sql`create table staff_users (
		id uuid primary key default gen_random_uuid(),
		email text not null unique check (email = lower(email)),
		name text not null,
		password_hash text not null,
		created_at timestamptz not null default now()
	)`,
	sql`create table staff_prisons (
		staff_id uuid not null references staff_users (id) on delete cascade,
		prison_id uuid not null references prisons (id) on delete cascade,
		primary key (staff_id, prison_id)
	)`,
	sql`create index staff_prisons_prison_idx on staff_prisons (prison_id)`,
	sql`create table staff_sessions (
		id_hash text primary key,
		staff_id uuid not null references staff_users (id) on delete cascade,
		created_at timestamptz not null default now(),
		expires_at timestamptz not null,
		last_seen_at timestamptz not null default now()
	)`,
	sql`create index staff_sessions_staff_idx on staff_sessions (staff_id)`,
	sql`create index staff_sessions_expires_idx on staff_sessions (expires_at)`,
	sql`create table timetable_slots (
		id uuid primary key default gen_random_uuid(),
		prison_id uuid not null references prisons (id) on delete cascade,
		weekday smallint not null check (weekday between 1 and 7),
		start_time text not null check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
		end_time text not null check (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and end_time > start_time),
		capacity int not null check (capacity >= 0),
		unique (prison_id, weekday, start_time)
	)`,
	sql`create table closures (
		id uuid primary key default gen_random_uuid(),
		prison_id uuid not null references prisons (id) on delete cascade,
		date date not null,
		start_time text null check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
		reason text not null,
		created_by uuid null references staff_users (id) on delete set null,
		created_at timestamptz not null default now()
	)`,
	sql`create unique index closures_prison_date_start_key on closures (prison_id, date, coalesce(start_time, ''))`,
	sql`create table visitor_devices (
		id uuid primary key default gen_random_uuid(),
		secret_hash text not null unique,
		created_at timestamptz not null default now(),
		last_seen_at timestamptz not null default now()
	)`,
	sql`create table visit_requests (
		id uuid primary key,
		prison_id uuid not null references prisons (id),
		device_id uuid not null references visitor_devices (id),
		reference text not null unique,
		status text not null check (status in ('requested', 'booked', 'rejected', 'withdrawn', 'cancelled')),
		body_hash text not null,
		prisoner_first_name text null,
		prisoner_last_name text null,
		prisoner_date_of_birth date null,
		prisoner_number text null,
		additional_support text null,
		first_date date not null,
		booked_date date null,
		booked_start text null,
		excluded_visitors jsonb not null default '[]',
		rejection_reasons jsonb not null default '[]',
		decision_message text null,
		decided_at timestamptz null,
		decided_by uuid null,
		created_at timestamptz not null default now(),
		updated_at timestamptz not null default now(),
		purged_at timestamptz null
	)`,
	sql`create index visit_requests_queue_idx on visit_requests (prison_id, status, created_at)`,
	sql`create index visit_requests_device_idx on visit_requests (device_id, created_at)`,
	sql`create index visit_requests_booked_idx on visit_requests (prison_id, booked_date, booked_start) where status = 'booked'`,
	sql`create table request_visitors (
		request_id uuid not null references visit_requests (id) on delete cascade,
		position int not null check (position >= 0),
		first_name text not null,
		last_name text not null,
		date_of_birth date not null,
		email text null,
		phone text null,
		primary key (request_id, position)
	)`,
	sql`create table request_slots (
		request_id uuid not null references visit_requests (id) on delete cascade,
		preference int not null check (preference between 1 and 3),
		date date not null,
		start_time text not null,
		primary key (request_id, preference)
	)`,
	sql`create index request_slots_date_start_idx on request_slots (date, start_time)`,
	sql`create table slot_usage (
		prison_id uuid not null references prisons (id) on delete cascade,
		date date not null,
		start_time text not null,
		booked int not null default 0 check (booked >= 0),
		primary key (prison_id, date, start_time)
	)`,
	sql`create table state_changes (
		id int generated always as identity primary key,
		request_id uuid not null references visit_requests (id) on delete cascade,
		from_status text null,
		to_status text not null,
		actor_type text not null check (actor_type in ('device', 'staff', 'system')),
		actor_id text null,
		actor_name text null,
		at timestamptz not null default now(),
		detail jsonb not null default '{}'
	)`,
	sql`create index state_changes_request_idx on state_changes (request_id, id)`,
	sql`create table audit_log (
		id int generated always as identity primary key,
		staff_id uuid null,
		prison_id uuid null,
		action text not null,
		target text null,
		detail jsonb not null default '{}',
		at timestamptz not null default now()
	)`,
	sql`create index audit_log_prison_at_idx on audit_log (prison_id, at)`,
	sql`create table push_subscriptions (
		id uuid primary key default gen_random_uuid(),
		endpoint text not null unique,
		p256dh text not null,
		auth text not null,
		device_id uuid null references visitor_devices (id) on delete cascade,
		staff_id uuid null references staff_users (id) on delete cascade,
		prison_id uuid null references prisons (id) on delete cascade,
		created_at timestamptz not null default now(),
		check ((device_id is null) <> (staff_id is null))
	)`,
	sql`create index push_subscriptions_device_idx on push_subscriptions (device_id)`,
	sql`create index push_subscriptions_staff_idx on push_subscriptions (staff_id)`,
	sql`create table push_jobs (
		id uuid primary key default gen_random_uuid(),
		subscription_id uuid not null references push_subscriptions (id) on delete cascade,
		payload jsonb not null,
		topic text null,
		ttl int not null,
		urgency text not null default 'normal',
		status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
		attempts int not null default 0,
		next_attempt_at timestamptz not null default now(),
		locked_until timestamptz null,
		last_error text null,
		created_at timestamptz not null default now(),
		sent_at timestamptz null
	)`,
	sql`create index push_jobs_due_idx on push_jobs (status, next_attempt_at)`,
	sql`create table app_settings (
		key text primary key,
		value jsonb not null
	)`
];

const tables = [
	'app_settings',
	'push_jobs',
	'push_subscriptions',
	'audit_log',
	'state_changes',
	'slot_usage',
	'request_slots',
	'request_visitors',
	'visit_requests',
	'visitor_devices',
	'closures',
	'timetable_slots',
	'staff_sessions',
	'staff_prisons',
	'staff_users',
	'prisons'
];

// Migrations see the database as it was when they were written, not today's Database type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function up(db: Kysely<any>): Promise<void> {
	for (const statement of statements) await statement.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function down(db: Kysely<any>): Promise<void> {
	for (const table of tables) await sql`drop table if exists ${sql.table(table)}`.execute(db);
}

export const initial = { up, down };
