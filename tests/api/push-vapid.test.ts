import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVapidKeys, validateVapidSubject } from '../../server/push/vapid';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

describe('VAPID keys', () => {
	let testDb: TestDatabase;
	beforeAll(async () => {
		testDb = await createTestDatabase();
	});
	afterAll(async () => {
		await testDb?.close();
	});

	it('are made on first start and are the same on every later start', async () => {
		const first = await loadVapidKeys(testDb.db, 'mailto:visits@example.gov.uk');
		const second = await loadVapidKeys(testDb.db, 'https://visits.example.gov.uk');

		expect(first.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/); // 65-byte P-256 point, base64url
		expect(first.privateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(second.publicKey).toBe(first.publicKey);
		expect(second.privateKey).toBe(first.privateKey);
		expect(second.subject).toBe('https://visits.example.gov.uk');
	});

	it('agree between processes that start at the same moment', async () => {
		await testDb.db.deleteFrom('appSettings').where('key', '=', 'vapid').execute();
		const loads = await Promise.all([1, 2, 3].map(() => loadVapidKeys(testDb.db, 'mailto:visits@example.gov.uk')));
		expect(new Set(loads.map((keys) => keys.publicKey)).size).toBe(1);
	});

	it('refuse a subject that Apple would reject (only mailto: and public https: work)', async () => {
		for (const subject of [
			'http://visits.example.gov.uk',
			'https://localhost',
			'https://127.0.0.1:3000',
			'visits@example.gov.uk',
			'mailto:nobody'
		]) {
			expect(() => validateVapidSubject(subject), subject).toThrow(/VAPID subject/);
			await expect(loadVapidKeys(testDb.db, subject)).rejects.toThrow(/VAPID subject/);
		}
		expect(validateVapidSubject('mailto:visits@example.gov.uk')).toBe('mailto:visits@example.gov.uk');
	});
});
