// The waiting list for full slots: one row per device and slot it waits for, ended when
// the slot starts (lifecycle job) or the visitor leaves. A freed place is told through the existing
// outboxes in the transaction that frees it: push jobs as they are, and email jobs that may now
// name a waiting-list entry instead of a request (kind 'place').
import { sql, type Kysely, type Migration } from 'kysely';

export const waitlist: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`
			create table waitlist_entries (
				id uuid primary key default gen_random_uuid(),
				prison_id uuid not null references prisons (id) on delete cascade,
				device_id uuid not null references visitor_devices (id) on delete cascade,
				date date not null,
				start_time text not null,
				-- When the slot starts (the prison's time zone, worked out on joining): the entry ends then.
				starts_at timestamptz not null,
				language text not null default 'en',
				-- Whether this server emailed visitors when the entry was made (SMTP_URL set): no email
				-- job is written otherwise, as none would ever be sent.
				tell_by_email boolean not null default false,
				created_at timestamptz not null default now(),
				unique (device_id, prison_id, date, start_time)
			)
		`.execute(db);
		await sql`create index waitlist_entries_slot_idx on waitlist_entries (prison_id, date, start_time)`.execute(db);
		await sql`create index waitlist_entries_starts_idx on waitlist_entries (starts_at)`.execute(db);
		// An email job is about a request or about a waiting-list entry (which it goes with when it ends).
		await sql`alter table email_jobs alter column request_id drop not null`.execute(db);
		await sql`alter table email_jobs add column waitlist_entry_id uuid null references waitlist_entries (id) on delete cascade`.execute(db);
		// The kinds are the code's (EMAIL_KINDS): a fixed list here would have to be rewritten by every
		// migration that adds one, and two such migrations would undo each other.
		await sql`alter table email_jobs drop constraint if exists email_jobs_kind_check`.execute(db);
		await sql`
			alter table email_jobs add constraint email_jobs_subject_check
			check ((request_id is null) <> (waitlist_entry_id is null))
		`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`delete from email_jobs where waitlist_entry_id is not null`.execute(db);
		await sql`alter table email_jobs drop constraint if exists email_jobs_subject_check`.execute(db);
		await sql`alter table email_jobs drop column waitlist_entry_id`.execute(db);
		await sql`alter table email_jobs alter column request_id set not null`.execute(db);
		await sql`drop table if exists waitlist_entries`.execute(db);
	}
};
