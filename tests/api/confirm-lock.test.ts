// A confirm waits for a closure of the same prison to commit, then must see it: the confirm's read
// of the timetable and the day's closures happens after its lock is granted, never from before the
// wait (a statement that locks and reads at once reads what was there when it started).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockPrison, lockPrisonForConfirm } from '../../server/prisons/lock';
import { bookableDate, createPrison } from '../helpers/api';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

describe.runIf(Boolean(process.env.DATABASE_URL))('a confirm behind a closure, on PostgreSQL', () => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await createTestDatabase();
	});
	afterAll(async () => {
		await database?.close();
	});

	it('reads the closure that committed while it waited for the prison', async () => {
		const { db } = database;
		const prisonId = await createPrison(db);
		const date = bookableDate(6);
		let read: Awaited<ReturnType<typeof lockPrisonForConfirm>>;
		let confirming: Promise<void> | undefined;
		await db.transaction().execute(async (closing) => {
			await lockPrison(closing, prisonId, 'update');
			await closing
				.insertInto('closures')
				.values({
					id: crypto.randomUUID(),
					prisonId,
					date,
					startTime: null,
					reason: 'Burst pipe',
					reasonCy: null,
					createdBy: null,
					createdAt: new Date()
				})
				.execute();
			confirming = db.transaction().execute(async (trx) => {
				read = await lockPrisonForConfirm(trx, prisonId, date);
			});
			// The confirm is waiting for the prison's row before the closure commits.
			await expect
				.poll(
					async () =>
						(
							await sql<{ waiting: number }>`select count(*)::int as waiting from pg_stat_activity
								where datname = current_database() and wait_event_type = 'Lock'`.execute(db)
						).rows[0]!.waiting,
					{ timeout: 15_000 }
				)
				.toBe(1);
		});
		await confirming;
		expect(read!.closures).toEqual([expect.objectContaining({ date, reason: 'Burst pipe' })]);
	});
});
