import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/auth/passwords';
import { seedDemoData } from '../../server/seed';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let database: TestDatabase;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe('demo data', () => {
	it('is skipped with SEED=none', async () => {
		expect(await seedDemoData(database.db, { seed: 'none' })).toEqual({ seeded: false });
		expect(await database.db.selectFrom('prisons').select('id').execute()).toEqual([]);
	});

	it('creates HMP Rochester and a staff user with a one-time random password on an empty database', async () => {
		const result = await seedDemoData(database.db, { seed: 'demo' });
		expect(result).toMatchObject({
			seeded: true,
			prison: { code: 'RCI', name: 'HMP Rochester' },
			staff: { email: 'staff@rochester.example', generatedPassword: expect.stringMatching(/^[\w-]{16}$/) }
		});
		const staff = await database.db
			.selectFrom('staffUsers')
			.innerJoin('staffPrisons', 'staffPrisons.staffId', 'staffUsers.id')
			.select(['passwordHash', 'prisonId', 'admin', 'serviceAdmin'])
			.where('email', '=', 'staff@rochester.example')
			.executeTakeFirstOrThrow();
		expect(staff.prisonId).toBe(result.prison?.id);
		// The demo login is a service administrator (PRODUCT.md "Running the service"): it can add prisons and administrators.
		expect(staff.admin).toBe(true);
		expect(staff.serviceAdmin).toBe(true);
		expect(await verifyPassword(result.staff!.generatedPassword!, staff.passwordHash)).toBe(true);
		const slots = await database.db.selectFrom('timetableSlots').select('id').where('prisonId', '=', staff.prisonId).execute();
		expect(slots).toHaveLength(8);
	});

	it('leaves a database that already has prisons alone', async () => {
		expect(await seedDemoData(database.db, { seed: 'demo', demoStaffPassword: 'from the environment' })).toEqual({ seeded: false });
		expect(await database.db.selectFrom('prisons').select('id').execute()).toHaveLength(1);
	});
});
