// Rate limits across processes: the counters live in the rate_limits table, so two
// server processes on one PostgreSQL share them and N processes do not allow N times the limit.
// Wrong sign-ins from one address, sent alternately to two processes, meet the per-address limit
// (LOGIN_LIMITS.perAddress) in total.
//
// Only with PostgreSQL (DATABASE_URL): PGlite is one process's files and cannot be shared, so on
// PGlite this suite is not applicable and is not defined (as tests/reliability/two-servers.test.ts).
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../../server/routes/staff/auth';
import { call } from '../helpers/api';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { createTestDatabase } from '../helpers/test-database';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

describe.runIf(Boolean(process.env.DATABASE_URL))('rate limits shared by two server processes on one PostgreSQL', () => {
	it('holds the per-address sign-in limit in total, not per process', async () => {
		const { capacity, refillEveryMs } = LOGIN_LIMITS.perAddress;
		const database = await createTestDatabase();
		cleanups.push(() => database.close());
		const servers: ServerProcess[] = [];
		for (let i = 0; i < 2; i += 1) {
			const server = await startServerProcess({ port: await freePort(), env: { DATABASE_URL: database.url! }, timeoutMs: 90_000 });
			cleanups.push(() => server.stop());
			servers.push(server);
		}

		// Half again as many attempts as the limit: per process, each would stay under it.
		const attempts = Math.ceil(capacity * 1.5);
		expect(attempts / servers.length).toBeLessThanOrEqual(capacity);
		const started = Date.now();
		const answers: { server: number; status: number }[] = [];
		for (let i = 0; i < attempts; i += 1) {
			// A new email each time, so only the per-address limit (not the pair's or the email's) is met.
			const body = { email: `nobody-${randomBytes(4).toString('hex')}@prison.example`, password: 'wrong-password' };
			const answer = await call(servers[i % 2]!, 'POST', '/api/staff/login', { body });
			answers.push({ server: i % 2, status: answer.status });
		}
		const elapsedMs = Date.now() - started;
		// A token comes back every refillEveryMs; on a slow machine the run may earn one or two.
		const earned = Math.floor(elapsedMs / refillEveryMs);

		const statuses = answers.map((answer) => answer.status);
		expect(statuses.slice(0, capacity)).toEqual(Array(capacity).fill(401));
		expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
		const failed = statuses.filter((status) => status === 401).length;
		expect(failed).toBeGreaterThanOrEqual(capacity);
		expect(failed).toBeLessThanOrEqual(capacity + earned);
		// Both processes refuse once the shared allowance is spent.
		for (const server of [0, 1]) expect(answers.some((answer) => answer.server === server && answer.status === 429)).toBe(true);
	}, 180_000);
});
