import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Notifications } from '../../server/db/listen';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueForRequest } from '../../server/push/jobs';
import { decisionPayload } from '../../server/push/messages';
import { saveSubscription } from '../../server/push/subscriptions';
import { loadVapidKeys, type VapidKeys } from '../../server/push/vapid';
import { createPushWorker, type PushWorker } from '../../server/push/worker';
import { PushSubscriptionInput } from '../../src/lib/shared/schemas-push';
import {
	createBrowserLikeSubscription,
	startPushEndpoint,
	type BrowserLikeSubscription,
	type PushEndpoint
} from '../helpers/push-endpoint';
import { createTestDatabase, listenOn, type TestDatabase } from '../helpers/test-database';

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
		const jobs = await testDb.db.selectFrom('pushJobs').select(['status', 'attempts']).execute();
		expect(jobs).toHaveLength(visitors.length);
		expect(jobs.every((job) => job.status === 'sent' && job.attempts === 1)).toBe(true);
	});

	it('running in the background, deliver promptly after a decision, each exactly once', async () => {
		const visitors = await visitorsWithNotifications(6);
		const workers = [await newWorker({ listen: true }), await newWorker({ listen: true })];
		await Promise.all(workers.map((worker) => worker.start()));

		const startedAt = Date.now();
		for (const visitor of visitors) await decide(visitor);
		await service.waitFor(visitors.length, 5_000);
		// Polling is every minute here, so only a wake-up explains delivery within seconds.
		expect(Date.now() - startedAt).toBeLessThan(5_000);

		await Promise.all(workers.map((worker) => worker.stop()));
		expect(deliveredRequestIds(visitors).sort()).toEqual(visitors.map((v) => v.requestId).sort());
	});

	it('wake up for a job queued by another process (NOTIFY, heard on the LISTEN connection)', async () => {
		const [visitor] = await visitorsWithNotifications(1);
		const worker = await newWorker({ listen: true });
		await worker.start();
		await new Promise((resolve) => setTimeout(resolve, 100)); // the first round finds nothing

		// Another process's transaction: the row and the NOTIFY, committed together.
		const subscription = await testDb.db.selectFrom('pushSubscriptions').select('id').executeTakeFirstOrThrow();
		const payload = JSON.stringify(
			decisionPayload('rejected', { requestId: visitor!.requestId, reference: 'K7PQ-2XHD', prisonName: 'HMP Rochester' })
		);
		const insertJob = `insert into push_jobs (id, subscription_id, payload, ttl) values ('${randomUUID()}', '${subscription.id}', '${payload.replace(/'/g, "''")}'::jsonb, 60)`;
		if (testDb.url) {
			const otherProcess = new pg.Client({ connectionString: testDb.url });
			await otherProcess.connect();
			await otherProcess.query(`begin; ${insertJob}; notify push_jobs; commit;`);
			await otherProcess.end();
		} else {
			// PGlite: one session, but the worker hears the NOTIFY through db/listen.ts as on PostgreSQL.
			await testDb.db.transaction().execute(async (trx) => {
				await sql.raw(insertJob).execute(trx);
				await sql`notify push_jobs`.execute(trx);
			});
		}

		await service.waitFor(1, 5_000);
		expect(deliveredRequestIds([visitor!])).toEqual([visitor!.requestId]);
	});

	it('finish the sends in flight when stopped', async () => {
		const visitors = await visitorsWithNotifications(3);
		for (const visitor of visitors) await decide(visitor);
		const slow = createPushWorker({
			db: testDb.db,
			vapid,
			agent: service.agent,
			endpointPolicy: { allowInsecure: true },
			pollMs: 60_000,
			// A push service that takes a while to answer.
			sender: async (subscription, payload, options) => {
				await new Promise((resolve) => setTimeout(resolve, 200));
				const webpush = (await import('web-push')).default;
				return webpush.sendNotification(subscription, payload, options);
			}
		});
		await slow.start();
		await new Promise((resolve) => setTimeout(resolve, 50)); // sends are in flight
		await slow.stop();

		const jobs = await testDb.db.selectFrom('pushJobs').select(['status', 'lockedUntil']).execute();
		expect(jobs).toHaveLength(3);
		expect(jobs.every((job) => job.status === 'sent' && job.lockedUntil === null)).toBe(true);
		expect(service.received).toHaveLength(3);
	});
});
