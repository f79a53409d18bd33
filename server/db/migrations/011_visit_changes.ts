// Changing a booked visit: a visitor asks to move a booked visit to one of up to three
// new times; staff confirm one (the booking moves) or refuse (the old booking stands). The booked
// visit keeps its own row and state (`booked`) throughout; each change asked is a row of its own
// here, so the history of changes survives and at most one can be pending (a partial unique index,
// so two devices asking at once cannot both win). `calendar_sequence` is the visit's iCalendar
// SEQUENCE: bumped whenever the booked time moves or the visit is cancelled, so a calendar app
// replaces the event it holds (same UID) instead of keeping the old one.
import { sql, type Kysely, type Migration } from 'kysely';

export const visitChanges: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`
			create table visit_changes (
				id uuid primary key,
				request_id uuid not null references visit_requests (id) on delete cascade,
				status text not null default 'pending' check (status in ('pending', 'confirmed', 'rejected', 'withdrawn', 'ended')),
				slots jsonb not null,
				from_date date not null,
				from_start text not null,
				to_date date null,
				to_start text null,
				rejection_reasons jsonb not null default '[]'::jsonb,
				message text null,
				requested_at timestamptz not null,
				decided_at timestamptz null,
				decided_by uuid null references staff_users (id) on delete set null,
				decided_by_name text null
			)
		`.execute(db);
		await sql`create unique index visit_changes_one_pending_idx on visit_changes (request_id) where status = 'pending'`.execute(db);
		await sql`create index visit_changes_request_idx on visit_changes (request_id, requested_at)`.execute(db);
		await sql`alter table visit_requests add column calendar_sequence integer not null default 0`.execute(db);
		// The family is told of a change's outcome by email too (messages/notices.ts).
		await sql`alter table email_jobs drop constraint if exists email_jobs_kind_check`.execute(db);
		await sql`
			alter table email_jobs add constraint email_jobs_kind_check
			check (kind in ('sent', 'booked', 'rejected', 'cancelled', 'reminder', 'change_booked', 'change_rejected'))
		`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`delete from email_jobs where kind in ('change_booked', 'change_rejected')`.execute(db);
		await sql`alter table email_jobs drop constraint if exists email_jobs_kind_check`.execute(db);
		await sql`alter table email_jobs add constraint email_jobs_kind_check check (kind in ('sent', 'booked', 'rejected', 'cancelled', 'reminder'))`.execute(
			db
		);
		await sql`alter table visit_requests drop column calendar_sequence`.execute(db);
		await sql`drop table if exists visit_changes`.execute(db);
	}
};
