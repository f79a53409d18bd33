import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueForRequest } from '../../server/messages/push-deliveries';
import { decisionPayload } from '../../server/push/messages';
import { pinnedAgent } from '../../server/push/send-guard';
import { loadVapidKeys, type VapidKeys } from '../../server/push/vapid';
import { createPushWorker } from '../helpers/push-worker';
import { t } from '../../src/lib/shared/i18n';
import { call, newDeviceSecret, startTestApi, type TestApi } from '../helpers/api';
import { createBrowserLikeSubscription, startPushEndpoint } from '../helpers/push-endpoint';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

/*
 * Found by an outside test: it registered endpoints that the server's check read as a
 * public name but web-push (Node's legacy url.parse) read as 127.0.0.1, and the server then opened
 * TLS connections to 127.0.0.1:443. Here a listener on 127.0.0.1:443 (and [::1]:443) counts every
 * TCP connection, and must see none, whether the endpoint comes through the API or was stored
 * before the fix and is found by the worker.
 */

const BYPASSES = [
	"https://127.0.0.1'.example.com/x",
	'https://127.0.0.1;.example.com/x',
	'https://127.0.0.1{.example.com/x',
	'https://127.0.0.1}.example.com/x',
	'https://127.0.0.1".example.com/x',
	'https://127.0.0.1`.example.com/x',
	"https://169.254.169.254'.example.com/latest/meta-data",
	'https://[::7f00:1]/x',
	'https://[2002:7f00:1::]/x',
	'https://[64:ff9b:1::7f00:1]/x',
	'https://[::ffff:127.0.0.1]/x',
	'https://127.0.0.1:443/x',
	'https://2130706433/x',
	'https://kubernetes.default.svc/x',
	'https://fcm.googleapis.com:5432/x',
	'https://fcm.googleapis.com:22/x'
];
/** Names that resolve to loopback: not push services, so refused by the default list; with `*`, refused at send (below). */
const LOOPBACK_NAMES = ['https://localtest.me/x', 'https://127.0.0.1.nip.io/x'];

interface Listener {
	connections: number;
	close(): Promise<void>;
}

async function listen(host: string, port: number): Promise<Listener> {
	const sockets = new Set<Socket>();
	const listener = { connections: 0, close: async () => {} };
	const server: Server = createServer((socket) => {
		listener.connections += 1;
		sockets.add(socket);
		socket.destroy();
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve());
	});
	listener.close = () =>
		new Promise<void>((resolve) => {
			for (const socket of sockets) socket.destroy();
			server.close(() => resolve());
		});
	return listener;
}

