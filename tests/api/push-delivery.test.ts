import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimDeliveries } from '../../server/messages/store';
import { enqueueForPrisonStaff, enqueueForRequest, topicForRequest } from '../../server/messages/push-deliveries';
import { decisionPayload, newRequestPayload } from '../../server/push/messages';
import { deleteSubscription, saveSubscription, type PushOwner } from '../../server/push/subscriptions';
import { loadVapidKeys, type VapidKeys } from '../../server/push/vapid';
import { createPushWorker, type PushWorkerOptions } from '../helpers/push-worker';
import { PushPayload, PushSubscriptionInput } from '../../src/lib/shared/schemas-push';
import {
	createBrowserLikeSubscription,
	startPushEndpoint,
	verifyVapidAuthorization,
	type PushEndpoint,
	type PushEndpointOptions
} from '../helpers/push-endpoint';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const SUBJECT = 'mailto:push-tests@example.gov.uk';

let testDb: TestDatabase;
let vapid: VapidKeys;
let pushService: PushEndpoint | undefined;
/** The test's clock runs with real time (jobs are stamped by the database) and can jump ahead. */
let skipped = 0;
const clock = () => new Date(Date.now() + skipped);

beforeAll(async () => {
	testDb = await createTestDatabase();
	vapid = await loadVapidKeys(testDb.db, SUBJECT);
});
afterAll(async () => {
	await testDb?.close();
});
beforeEach(async () => {
	// Each test starts with an empty queue: the worker takes every due job in the database.
	await testDb.db.deleteFrom('deliveries').execute();
	await testDb.db.deleteFrom('pushSubscriptions').execute();
	skipped = 0;
});
afterEach(async () => {
	await pushService?.close();
	pushService = undefined;
});

async function startService(options?: PushEndpointOptions) {
	pushService = await startPushEndpoint(options);
	return pushService;
}

async function newDevice(): Promise<string> {
	const id = randomUUID();
	await testDb.db
		.insertInto('visitorDevices')
		.values({ id, secretHash: randomBytes(32).toString('hex') })
		.execute();
	return id;
}

async function subscribe(owner: PushOwner, service: PushEndpoint) {
	const browser = createBrowserLikeSubscription(`${service.url}/push/${randomUUID()}`);
	const saved = await saveSubscription(testDb.db, owner, PushSubscriptionInput.parse(browser.subscription));
	return { ...browser, subscriptionId: saved.id };
}

function booked(requestId: string) {
	return decisionPayload('booked', {
		requestId,
		reference: 'K7PQ-2XHD',
		prisonName: 'HMP Rochester',
		date: '2026-12-05',
		start: '14:00'
	});
}

/** As a route does it: the state change and its push in one transaction. */
function enqueue(deviceId: string, payload: PushPayload) {
	return testDb.db.transaction().execute((trx) => enqueueForRequest(trx, { requestId: payload.requestId, deviceId, payload }));
}

function worker(service: PushEndpoint, overrides: Partial<PushWorkerOptions> = {}) {
	return createPushWorker({
		db: testDb.db,
		vapid,
		agent: service.agent,
		endpointPolicy: { allowInsecure: true },
		clock,
		random: () => 0.5,
		...overrides
	});
}

const later = (ms: number) => {
	skipped += ms;
};

const jobsOf = (subscriptionId: string) =>
	testDb.db
		.selectFrom('deliveries')
		.select(['status', 'attempts', 'failure', 'failureReason', 'statusAt'])
		.where('subscriptionId', '=', subscriptionId)
		.execute();

