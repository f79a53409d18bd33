// Privacy: a device may ask to be forgotten, which revokes its credential and erases its
// requests' personal data the way the retention purge does, noting why; and every staff read of a
// request's personal data is recorded, to be shown in that request's history.
import { sql, type Kysely, type Migration } from 'kysely';

export const privacy: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`alter table visitor_devices add column revoked_at timestamptz null`.execute(db);
		// 'retention' (the scheduled purge) or 'visitor_asked' (forget me); null while not purged.
		await sql`alter table visit_requests add column purge_reason text null`.execute(db);
		await sql`
			create table request_reads (
				id bigint generated always as identity primary key,
				request_id uuid not null references visit_requests (id) on delete cascade,
				staff_id uuid null references staff_users (id) on delete set null,
				staff_name text null,
				what text not null,
				at timestamptz not null default now()
			)
		`.execute(db);
		await sql`create index request_reads_request_idx on request_reads (request_id, id)`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`drop table if exists request_reads`.execute(db);
		await sql`alter table visit_requests drop column if exists purge_reason`.execute(db);
		await sql`alter table visitor_devices drop column if exists revoked_at`.execute(db);
	}
};
