// One outbox for every message a family (or an officer's browser) is sent: a delivery is one
// notice on one channel (push, email, text) to one target, claimed, retried and settled by one
// worker (server/messages/). It replaces push_jobs and email_jobs, which did the same twice.
//
// Existing rows move across: jobs still waiting are queued again (a push with the words it was
// written with, an email by its kind, rendered when sent), and sent or failed ones are kept as the
// record of what was sent. Push jobs name no request, so the request is read from the payload
// they carried (a waiting-list push names its entry there and gets none).
import { sql, type Kysely, type Migration } from 'kysely';

export const deliveries: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`
			create table deliveries (
				id uuid primary key default gen_random_uuid(),
				-- What it is about: a request, or a waiting-list entry ("a place came up"); neither for a
				-- push written in full when queued (an officer's new-request push, tests).
				request_id uuid null references visit_requests (id) on delete cascade,
				waitlist_entry_id uuid null references waitlist_entries (id) on delete cascade,
				channel text not null check (channel in ('push', 'email', 'sms')),
				kind text not null,
				-- The language it was (or will be) written in; a request's is read again when sending.
				language text not null default 'en',
				-- A push goes to one browser; the row stays as the record when the browser unsubscribes.
				subscription_id uuid null references push_subscriptions (id) on delete set null,
				-- A push's words when written in full at queue time; null means rendered when sent.
				payload jsonb null,
				topic text null,
				ttl int not null default 86400,
				urgency text not null default 'normal',
				status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'delivered', 'failed')),
				attempts int not null default 0,
				next_attempt_at timestamptz not null default now(),
				locked_until timestamptz null,
				-- Why it failed, or why the last attempt will be retried: a code, never an address.
				failure text null,
				-- Who carried it (webpush, smtp, notify) and their id for it (Notify's, for receipts).
				provider text null,
				provider_id text null,
				-- The address as staff may see it (masked when the message was sent), never the address.
				to_masked text null,
				created_at timestamptz not null default now(),
				status_at timestamptz null
			)
		`.execute(db);
		await sql`create index deliveries_due_idx on deliveries (next_attempt_at) where status in ('queued', 'sending')`.execute(db);
		await sql`create index deliveries_request_idx on deliveries (request_id)`.execute(db);
		await sql`create unique index deliveries_provider_idx on deliveries (provider_id) where provider_id is not null`.execute(db);

		await sql`
			insert into deliveries (id, request_id, waitlist_entry_id, channel, kind, language, status, attempts, next_attempt_at,
				locked_until, failure, provider, created_at, status_at)
			select j.id, j.request_id, j.waitlist_entry_id, 'email', j.kind, j.locale,
				case j.status when 'pending' then (case when j.locked_until is null then 'queued' else 'sending' end) else j.status end,
				j.attempts, j.next_attempt_at, j.locked_until, j.last_error, case when j.status = 'pending' then null else 'smtp' end,
				j.created_at, j.sent_at
			from email_jobs j
		`.execute(db);
		await sql`
			insert into deliveries (id, request_id, channel, kind, language, subscription_id, payload, topic, ttl, urgency, status, attempts,
				next_attempt_at, locked_until, failure, provider, created_at, status_at)
			select j.id, r.id, 'push', coalesce(j.payload ->> 'status', 'push'), coalesce(s.language, 'en'), j.subscription_id, j.payload,
				j.topic, j.ttl, j.urgency,
				case j.status when 'pending' then (case when j.locked_until is null then 'queued' else 'sending' end) else j.status end,
				j.attempts, j.next_attempt_at, j.locked_until, j.last_error, case when j.status = 'pending' then null else 'webpush' end,
				j.created_at, j.sent_at
			from push_jobs j
			join push_subscriptions s on s.id = j.subscription_id
			left join visit_requests r on r.id::text = j.payload ->> 'requestId' and s.device_id is not null
		`.execute(db);
		await sql`drop table push_jobs`.execute(db);
		await sql`drop table email_jobs`.execute(db);

		// How the family chose to be told: null channels (requests from before, or an app that does not
		// ask) means every channel the service has and the visitor gave an address for.
		await sql`alter table visit_requests add column channels text null`.execute(db);
		await sql`alter table visit_requests add column message_language text null check (message_language in ('en', 'cy'))`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		// Back to the two queues, keeping what was still waiting on each (push rows rendered at send time cannot go back).
		await sql`alter table visit_requests drop column message_language`.execute(db);
		await sql`alter table visit_requests drop column channels`.execute(db);
		await sql`
			create table push_jobs (
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
			)
		`.execute(db);
		await sql`create index push_jobs_due_idx on push_jobs (status, next_attempt_at)`.execute(db);
		await sql`
			create table email_jobs (
				id uuid primary key default gen_random_uuid(),
				request_id uuid null references visit_requests (id) on delete cascade,
				waitlist_entry_id uuid null references waitlist_entries (id) on delete cascade,
				kind text not null,
				locale text not null default 'en',
				status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
				attempts int not null default 0,
				next_attempt_at timestamptz not null default now(),
				locked_until timestamptz null,
				last_error text null,
				created_at timestamptz not null default now(),
				sent_at timestamptz null,
				constraint email_jobs_subject_check check ((request_id is null) <> (waitlist_entry_id is null)),
				constraint email_jobs_kind_check check (kind in ('sent', 'booked', 'rejected', 'cancelled', 'reminder', 'change_booked', 'change_rejected', 'place'))
			)
		`.execute(db);
		await sql`create index email_jobs_due_idx on email_jobs (status, next_attempt_at)`.execute(db);
		await sql`
			insert into push_jobs (id, subscription_id, payload, topic, ttl, urgency, attempts, next_attempt_at, created_at)
			select id, subscription_id, payload, topic, ttl, urgency, attempts, next_attempt_at, created_at from deliveries
			where channel = 'push' and status in ('queued', 'sending') and payload is not null and subscription_id is not null
		`.execute(db);
		await sql`
			insert into email_jobs (id, request_id, waitlist_entry_id, kind, locale, attempts, next_attempt_at, created_at)
			select id, request_id, waitlist_entry_id, kind, language, attempts, next_attempt_at, created_at from deliveries
			where channel = 'email' and status in ('queued', 'sending')
		`.execute(db);
		await sql`drop table deliveries`.execute(db);
	}
};
