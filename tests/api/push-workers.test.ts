import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Notifications } from '../../server/db/listen';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueForRequest } from '../../server/messages/push-deliveries';
import { decisionPayload } from '../../server/push/messages';
import { saveSubscription } from '../../server/push/subscriptions';
import { loadVapidKeys, type VapidKeys } from '../../server/push/vapid';
import { createPushWorker, type PushWorker } from '../helpers/push-worker';
import { PushSubscriptionInput } from '../../src/lib/shared/schemas-push';
import {
	createBrowserLikeSubscription,
	startPushEndpoint,
	type BrowserLikeSubscription,
	type PushEndpoint
} from '../helpers/push-endpoint';
import { createTestDatabase, listenOn, type TestDatabase } from '../helpers/test-database';
import { waitUntil } from '../helpers/wait-until';

/*
 * Several server processes each run a push worker over one database. With DATABASE_URL these run
 * on real PostgreSQL, where the workers' queries truly overlap; on PGlite (one session) the same
 * tests run with the workers taking turns.
 */

let testDb: TestDatabase;
let vapid: VapidKeys;
let service: PushEndpoint;
const running: PushWorker[] = [];
const connections: Notifications[] = [];

beforeAll(async () => {
	testDb = await createTestDatabase();
	vapid = await loadVapidKeys(testDb.db, 'mailto:push-tests@example.gov.uk');
});
afterAll(async () => {
	await testDb?.close();
});
beforeEach(async () => {
	await testDb.db.deleteFrom('deliveries').execute();
	await testDb.db.deleteFrom('pushSubscriptions').execute();
	service = await startPushEndpoint();
});
afterEach(async () => {
	await Promise.all(running.splice(0).map((worker) => worker.stop()));
	await Promise.all(connections.splice(0).map((connection) => connection.close()));
	await service.close();
});

interface Visitor {
	deviceId: string;
	requestId: string;
	browser: BrowserLikeSubscription;
}

async function visitorsWithNotifications(count: number): Promise<Visitor[]> {
	const visitors: Visitor[] = [];
	for (let i = 0; i < count; i++) {
		const deviceId = randomUUID();
		await testDb.db
			.insertInto('visitorDevices')
			.values({ id: deviceId, secretHash: randomBytes(32).toString('hex') })
			.execute();
		const browser = createBrowserLikeSubscription(`${service.url}/push/${randomUUID()}`);
		await saveSubscription(testDb.db, { deviceId }, PushSubscriptionInput.parse(browser.subscription));
		visitors.push({ deviceId, requestId: randomUUID(), browser });
	}
	return visitors;
}

async function decide(visitor: Visitor) {
	const payload = decisionPayload('rejected', {
		requestId: visitor.requestId,
		reference: 'K7PQ-2XHD',
		prisonName: 'HMP Rochester'
	});
	await testDb.db
		.transaction()
		.execute((trx) => enqueueForRequest(trx, { requestId: visitor.requestId, deviceId: visitor.deviceId, payload }));
}

/** The request id each visitor's browser received, decrypted with that browser's keys. */
function deliveredRequestIds(visitors: Visitor[]): string[] {
	const byPath = new Map(visitors.map((v) => [new URL(v.browser.subscription.endpoint).pathname, v]));
	return service.received.map((push) => {
		const visitor = byPath.get(push.path);
		if (!visitor) throw new Error(`push to an unknown endpoint ${push.path}`);
		return (JSON.parse(visitor.browser.decrypt(push.body)) as { requestId: string }).requestId;
	});
}

/** A worker; with `listen`, on a LISTEN connection of its own, as in a server process of its own. */
async function newWorker(options: { pollMs?: number; listen?: boolean } = {}) {
	const notifications = options.listen ? await listenOn(testDb) : undefined;
	if (notifications) connections.push(notifications);
	const worker = createPushWorker({
		db: testDb.db,
		vapid,
		agent: service.agent,
		endpointPolicy: { allowInsecure: true },
		batchSize: 3,
		pollMs: options.pollMs ?? 60_000,
		...(notifications ? { notifications } : {})
	});
	running.push(worker);
	return worker;
}