describe('telling a visitor what happened to their request', () => {
	it('sends one encrypted push with the status and request id, a Topic, a TTL and VAPID', async () => {
		const service = await startService();
		const deviceId = await newDevice();
		const browser = await subscribe({ deviceId }, service);
		const requestId = randomUUID();

		expect(await enqueue(deviceId, booked(requestId))).toBe(1);
		const summary = await worker(service).runOnce();

		expect(summary).toMatchObject({ claimed: 1, sent: 1 });
		expect(service.received).toHaveLength(1);
		const [push] = service.received;
		const message = PushPayload.parse(JSON.parse(browser.decrypt(push!.body)));
		expect(message).toMatchObject({ requestId, status: 'booked', url: `/visits/${requestId}` });
		expect(message.body).toContain('Saturday 5 December 2026 at 2pm');
		expect(push!.headers['content-encoding']).toBe('aes128gcm');
		expect(push!.headers.ttl).toBe(String(24 * 60 * 60));
		expect(push!.headers.topic).toBe(topicForRequest(requestId));
		expect(push!.headers.topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
		expect(push!.headers.urgency).toBe('high');

		const claims = verifyVapidAuthorization(push!.headers.authorization);
		expect(claims.publicKey).toBe(vapid.publicKey);
		expect(claims.aud).toBe(service.url);
		expect(claims.sub).toBe(SUBJECT);

		expect(await jobsOf(browser.subscriptionId)).toEqual([expect.objectContaining({ status: 'sent', attempts: 1, failure: null })]);
		expect((await worker(service).runOnce()).claimed).toBe(0);
	});

	it('queues nothing, and commits nothing, when the visitor has no notifications or the decision rolls back', async () => {
		const service = await startService();
		const quietDevice = await newDevice();
		expect(await enqueue(quietDevice, booked(randomUUID()))).toBe(0);

		const deviceId = await newDevice();
		await subscribe({ deviceId }, service);
		await expect(
			testDb.db.transaction().execute(async (trx) => {
				await enqueueForRequest(trx, { requestId: randomUUID(), deviceId, payload: booked(randomUUID()) });
				throw new Error('slot full: decision rolled back');
			})
		).rejects.toThrow('rolled back');

		expect(await worker(service).runOnce()).toMatchObject({ claimed: 0 });
		expect(service.received).toHaveLength(0);
	});

	it('reaches every browser of the device, and keeps a long staff message within the size limit', async () => {
		const service = await startService();
		const deviceId = await newDevice();
		const phone = await subscribe({ deviceId }, service);
		const tablet = await subscribe({ deviceId }, service);
		const requestId = randomUUID();
		const payload = { ...booked(requestId), body: 'Please bring photo ID. '.repeat(400) };

		expect(await enqueue(deviceId, payload)).toBe(2);
		await worker(service).runOnce();

		expect(service.received).toHaveLength(2);
		const bodies = service.received.map((push) =>
			[phone, tablet]
				.map((b) => {
					try {
						return b.decrypt(push.body);
					} catch {
						return null;
					}
				})
				.find((text) => text !== null)
		);
		for (const text of bodies) {
			expect(new TextEncoder().encode(text!).length).toBeLessThanOrEqual(3000);
			expect(PushPayload.parse(JSON.parse(text!)).body.endsWith('…')).toBe(true);
		}
	});

	it('removes the subscription when the push service says it is gone (410)', async () => {
		const service = await startService({ respond: () => 410 });
		const deviceId = await newDevice();
		const browser = await subscribe({ deviceId }, service);

		await enqueue(deviceId, booked(randomUUID()));
		expect(await worker(service).runOnce()).toMatchObject({ claimed: 1, removed: 1 });

		const left = await testDb.db.selectFrom('pushSubscriptions').select('id').where('id', '=', browser.subscriptionId).execute();
		expect(left).toEqual([]);
		expect(await jobsOf(browser.subscriptionId)).toEqual([]);
		expect(await enqueue(deviceId, booked(randomUUID()))).toBe(0);
	});

	it('retries after a server error (500) and delivers once', async () => {
		const service = await startService({ respond: (n) => (n === 1 ? 500 : 201) });
		const deviceId = await newDevice();
		const browser = await subscribe({ deviceId }, service);
		await enqueue(deviceId, booked(randomUUID()));
		const pushWorker = worker(service);

		expect(await pushWorker.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
		expect(await jobsOf(browser.subscriptionId)).toEqual([
			expect.objectContaining({ status: 'queued', attempts: 1, failure: 'push service answered 500' })
		]);
		// Backed off: not due yet.
		expect(await pushWorker.runOnce()).toMatchObject({ claimed: 0 });

		later(60_000);
		expect(await pushWorker.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
		later(60 * 60_000);
		expect(await pushWorker.runOnce()).toMatchObject({ claimed: 0 });

		expect(service.received.map((push) => push.status)).toEqual([500, 201]);
		expect(await jobsOf(browser.subscriptionId)).toEqual([expect.objectContaining({ status: 'sent', attempts: 2, failure: null })]);
	});

	it('waits as long as Retry-After asks (429)', async () => {
		const service = await startService({
			respond: (n) => (n === 1 ? { status: 429, headers: { 'Retry-After': '600' } } : 201)
		});
		const deviceId = await newDevice();
		await subscribe({ deviceId }, service);
		await enqueue(deviceId, booked(randomUUID()));
		const pushWorker = worker(service);

		expect(await pushWorker.runOnce()).toMatchObject({ retried: 1 });
		later(5 * 60_000);
		expect(await pushWorker.runOnce()).toMatchObject({ claimed: 0 });
		later(6 * 60_000);
		expect(await pushWorker.runOnce()).toMatchObject({ sent: 1 });
	});

	it('gives up after the last attempt and records why', async () => {
		const service = await startService({ respond: () => 503 });
		const deviceId = await newDevice();
		const browser = await subscribe({ deviceId }, service);
		await enqueue(deviceId, booked(randomUUID()));
		const pushWorker = worker(service, { maxAttempts: 3 });

		for (let round = 0; round < 3; round++) {
			await pushWorker.runOnce();
			later(60 * 60_000);
		}
		expect(await pushWorker.runOnce()).toMatchObject({ claimed: 0 });
		expect(service.received).toHaveLength(3);
		expect(await jobsOf(browser.subscriptionId)).toEqual([
			expect.objectContaining({ status: 'failed', attempts: 3, failureReason: 'gave_up', failure: 'push service answered 503' })
		]);
	});

	it('drops a subscription the push service refuses for good (403), and keeps it on 413', async () => {
		const service = await startService({ respond: (_n, path) => (path.endsWith('refused') ? 403 : 413) });
		const deviceId = await newDevice();
		const refusedBrowser = createBrowserLikeSubscription(`${service.url}/push/refused`);
		const refused = await saveSubscription(testDb.db, { deviceId }, PushSubscriptionInput.parse(refusedBrowser.subscription));
		const tooBig = await subscribe({ deviceId }, service);

		await enqueue(deviceId, booked(randomUUID()));
		expect(await worker(service).runOnce()).toMatchObject({ claimed: 2, removed: 1, failed: 1 });

		const ids = await testDb.db.selectFrom('pushSubscriptions').select('id').execute();
		expect(ids.map((row) => row.id)).toEqual([tooBig.subscriptionId]);
		expect(refused.id).not.toBe(tooBig.subscriptionId);
		expect(await jobsOf(tooBig.subscriptionId)).toEqual([expect.objectContaining({ status: 'failed', attempts: 1 })]);
	});

	it('delivers a job whose worker crashed mid-send once its lease has run out, exactly once', async () => {
		const service = await startService();
		const deviceId = await newDevice();
		const browser = await subscribe({ deviceId }, service);
		const requestId = randomUUID();
		await enqueue(deviceId, booked(requestId));

		// A worker claims the job and dies before sending: its lease is never released.
		const crashed = await claimDeliveries(testDb.db, { now: clock(), leaseMs: 60_000, limit: 10, maxAttempts: 8, channels: ['push'] });
		expect(crashed).toHaveLength(1);

		const survivor = worker(service);
		expect(await survivor.runOnce()).toMatchObject({ claimed: 0 });
		later(30_000);
		expect(await survivor.runOnce()).toMatchObject({ claimed: 0 });
		later(31_000);
		expect(await survivor.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
		later(10 * 60_000);
		expect(await survivor.runOnce()).toMatchObject({ claimed: 0 });

		expect(service.received).toHaveLength(1);
		expect(JSON.parse(browser.decrypt(service.received[0]!.body))).toMatchObject({ requestId });
		expect(await jobsOf(browser.subscriptionId)).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })]);
	});
});

