// The server process dies (SIGKILL: no shutdown code runs) in the middle of a stream of submits and
// decisions, and is started again on the same database. Whatever the server acknowledged with a 2xx
// must be there, exactly once; what the clients never heard back about is sent again and lands
// once; and push notifications queued before the crash are still delivered after it.
//
// Runs on PostgreSQL when DATABASE_URL is set, and on PGlite in a data folder otherwise (the PGlite
// run is also the durability check: the folder must open after the kill and hold every write).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import type { Database } from '../../server/db/schema';
import { ROCHESTER } from '../../server/demo-prison';
import { bookingWindow } from '../../src/lib/shared/rules/booking-window';
import { addDays } from '../../src/lib/shared/rules/dates';
import { aVisitRequest, call, newDeviceSecret, type TestJson } from '../helpers/api';
import { createBrowserLikeSubscription, startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const STAFF = { email: 'staff@rochester.example', password: 'kill-test-password' };
const DEVICES = 8;
const WRITERS = 4;

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

/** Where the database lives: its own PostgreSQL database, or a fresh PGlite folder. */
async function aDatabase(): Promise<{ env: Record<string, string>; inspect<T>(look: (db: Kysely<Database>) => Promise<T>): Promise<T> }> {
	if (process.env.DATABASE_URL) {
		const database: TestDatabase = await createTestDatabase();
		cleanups.push(() => database.close());
		return { env: { DATABASE_URL: database.url! }, inspect: (look) => look(database.db) };
	}
	const folder = await mkdtemp(path.join(tmpdir(), 'bpv-kill-'));
	cleanups.push(() => rm(folder, { recursive: true, force: true }));
	const dataDir = path.join(folder, 'data');
	return {
		env: { DATA_DIR: dataDir },
		// PGlite is one process's files: look only while no server has them open.
		async inspect(look) {
			const opened = await openDatabase({ dataDir });
			try {
				return await look(opened.db);
			} finally {
				await opened.close();
			}
		}
	};
}

type Outcome = { kind: 'acked'; status: number } | { kind: 'unknown' } | { kind: 'refused'; status: number };

async function attempt(
	server: { url: string },
	method: string,
	url: string,
	options: Parameters<typeof call>[3]
): Promise<Outcome & { body?: TestJson }> {
	try {
		const answer = await call(server, method, url, options);
		if (answer.status >= 200 && answer.status < 300) return { kind: 'acked', status: answer.status, body: answer.body };
		if (answer.status >= 500) return { kind: 'unknown' };
		return { kind: 'refused', status: answer.status, body: answer.body };
	} catch {
		// No answer: connection refused or reset. The client cannot know whether it happened.
		return { kind: 'unknown' };
	}
}

describe('the server killed in the middle of submits and decisions', () => {
	it('keeps every acknowledged write exactly once, takes the retries once, and delivers queued pushes after restart', async () => {
		const database = await aDatabase();
		let pushServiceUp = false;
		const pushService: PushEndpoint = await startPushEndpoint({
			// Until the restart the push service is having an outage, so notifications queue up.
			respond: () => (pushServiceUp ? 201 : { status: 503, headers: { 'Retry-After': '1' } })
		});
		cleanups.push(() => pushService.close());
		const port = await freePort();
		const env = {
			...database.env,
			SEED: 'demo',
			DEMO_STAFF_PASSWORD: STAFF.password,
			PUSH_ALLOW_INSECURE: '1',
			// A job the killed process had claimed is free again after this, not after minutes.
			PUSH_LEASE_SECONDS: '3',
			NODE_EXTRA_CA_CERTS: pushService.certPath
		};
		let server: ServerProcess = await startServerProcess({ port, env, timeoutMs: 90_000 });
		cleanups.push(() => server.kill());

		const prisons = await call(server, 'GET', '/api/prisons');
		const prisonId: string = (prisons.body.prisons ?? prisons.body).find((p: { code: string }) => p.code === ROCHESTER.code).id;
		const login = await call(server, 'POST', '/api/staff/login', { body: STAFF });
		expect(login.status).toBe(200);
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
		// The demo prison books at once; this test is about staff decisions, so staff decide every request here.
		expect((await call(server, 'PATCH', `/api/staff/prisons/${prisonId}`, { cookie, body: { bookingMode: 'request' } })).status).toBe(200);

		// Each device has a browser subscribed to pushes.
		const devices = Array.from({ length: DEVICES }, () => newDeviceSecret());
		const browsers = new Map<string, ReturnType<typeof createBrowserLikeSubscription>>();
		for (const secret of devices) {
			const browser = createBrowserLikeSubscription(`${pushService.url}/push/${randomUUID()}`);
			const subscribed = await call(server, 'POST', '/api/push/subscriptions', { bearer: secret, body: browser.subscription });
			expect(subscribed.status).toBe(201);
			browsers.set(secret, browser);
		}

		// Afternoon slots across the booking window, so capacity is never what stops a confirm.
		const window = bookingWindow(
			{ timeZone: ROCHESTER.timeZone!, leadDays: ROCHESTER.leadDays!, horizonDays: ROCHESTER.horizonDays! },
			new Date()
		);
		const dates = Array.from({ length: 20 }, (_, i) => addDays(window.from, i + 1));

		interface Submitted {
			body: ReturnType<typeof aVisitRequest>;
			secret: string;
			outcome: Outcome;
		}
		interface Decided {
			requestId: string;
			action: 'confirm' | 'reject';
			outcome: Outcome;
		}
		const submits: Submitted[] = [];
		const decisions: Decided[] = [];
		let serverDown = false;
		let sequence = 0;

		async function writer(): Promise<void> {
			while (!serverDown && sequence < 400) {
				const n = sequence++;
				const secret = devices[n % DEVICES]!;
				const body = aVisitRequest(prisonId, { slots: [{ date: dates[n % dates.length]!, start: '14:00' }] });
				const submitted: Submitted = { body, secret, outcome: { kind: 'unknown' } };
				submits.push(submitted);
				submitted.outcome = await attempt(server, 'POST', '/api/visit-requests', { bearer: secret, body });
				if (submitted.outcome.kind !== 'acked') return;
				const action = n % 2 === 0 ? 'confirm' : 'reject';
				const decided: Decided = { requestId: body.id, action, outcome: { kind: 'unknown' } };
				decisions.push(decided);
				decided.outcome = await attempt(server, 'POST', `/api/staff/requests/${body.id}/${action}`, {
					cookie,
					body: action === 'confirm' ? { slot: body.slots[0] } : { reasons: ['no_allowance'] }
				});
				if (decided.outcome.kind !== 'acked') return;
			}
		}

		const writing = Array.from({ length: WRITERS }, () => writer());
		// Kill once a good number of writes were acknowledged, while the writers are still going.
		const deadline = Date.now() + 30_000;
		while (decisions.filter((d) => d.outcome.kind === 'acked').length < 12 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		await server.kill();
		serverDown = true;
		await Promise.all(writing);

		const ackedSubmits = submits.filter((s) => s.outcome.kind === 'acked');
		const ackedDecisions = decisions.filter((d) => d.outcome.kind === 'acked');
		expect(ackedDecisions.length).toBeGreaterThanOrEqual(12);
		// Nothing the server refused on purpose: every write was valid.
		expect([...submits, ...decisions].filter((w) => w.outcome.kind === 'refused')).toEqual([]);

		// ── Restart on the same database; the push service is back ──
		pushServiceUp = true;
		server = await startServerProcess({ port, env, timeoutMs: 60_000 });
		const relogin = await call(server, 'POST', '/api/staff/login', { body: STAFF });
		const cookieAfter = (relogin.headers.get('set-cookie') ?? '').split(';')[0]!;

		// The clients send again what they never heard back about: the same ids and bodies.
		for (const submitted of submits.filter((s) => s.outcome.kind === 'unknown')) {
			const again = await call(server, 'POST', '/api/visit-requests', { bearer: submitted.secret, body: submitted.body });
			expect([200, 201]).toContain(again.status);
		}
		for (const decided of decisions.filter((d) => d.outcome.kind === 'unknown')) {
			const body = submits.find((s) => s.body.id === decided.requestId)!.body;
			const again = await call(server, 'POST', `/api/staff/requests/${decided.requestId}/${decided.action}`, {
				cookie: cookieAfter,
				body: decided.action === 'confirm' ? { slot: body.slots[0] } : { reasons: ['no_allowance'] }
			});
			// 409: the first attempt had committed before the kill, and the answer says so.
			expect([200, 409]).toContain(again.status);
			if (again.status === 409)
				expect(again.body.error.details).toMatchObject({ status: decided.action === 'confirm' ? 'booked' : 'rejected' });
		}

		// Every decision announces itself to the visitor's browser: one push per decided request.
		const decidedIds = new Set(decisions.map((d) => d.requestId));
		const pushesFor = () => {
			const seen = new Map<string, number>();
			for (const push of pushService.received.filter((p) => p.status === 201)) {
				for (const browser of browsers.values()) {
					try {
						const { requestId } = JSON.parse(browser.decrypt(push.body)) as { requestId: string };
						seen.set(requestId, (seen.get(requestId) ?? 0) + 1);
						break;
					} catch {
						// Not this browser's message.
					}
				}
			}
			return seen;
		};
		const pushDeadline = Date.now() + 45_000;
		while ([...decidedIds].some((id) => !pushesFor().has(id)) && Date.now() < pushDeadline) {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		// Exactly once each: the push service refused everything before the kill, so no message was
		// accepted and then re-sent.
		expect([...decidedIds].map((id) => [id, pushesFor().get(id) ?? 0]).filter(([, n]) => n !== 1)).toEqual([]);

		await server.stop();

		await database.inspect(async (db) => {
			const requests = await db.selectFrom('visitRequests').select(['id', 'status']).execute();
			const status = new Map(requests.map((r) => [r.id, r.status]));
			// Every acknowledged submit is stored; every decision acknowledged is the request's state.
			for (const s of ackedSubmits) expect(status.has(s.body.id), `acknowledged submit ${s.body.id}`).toBe(true);
			for (const d of ackedDecisions) expect(status.get(d.requestId)).toBe(d.action === 'confirm' ? 'booked' : 'rejected');
			// Every attempted submit ended up stored (after the retries), none twice and nothing else.
			expect(requests.map((r) => r.id).sort()).toEqual(submits.map((s) => s.body.id).sort());
			const changes = await db.selectFrom('stateChanges').select(['requestId', 'toStatus']).execute();
			const perRequest = new Map<string, string[]>();
			for (const c of changes) perRequest.set(c.requestId, [...(perRequest.get(c.requestId) ?? []), c.toStatus]);
			for (const s of submits) {
				const expected = decidedIds.has(s.body.id) ? 2 : 1;
				expect(perRequest.get(s.body.id), `history of ${s.body.id}`).toHaveLength(expected);
			}
			// Capacity bookkeeping matches the bookings.
			const booked = requests.filter((r) => r.status === 'booked').length;
			const used = await db
				.selectFrom('slotUsage')
				.select((eb) => eb.fn.sum<number>('booked').as('n'))
				.executeTakeFirstOrThrow();
			expect(Number(used.n ?? 0)).toBe(booked);

			// Every queued job was delivered; nothing is left waiting or given up on.
			const jobs = await db.selectFrom('deliveries').select(['status']).execute();
			expect(jobs.filter((j) => j.status !== 'sent')).toEqual([]);
		});
	}, 240_000);
});