function browserKeys() {
	const ecdh = createECDH('prime256v1');
	return { p256dh: ecdh.generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

let loopback443: Listener;
let loopback6443: Listener | undefined;

beforeAll(async () => {
	// Tests run as root here; 443 is the port the outside test saw the server connect to.
	loopback443 = await listen('127.0.0.1', 443);
	loopback6443 = await listen('::1', 443).catch(() => undefined);
});
afterAll(async () => {
	await loopback443?.close();
	await loopback6443?.close();
});
const connectionsSeen = () => loopback443.connections + (loopback6443?.connections ?? 0);

describe('subscribing with an endpoint that points into our own network', () => {
	let api: TestApi;
	beforeAll(async () => {
		// Every public name allowed, so what refuses these is the parsing and address checks, not the list.
		api = await startTestApi({ env: { PUSH_ALLOWED_HOSTS: '*' } });
	});
	afterAll(async () => {
		await api?.close();
	});

	it.each(BYPASSES)('refuses %s with a field message, and nothing connects to 127.0.0.1', async (endpoint) => {
		const before = connectionsSeen();
		const saved = await call(api, 'POST', '/api/push/subscriptions', {
			bearer: newDeviceSecret(),
			body: { endpoint, keys: browserKeys() }
		});
		expect(saved.status).toBe(400);
		expect(saved.body.error.fields.endpoint).toMatch(/notification|push service/i);
		expect(await api.db.selectFrom('pushSubscriptions').select('id').execute()).toEqual([]);
		expect(connectionsSeen()).toBe(before);
	});

	it('refuses names that are not push services under the default PUSH_ALLOWED_HOSTS', async () => {
		const strict = await startTestApi();
		try {
			for (const endpoint of [...LOOPBACK_NAMES, 'https://push.example.com/x']) {
				const saved = await call(strict, 'POST', '/api/push/subscriptions', {
					bearer: newDeviceSecret(),
					body: { endpoint, keys: browserKeys() }
				});
				expect(saved.status, endpoint).toBe(400);
				expect(saved.body.error.fields.endpoint).toBe(t('push.endpoint.notAllowed'));
			}
		} finally {
			await strict.close();
		}
	});

	it('refuses a p256dh that is 65 bytes from 0x04 but not a point on P-256, with a field error', async () => {
		const offCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url');
		const saved = await call(api, 'POST', '/api/push/subscriptions', {
			bearer: newDeviceSecret(),
			body: { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', keys: { ...browserKeys(), p256dh: offCurve } }
		});
		expect(saved.status).toBe(400);
		expect(saved.body.error.fields).toEqual({ 'keys.p256dh': t('push.keys.p256dh.invalid') });
	});

	it('keeps the normalised endpoint, and unsubscribes by either spelling', async () => {
		const phone = newDeviceSecret();
		const saved = await call(api, 'POST', '/api/push/subscriptions', {
			bearer: phone,
			body: { endpoint: 'https://FCM.googleapis.com:443/fcm/send/Ab', keys: browserKeys() }
		});
		expect(saved.status).toBe(201);
		const row = await api.db.selectFrom('pushSubscriptions').select('endpoint').where('id', '=', saved.body.id).executeTakeFirstOrThrow();
		expect(row.endpoint).toBe('https://fcm.googleapis.com/fcm/send/Ab');
		const removed = await call(api, 'DELETE', '/api/push/subscriptions', {
			bearer: phone,
			body: { endpoint: 'https://FCM.googleapis.com:443/fcm/send/Ab' }
		});
		expect(removed.status).toBe(204);
	});
});

describe('sending to a subscription stored before these checks', () => {
	let testDb: TestDatabase;
	let vapid: VapidKeys;
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
	});

	async function storedSubscription(endpoint: string, keys = browserKeys()) {
		const deviceId = randomUUID();
		await testDb.db
			.insertInto('visitorDevices')
			.values({ id: deviceId, secretHash: randomBytes(32).toString('hex') })
			.execute();
		const id = randomUUID();
		await testDb.db
			.insertInto('pushSubscriptions')
			.values({ id, endpoint, p256dh: keys.p256dh, auth: keys.auth, deviceId, staffId: null, prisonId: null })
			.execute();
		const requestId = randomUUID();
		const payload = decisionPayload('rejected', { requestId, reference: 'K7PQ-2XHD', prisonName: 'HMP Rochester' });
		await testDb.db.transaction().execute((trx) => enqueueForRequest(trx, { requestId, deviceId, payload }));
		return id;
	}

	const subscriptionExists = async (id: string) =>
		(await testDb.db.selectFrom('pushSubscriptions').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

	it('drops each bypass endpoint without connecting anywhere (default policy)', async () => {
		const ids = [];
		const all = [...BYPASSES, ...LOOPBACK_NAMES];
		for (const endpoint of all) ids.push(await storedSubscription(endpoint));
		const before = connectionsSeen();
		const summary = await createPushWorker({ db: testDb.db, vapid, batchSize: 50, timeoutMs: 2_000 }).runOnce();
		expect(connectionsSeen()).toBe(before);
		expect(summary).toMatchObject({ claimed: all.length, removed: all.length, sent: 0 });
		for (const id of ids) expect(await subscriptionExists(id)).toBe(false);
	});

	it('resolves the name at send time and refuses loopback, private and mapped answers', async () => {
		const answers: Record<string, string[]> = {
			'localtest.me': ['127.0.0.1'],
			'a.nip.io': ['10.0.0.7'],
			'b.nip.io': ['169.254.169.254'],
			'c.example.com': ['100.64.1.1'],
			'd.example.com': ['fd00::1'],
			'e.example.com': ['::ffff:127.0.0.1'],
			'f.example.com': ['8.8.8.8', '127.0.0.1'] // one public, one not: refused
		};
		const ids = [];
		for (const host of Object.keys(answers)) ids.push(await storedSubscription(`https://${host}/push/x`));
		const asked: string[] = [];
		const worker = createPushWorker({
			db: testDb.db,
			vapid,
			batchSize: 50,
			endpointPolicy: { allowedHosts: ['*'] },
			resolve: async (host) => {
				asked.push(host);
				return (answers[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
			}
		});
		const before = connectionsSeen();
		expect(await worker.runOnce()).toMatchObject({ removed: ids.length, sent: 0 });
		expect(asked.sort()).toEqual(Object.keys(answers).sort());
		for (const id of ids) expect(await subscriptionExists(id)).toBe(false);
		expect(connectionsSeen()).toBe(before);
	});

	it('drops a subscription whose key is not a point on P-256 instead of retrying', async () => {
		const offCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url');
		const id = await storedSubscription('https://fcm.googleapis.com/fcm/send/x', { ...browserKeys(), p256dh: offCurve });
		const summary = await createPushWorker({ db: testDb.db, vapid, resolve: async () => [{ address: '8.8.8.8', family: 4 }] }).runOnce();
		expect(summary).toMatchObject({ claimed: 1, removed: 1, retried: 0 });
		expect(await subscriptionExists(id)).toBe(false);
	});

	it('does not let PUSH_ALLOW_INSECURE open anything but the literal 127.0.0.1', async () => {
		const ids = [
			await storedSubscription('https://localhost/x'),
			await storedSubscription('https://[::1]/x'),
			await storedSubscription('https://10.0.0.1/x')
		];
		const before = connectionsSeen();
		const summary = await createPushWorker({
			db: testDb.db,
			vapid,
			endpointPolicy: { allowInsecure: true },
			resolve: async () => [{ address: '127.0.0.1', family: 4 }]
		}).runOnce();
		expect(summary).toMatchObject({ removed: ids.length });
		expect(connectionsSeen()).toBe(before);
	});
});

describe('the connection goes to the address that was checked', () => {
	it('a pinned agent connects to its address whatever the name would resolve to now', async () => {
		const service = await startPushEndpoint();
		try {
			const port = new URL(service.url).port;
			// A name nobody's DNS knows: the only way this request arrives is through the pinned address.
			const agent = pinnedAgent(
				{ hostname: 'push.rebinding.invalid', address: '127.0.0.1', family: 4 },
				{ ...service.agent.options, checkServerIdentity: () => undefined }
			);
			const status = await new Promise<number>((resolve, reject) => {
				const req = httpsRequest(`https://push.rebinding.invalid:${port}/push/pinned`, { method: 'POST', agent }, (res) => {
					res.resume();
					resolve(res.statusCode ?? 0);
				});
				req.on('error', reject);
				req.end('x');
			});
			agent.destroy();
			expect(status).toBe(201);
			expect(service.received.map((push) => push.path)).toEqual(['/push/pinned']);
		} finally {
			await service.close();
		}
	});

	it('the test seam (PUSH_ALLOW_INSECURE, 127.0.0.1 only) still delivers to the local stand-in', async () => {
		const service = await startPushEndpoint();
		const testDb = await createTestDatabase();
		try {
			const vapid = await loadVapidKeys(testDb.db, 'mailto:push-tests@example.gov.uk');
			const deviceId = randomUUID();
			await testDb.db
				.insertInto('visitorDevices')
				.values({ id: deviceId, secretHash: randomBytes(32).toString('hex') })
				.execute();
			const browser = createBrowserLikeSubscription(`${service.url}/push/${randomUUID()}`);
			await testDb.db
				.insertInto('pushSubscriptions')
				.values({
					id: randomUUID(),
					endpoint: browser.subscription.endpoint,
					p256dh: browser.subscription.keys.p256dh,
					auth: browser.subscription.keys.auth,
					deviceId,
					staffId: null,
					prisonId: null
				})
				.execute();
			const requestId = randomUUID();
			await testDb.db.transaction().execute((trx) =>
				enqueueForRequest(trx, {
					requestId,
					deviceId,
					payload: decisionPayload('rejected', { requestId, reference: 'K7PQ-2XHD', prisonName: 'HMP Rochester' })
				})
			);
			const summary = await createPushWorker({
				db: testDb.db,
				vapid,
				agent: service.agent,
				endpointPolicy: { allowInsecure: true }
			}).runOnce();
			expect(summary).toMatchObject({ sent: 1 });
			expect(service.received).toHaveLength(1);
		} finally {
			await service.close();
			await testDb.close();
		}
	});
});
