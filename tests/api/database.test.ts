import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe('database', () => {
	it('is migrated and empty', async () => {
		const prisons = await database.db.selectFrom('prisons').select('id').execute();
		expect(prisons).toEqual([]);
	});

	it('answers dates as YYYY-MM-DD and counts as numbers, whichever database it is', async () => {
		const { rows } = await sql<{ day: string; count: number }>`select date '2028-02-29' as day, count(*) as count from prisons`.execute(
			database.db
		);
		expect(rows).toEqual([{ day: '2028-02-29', count: 0 }]);
	});

	it('keeps transactions apart', async () => {
		await database.db
			.insertInto('appSettings')
			.values({ key: 'probe', value: JSON.stringify(1) })
			.execute();
		const failing = database.db.transaction().execute(async (trx) => {
			await trx
				.updateTable('appSettings')
				.set({ value: JSON.stringify(2) })
				.where('key', '=', 'probe')
				.execute();
			await new Promise((resolve) => setTimeout(resolve, 50));
			throw new Error('roll back');
		});
		const committed = database.db.transaction().execute(async (trx) => {
			await trx
				.insertInto('appSettings')
				.values({ key: 'other', value: JSON.stringify(3) })
				.execute();
		});
		await expect(failing).rejects.toThrow('roll back');
		await committed;
		const rows = await database.db.selectFrom('appSettings').select(['key', 'value']).orderBy('key').execute();
		expect(rows).toEqual([
			{ key: 'other', value: 3 },
			{ key: 'probe', value: 1 }
		]);
	});
});
