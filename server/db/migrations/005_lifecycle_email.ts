// The email outbox (one row per message, rendered at send time from the request, never
// stored as prose) and when a booked visit's reminder went out (so it goes once, in any process).
import { sql, type Kysely, type Migration } from 'kysely';

export const lifecycleEmail: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`create table email_jobs (
			id uuid primary key default gen_random_uuid(),
			request_id uuid not null references visit_requests (id) on delete cascade,
			kind text not null check (kind in ('sent', 'booked', 'rejected', 'cancelled', 'reminder')),
			locale text not null default 'en',
			status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
			attempts int not null default 0,
			next_attempt_at timestamptz not null default now(),
			locked_until timestamptz null,
			last_error text null,
			created_at timestamptz not null default now(),
			sent_at timestamptz null
		)`.execute(db);
		await sql`create index email_jobs_due_idx on email_jobs (status, next_attempt_at)`.execute(db);
		await sql`alter table visit_requests add column reminded_at timestamptz null`.execute(db);
		await sql`create index visit_requests_reminder_idx on visit_requests (booked_date) where status = 'booked' and reminded_at is null`.execute(
			db
		);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`drop index if exists visit_requests_reminder_idx`.execute(db);
		await sql`alter table visit_requests drop column reminded_at`.execute(db);
		await sql`drop table email_jobs`.execute(db);
	}
};