describe('waking the worker', () => {
	it('delivers soon after the commit when the wake-up came before it, with no NOTIFY to hear', async () => {
		const service = await startService();
		const deviceId = await newDevice();
		await subscribe({ deviceId }, service);
		// No databaseUrl, so no LISTEN: only the in-process wake-up, sent from inside the transaction.
		// A poll far beyond the wait below, so only a wake-up that is not lost can deliver in time.
		const background = worker(service, { pollMs: 120_000 });
		await background.start();
		try {
			const requestId = randomUUID();
			await testDb.db.transaction().execute(async (trx) => {
				expect(await enqueueForRequest(trx, { requestId, deviceId, payload: booked(requestId) })).toBe(1);
				// The woken worker looks now (on PostgreSQL), finds nothing committed, and must look
				// again once this transaction is over rather than sleep until its next poll.
				await new Promise((resolve) => setTimeout(resolve, 1_000));
			});
			await expect.poll(() => service.received.length, { timeout: 15_000, interval: 50 }).toBe(1);
		} finally {
			await background.stop();
		}
	});
});

describe('telling staff a new request is waiting', () => {
	it('reaches staff opted in to that prison who may still see it, and nobody else', async () => {
		const service = await startService();
		const db = testDb.db;
		const [rochester, elsewhere] = [randomUUID(), randomUUID()];
		await db
			.insertInto('prisons')
			.values([
				{ id: rochester, code: `R${rochester.slice(0, 5)}`, name: 'HMP Rochester', address: 'Rochester', visitorInfo: '' },
				{ id: elsewhere, code: `E${elsewhere.slice(0, 5)}`, name: 'HMP Elsewhere', address: 'Elsewhere', visitorInfo: '' }
			])
			.execute();
		const staff = async (prisons: string[]) => {
			const id = randomUUID();
			await db
				.insertInto('staffUsers')
				.values({ id, email: `${id}@example.gov.uk`, name: 'Officer', passwordHash: 'x' })
				.execute();
			if (prisons.length)
				await db
					.insertInto('staffPrisons')
					.values(prisons.map((prisonId) => ({ staffId: id, prisonId })))
					.execute();
			return id;
		};
		const optedIn = await subscribe({ staffId: await staff([rochester]), prisonId: rochester }, service);
		await subscribe({ staffId: await staff([rochester]) }, service); // not opted in
		await subscribe({ staffId: await staff([elsewhere]), prisonId: elsewhere }, service);
		await subscribe({ staffId: await staff([]), prisonId: rochester }, service); // no longer at Rochester

		const requestId = randomUUID();
		const queued = await db.transaction().execute((trx) =>
			enqueueForPrisonStaff(trx, {
				prisonId: rochester,
				payload: newRequestPayload({ requestId, reference: 'K7PQ-2XHD', prisonName: 'HMP Rochester' })
			})
		);
		expect(queued).toBe(1);
		await worker(service).runOnce();

		expect(service.received).toHaveLength(1);
		expect(JSON.parse(optedIn.decrypt(service.received[0]!.body))).toMatchObject({ requestId, status: 'requested' });
	});
});

