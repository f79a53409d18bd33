// The retention purge (server/requests/retention.ts) deletes a request's visitors; the number of
// visitors stays on the request for statistics. An index finds requests not yet purged.
import { sql, type Kysely, type Migration } from 'kysely';

export const retentionPurge: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`alter table visit_requests add column visitor_count smallint null`.execute(db);
		await sql`create index visit_requests_unpurged_idx on visit_requests (prison_id, updated_at) where purged_at is null`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`drop index if exists visit_requests_unpurged_idx`.execute(db);
		await sql`alter table visit_requests drop column visitor_count`.execute(db);
	}
};
