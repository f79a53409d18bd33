// A wrong password must cost the same whether or not the email belongs to someone, or the answer's
// timing tells an attacker which emails are staff accounts. The server runs one scrypt either way.
//
// Measured as CPU time of this process (scrypt runs on libuv's threads, which count), not wall
// time: CPU time hardly moves when other tests load the machine, and scrypt (tens of ms of CPU)
// dwarfs everything else a sign-in does, so skipping it would show as a ratio of 10 or more.
// Medians over several interleaved tries, with a generous band, keep it from being flaky.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createPrison, createStaff } from '../helpers/api';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const TRIES = 7;
const BAND = { low: 0.5, high: 2 };

let now = new Date();
let database: TestDatabase;
let app: App;
let officer: { email: string; password: string };

beforeAll(async () => {
	database = await createTestDatabase();
	app = createApp({
		db: database.db,
		config: loadConfig({ SEED: 'none', LOG_LEVEL: 'silent', STATIC_DIR: '/nonexistent' }),
		clock: () => now,
		push: { publicKey: 'timing-test' }
	});
	officer = await createStaff(database.db, { prisonIds: [await createPrison(database.db)] });
});
afterAll(async () => {
	await database?.close();
});

/** CPU milliseconds one sign-in attempt costs, and its status. */
async function signInCost(email: string, password: string): Promise<{ cpuMs: number; status: number }> {
	// Each attempt in a fresh rate-limit window, so the limits never answer instead of the check.
	now = new Date(now.getTime() + 60 * 60 * 1000);
	const before = process.cpuUsage();
	const response = await app.request('/api/staff/login', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' },
		body: JSON.stringify({ email, password })
	});
	await response.text();
	const used = process.cpuUsage(before);
	return { cpuMs: (used.user + used.system) / 1000, status: response.status };
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
};

describe('a wrong password', () => {
	it('costs the same work for an unknown email as for a real one', async () => {
		const known: number[] = [];
		const unknown: number[] = [];
		// Warm up (JIT, the dummy hash made once) before measuring.
		await signInCost(officer.email, 'wrong password');
		await signInCost(`nobody-${randomUUID()}@prison.example`, 'wrong password');
		for (let i = 0; i < TRIES; i += 1) {
			const real = await signInCost(officer.email, `wrong password ${i}`);
			const nobody = await signInCost(`nobody-${randomUUID()}@prison.example`, `wrong password ${i}`);
			expect([real.status, nobody.status]).toEqual([401, 401]);
			known.push(real.cpuMs);
			unknown.push(nobody.cpuMs);
		}
		const ratio = median(unknown) / median(known);
		expect(ratio, `unknown ${median(unknown)} ms, known ${median(known)} ms of CPU`).toBeGreaterThan(BAND.low);
		expect(ratio, `unknown ${median(unknown)} ms, known ${median(known)} ms of CPU`).toBeLessThan(BAND.high);
	});

	it('and a right password costs the same again (one scrypt, no more)', async () => {
		const right = await signInCost(officer.email, officer.password);
		const wrong = await signInCost(officer.email, 'wrong password');
		expect([right.status, wrong.status]).toEqual([200, 401]);
		// A successful sign-in also writes a session and an audit row: allow it more, but not a second scrypt's worth.
		expect(right.cpuMs / wrong.cpuMs).toBeLessThan(BAND.high);
	});
});
