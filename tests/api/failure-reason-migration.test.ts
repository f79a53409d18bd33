// Migration 025 gives every failed message already on the record the reason code its old English
// words meant, and drops the words that were the service's own (a provider's stay as the detail).
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliveryFailureReason } from '../../server/db/migrations/025_delivery_failure_reason';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

it('codes the failures recorded before it, keeping only a provider’s words', async () => {
	const db = database.db as never;
	// As before migration 025.
	await deliveryFailureReason.down!(db);
	const before: [string, string][] = [
		['the family turned this channel off', 'failed'],
		['smtp 550', 'failed'],
		['notify 400: BadRequestError Can’t send to this recipient', 'failed'],
		['push service answered 500; gave up after 10 attempts', 'failed'],
		['lease expired on the last attempt', 'failed'],
		['browser unsubscribed', 'failed'],
		['push service answered 410', 'failed'],
		['push service answered 413', 'failed'],
		['no address', 'failed'],
		['nothing to say by text', 'failed'],
		['permanent-failure', 'failed'],
		['smtp 451', 'queued']
	];
	for (const [failure, status] of before) {
		await sql`insert into deliveries (channel, kind, status, failure) values ('email', 'booked', ${status}, ${failure})`.execute(
			database.db
		);
	}
	await deliveryFailureReason.up(db);
	const { rows } = await sql<{ failure: string | null; reason: string | null }>`
		select failure, failure_reason as reason from deliveries`.execute(database.db);
	const coded = rows.map((row) => ({ failure: row.failure, reason: row.reason }));
	expect(coded.sort((a, b) => (a.reason ?? '').localeCompare(b.reason ?? '') || (a.failure ?? '').localeCompare(b.failure ?? ''))).toEqual(
		[
			{ reason: null, failure: 'smtp 451' },
			{ reason: 'channel_off', failure: null },
			{ reason: 'gave_up', failure: null },
			{ reason: 'gave_up', failure: 'push service answered 500' },
			{ reason: 'no_address', failure: null },
			{ reason: 'not_delivered', failure: 'permanent-failure' },
			{ reason: 'nothing_to_send', failure: null },
			{ reason: 'refused', failure: 'notify 400: BadRequestError Can’t send to this recipient' },
			{ reason: 'refused', failure: 'push service answered 413' },
			{ reason: 'refused', failure: 'smtp 550' },
			{ reason: 'unsubscribed', failure: null },
			{ reason: 'unsubscribed', failure: 'push service answered 410' }
		].map(({ reason, failure }) => ({ failure, reason }))
	);
});