describe('saving and removing subscriptions', () => {
	it('refreshes the keys when the same owner subscribes again', async () => {
		const service = await startService();
		const deviceId = await newDevice();
		const first = await subscribe({ deviceId }, service);
		const renewed = createBrowserLikeSubscription(first.subscription.endpoint);

		const saved = await saveSubscription(testDb.db, { deviceId }, PushSubscriptionInput.parse(renewed.subscription));
		expect(saved).toEqual({ id: first.subscriptionId, created: false });

		await enqueue(deviceId, booked(randomUUID()));
		await worker(service).runOnce();
		expect(() => renewed.decrypt(service.received[0]!.body)).not.toThrow();
	});

	it('moves an endpoint to its new owner, without the old owner’s queued pushes', async () => {
		const service = await startService();
		const oldDevice = await newDevice();
		const browser = await subscribe({ deviceId: oldDevice }, service);
		await enqueue(oldDevice, booked(randomUUID()));

		const newDevice_ = await newDevice();
		const moved = await saveSubscription(testDb.db, { deviceId: newDevice_ }, PushSubscriptionInput.parse(browser.subscription));
		expect(moved.created).toBe(false);
		expect(moved.id).not.toBe(browser.subscriptionId);

		expect(await worker(service).runOnce()).toMatchObject({ claimed: 0 });
		expect(await enqueue(oldDevice, booked(randomUUID()))).toBe(0);
		expect(await enqueue(newDevice_, booked(randomUUID()))).toBe(1);
	});

	it('lets only the owner unsubscribe', async () => {
		const service = await startService();
		const owner = await newDevice();
		const stranger = await newDevice();
		const browser = await subscribe({ deviceId: owner }, service);

		expect(await deleteSubscription(testDb.db, { deviceId: stranger }, browser.subscription.endpoint)).toBe(false);
		expect(await deleteSubscription(testDb.db, { deviceId: owner }, browser.subscription.endpoint)).toBe(true);
		expect(await deleteSubscription(testDb.db, { deviceId: owner }, browser.subscription.endpoint)).toBe(false);
	});
});