describe('push workers in several processes', () => {
	it('deliver each of many jobs exactly once when two work the same database at the same time', async () => {
		const visitors = await visitorsWithNotifications(24);
		for (const visitor of visitors) await decide(visitor);
		const [first, second] = [await newWorker(), await newWorker()];

		const drain = async (worker: PushWorker) => {
			let claimed = 0;
			for (;;) {
				const round = await worker.runOnce();
				if (round.claimed === 0) return claimed;
				claimed += round.claimed;
			}
		};
		const claims = await Promise.all([drain(first), drain(second)]);

		expect(claims[0] + claims[1]).toBe(visitors.length);
		// Both took a share: while one is sending, the other claims the next jobs.
		expect(claims[0]).toBeGreaterThan(0);
		expect(claims[1]).toBeGreaterThan(0);
		const delivered = deliveredRequestIds(visitors);
		expect(delivered).toHaveLength(visitors.length);
		expect(new Set(delivered)).toEqual(new Set(visitors.map((v) => v.requestId)));
		const jobs = await testDb.db.selectFrom('deliveries').select(['status', 'attempts']).execute();
		expect(jobs).toHaveLength(visitors.length);
		expect(jobs.every((job) => job.status === 'sent' && job.attempts === 1)).toBe(true);
	});

	it('running in the background, deliver promptly after a decision, each exactly once', async () => {
		const visitors = await visitorsWithNotifications(6);
		const workers = [await newWorker({ listen: true }), await newWorker({ listen: true })];
		await Promise.all(workers.map((worker) => worker.start()));

		for (const visitor of visitors) await decide(visitor);
		// Polling is every minute here, and the wait for delivery shorter: only a wake-up delivers in time.
		await service.waitFor(visitors.length, 30_000);

		await Promise.all(workers.map((worker) => worker.stop()));
		expect(deliveredRequestIds(visitors).sort()).toEqual(visitors.map((v) => v.requestId).sort());
	});

	it('wake up for a job queued by another process (NOTIFY, heard on the LISTEN connection)', async () => {
		const [visitor] = await visitorsWithNotifications(1);
		const worker = await newWorker({ listen: true });
		await worker.start();
		// The first round has found nothing: from here only the NOTIFY (or the minute's poll) delivers.
		await worker.idle();

		// Another process's transaction: the row and the NOTIFY, committed together.
		const subscription = await testDb.db.selectFrom('pushSubscriptions').select('id').executeTakeFirstOrThrow();
		const payload = JSON.stringify(
			decisionPayload('rejected', { requestId: visitor!.requestId, reference: 'K7PQ-2XHD', prisonName: 'HMP Rochester' })
		);
		const insertJob = `insert into deliveries (id, channel, kind, subscription_id, payload, ttl) values ('${randomUUID()}', 'push', 'rejected', '${subscription.id}', '${payload.replace(/'/g, "''")}'::jsonb, 60)`;
		if (testDb.url) {
			const otherProcess = new pg.Client({ connectionString: testDb.url });
			await otherProcess.connect();
			await otherProcess.query(`begin; ${insertJob}; notify deliveries; commit;`);
			await otherProcess.end();
		} else {
			// PGlite: one session, but the worker hears the NOTIFY through db/listen.ts as on PostgreSQL.
			await testDb.db.transaction().execute(async (trx) => {
				await sql.raw(insertJob).execute(trx);
				await sql`notify deliveries`.execute(trx);
			});
		}

		// Well inside the minute's poll: only the NOTIFY can have woken it.
		await service.waitFor(1, 30_000);
		expect(deliveredRequestIds([visitor!])).toEqual([visitor!.requestId]);
	});

	it('finish the sends in flight when stopped', async () => {
		const visitors = await visitorsWithNotifications(3);
		for (const visitor of visitors) await decide(visitor);
		// A push service that answers only when the test says: every send is held in flight.
		let inFlight = 0;
		let answer!: () => void;
		const answered = new Promise<void>((resolve) => (answer = resolve));
		const slow = createPushWorker({
			db: testDb.db,
			vapid,
			agent: service.agent,
			endpointPolicy: { allowInsecure: true },
			pollMs: 60_000,
			sender: async (subscription, payload, options) => {
				inFlight += 1;
				await answered;
				const webpush = (await import('web-push')).default;
				return webpush.sendNotification(subscription, payload, options);
			}
		});
		await slow.start();
		await waitUntil(() => inFlight === 3, 'all three sends in flight');
		let stopped = false;
		const stopping = slow.stop().then(() => (stopped = true));
		// One turn of the event loop: stop() must still be waiting for the sends.
		await new Promise((resolve) => setImmediate(resolve));
		expect(stopped).toBe(false);
		answer();
		await stopping;

		const jobs = await testDb.db.selectFrom('deliveries').select(['status', 'lockedUntil']).execute();
		expect(jobs).toHaveLength(3);
		expect(jobs.every((job) => job.status === 'sent' && job.lockedUntil === null)).toBe(true);
		expect(service.received).toHaveLength(3);
	});
});
