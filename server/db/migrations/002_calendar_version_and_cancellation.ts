// A per-prison counter that every availability-changing write bumps, so calendar caches in any
// process can tell they are stale with one primary-key read; and why a booked visit was cancelled.
import { sql, type Kysely, type Migration } from 'kysely';

export const calendarVersionAndCancellation: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`alter table prisons add column calendar_version int not null default 0`.execute(db);
		await sql`alter table visit_requests add column cancellation_reason text`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`alter table visit_requests drop column cancellation_reason`.execute(db);
		await sql`alter table prisons drop column calendar_version`.execute(db);
	}
};
