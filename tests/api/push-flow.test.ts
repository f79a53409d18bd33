import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkDevice, signOutDevice } from '../../server/accounts/accounts';
import { sha256Hex } from '../../server/auth/tokens';
import { PushPayload } from '../../src/lib/shared/schemas-push';
import { aVisitRequest, call, createPrison, createStaff, newDeviceSecret, signIn, startTestApi, type TestApi } from '../helpers/api';
import {
	createBrowserLikeSubscription,
	startPushEndpoint,
	type BrowserLikeSubscription,
	type PushEndpoint
} from '../helpers/push-endpoint';
import { waitUntil } from '../helpers/wait-until';

/*
 * The whole push path through the HTTP API, as a phone and a prison officer meet it: a device
 * registers its subscription, staff decide, and the push service receives one encrypted message
 * per decision that the device's own keys decrypt into the request's new status.
 */

/** Each subscription's endpoint path says how the stand-in push service answers it. */
const GONE_PATH = '/push/gone/';

let pushService: PushEndpoint;
let api: TestApi;
let prisonId: string;
let staffCookie: string;

beforeAll(async () => {
	pushService = await startPushEndpoint({ respond: (_n, path) => (path.startsWith(GONE_PATH) ? 410 : 201) });
	api = await startTestApi({ env: { PUSH_ALLOW_INSECURE: '1' }, pushAgent: pushService.agent });
	prisonId = await createPrison(api.db);
	const officer = await createStaff(api.db, { prisonIds: [prisonId] });
	staffCookie = await signIn(api, officer);
});
afterAll(async () => {
	await api?.close();
	await pushService?.close();
});

/** A phone with its own secret and a push subscription at the stand-in service. */
async function subscribedPhone(path = `/push/${randomUUID()}`) {
	const bearer = newDeviceSecret();
	const browser = createBrowserLikeSubscription(`${pushService.url}${path}`);
	const response = await call(api, 'POST', '/api/push/subscriptions', { bearer, body: browser.subscription });
	expect(response.status).toBe(201);
	return { bearer, browser, path };
}

async function submit(bearer: string): Promise<{ id: string; reference: string; slots: { date: string; start: string }[] }> {
	const response = await call(api, 'POST', '/api/visit-requests', { bearer, body: aVisitRequest(prisonId) });
	expect(response.status).toBe(201);
	return response.body;
}

function pushesTo(path: string) {
	return pushService.received.filter((push) => push.path === path);
}

function decryptPayload(browser: BrowserLikeSubscription, body: Buffer): PushPayload {
	return PushPayload.parse(JSON.parse(browser.decrypt(body)));
}

/** Waits for the n-th push to `path`; the worker sends soon after the decision commits. */
async function waitForPushes(path: string, count: number, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	while (pushesTo(path).length < count) {
		if (Date.now() > deadline) throw new Error(`expected ${count} pushes to ${path}, got ${pushesTo(path).length}`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	return pushesTo(path);
}

/**
 * Every push delivery is queued in the transaction of the decision (or request) it tells of, so once
 * none is pending the worker has sent all it ever will for what happened so far: a duplicate, or
 * a push to the wrong phone, would be at the stand-in by then.
 */
async function allPushesSent(): Promise<void> {
	const pending = async () =>
		(
			await api.db
				.selectFrom('deliveries')
				.select('id')
				.where('channel', '=', 'push')
				.where('status', 'in', ['queued', 'sending'])
				.execute()
		).length;
	await waitUntil(async () => (await pending()) === 0, 'the push worker to send every queued push');
}

describe('a visitor who turned notifications on', () => {
	it('gets exactly one push when staff confirm, saying booked, for that request', async () => {
		const phone = await subscribedPhone();
		const request = await submit(phone.bearer);
		expect(pushesTo(phone.path)).toHaveLength(0);

		const confirmed = await call(api, 'POST', `/api/staff/requests/${request.id}/confirm`, {
			cookie: staffCookie,
			body: { slot: request.slots[0] }
		});
		expect(confirmed.status).toBe(200);

		const [push] = await waitForPushes(phone.path, 1);
		await allPushesSent();
		expect(pushesTo(phone.path)).toHaveLength(1);
		const payload = decryptPayload(phone.browser, push!.body);
		expect(payload).toMatchObject({ requestId: request.id, status: 'booked', url: `/visits/${request.id}` });
		expect(payload.body).toContain(request.reference);
	});

	it('gets exactly one push when staff reject another request, saying rejected', async () => {
		const phone = await subscribedPhone();
		const request = await submit(phone.bearer);

		const rejected = await call(api, 'POST', `/api/staff/requests/${request.id}/reject`, {
			cookie: staffCookie,
			body: { reasons: ['no_allowance'] }
		});
		expect(rejected.status).toBe(200);

		const [push] = await waitForPushes(phone.path, 1);
		await allPushesSent();
		expect(pushesTo(phone.path)).toHaveLength(1);
		expect(decryptPayload(phone.browser, push!.body)).toMatchObject({ requestId: request.id, status: 'rejected' });
	});

	it('hears nothing about another phone’s requests', async () => {
		const mine = await subscribedPhone();
		const theirs = await subscribedPhone();
		const request = await submit(theirs.bearer);
		await call(api, 'POST', `/api/staff/requests/${request.id}/confirm`, { cookie: staffCookie, body: { slot: request.slots[0] } });

		await waitForPushes(theirs.path, 1);
		await allPushesSent();
		expect(pushesTo(mine.path)).toHaveLength(0);
	});

	it('hears nothing after turning notifications off', async () => {
		const phone = await subscribedPhone();
		const request = await submit(phone.bearer);
		const off = await call(api, 'DELETE', '/api/push/subscriptions', {
			bearer: phone.bearer,
			body: { endpoint: phone.browser.subscription.endpoint }
		});
		expect(off.status).toBe(204);

		const confirmed = await call(api, 'POST', `/api/staff/requests/${request.id}/confirm`, {
			cookie: staffCookie,
			body: { slot: request.slots[0] }
		});
		// The decision did happen (and would have been pushed): only the removed subscription stops it.
		expect(confirmed.status).toBe(200);
		expect(confirmed.body.status).toBe('booked');
		await allPushesSent();
		expect(pushesTo(phone.path)).toHaveLength(0);
	});
});

describe('phones signed in to one account (GOV.UK One Login)', () => {
	const deviceOf = async (bearer: string) =>
		(await api.db.selectFrom('visitorDevices').select('id').where('secretHash', '=', sha256Hex(bearer)).executeTakeFirstOrThrow()).id;
	const link = async (bearer: string, account: string) =>
		linkDevice(api.db, { subjectHash: sha256Hex(account), deviceId: await deviceOf(bearer), now: new Date() });

	it('each hear once about a request either made; a phone that signed out, and another account, hear nothing', async () => {
		const maker = await subscribedPhone();
		const other = await subscribedPhone();
		const leaver = await subscribedPhone();
		const stranger = await subscribedPhone();
		const account = `account-${randomUUID()}`;
		await link(maker.bearer, account);
		await link(other.bearer, account);
		await link(leaver.bearer, account);
		await link(stranger.bearer, `account-${randomUUID()}`);
		expect(await signOutDevice(api.db, await deviceOf(leaver.bearer), new Date())).toBe(true);

		const request = await submit(maker.bearer);
		const confirmed = await call(api, 'POST', `/api/staff/requests/${request.id}/confirm`, {
			cookie: staffCookie,
			body: { slot: request.slots[0] }
		});
		expect(confirmed.status).toBe(200);

		await waitForPushes(maker.path, 1);
		const [push] = await waitForPushes(other.path, 1);
		await allPushesSent();
		expect(pushesTo(maker.path)).toHaveLength(1);
		expect(pushesTo(other.path)).toHaveLength(1);
		expect(decryptPayload(other.browser, push!.body)).toMatchObject({ requestId: request.id, status: 'booked' });
		expect(pushesTo(leaver.path)).toHaveLength(0);
		expect(pushesTo(stranger.path)).toHaveLength(0);
	});
});

describe('a subscription the push service says is gone (410)', () => {
	it('is removed after the first push, so later decisions do not try it again', async () => {
		const phone = await subscribedPhone(`${GONE_PATH}${randomUUID()}`);
		const endpoint = phone.browser.subscription.endpoint;
		const first = await submit(phone.bearer);
		const second = await submit(phone.bearer);

		const confirmed = await call(api, 'POST', `/api/staff/requests/${first.id}/confirm`, {
			cookie: staffCookie,
			body: { slot: first.slots[0] }
		});
		expect(confirmed.status).toBe(200);
		const [gone] = await waitForPushes(phone.path, 1);
		expect(gone!.status).toBe(410);
		await expect.poll(() => subscriptionCount(endpoint), { timeout: 5_000 }).toBe(0);

		const rejected = await call(api, 'POST', `/api/staff/requests/${second.id}/reject`, {
			cookie: staffCookie,
			body: { reasons: ['no_allowance'] }
		});
		expect(rejected.status).toBe(200);
		await allPushesSent();
		expect(pushesTo(phone.path)).toHaveLength(1);
		// The visitor's browser still thinks it is subscribed: turning off is then a 404, not an error page.
		const off = await call(api, 'DELETE', '/api/push/subscriptions', { bearer: phone.bearer, body: { endpoint } });
		expect(off.status).toBe(404);
	});
});

describe('staff who opted in to new requests for their prison', () => {
	it('get one push per new request, linking to the request in staff mode', async () => {
		const path = `/push/${randomUUID()}`;
		const tablet = createBrowserLikeSubscription(`${pushService.url}${path}`);
		const optIn = await call(api, 'POST', '/api/push/subscriptions', { cookie: staffCookie, body: { ...tablet.subscription, prisonId } });
		expect(optIn.status).toBe(201);

		const request = await submit(newDeviceSecret());
		const [push] = await waitForPushes(path, 1);
		await allPushesSent();
		expect(pushesTo(path)).toHaveLength(1);
		expect(decryptPayload(tablet, push!.body)).toMatchObject({
			requestId: request.id,
			status: 'requested',
			url: `/staff/requests/${request.id}`
		});

		const off = await call(api, 'DELETE', '/api/push/subscriptions', {
			cookie: staffCookie,
			body: { endpoint: tablet.subscription.endpoint }
		});
		expect(off.status).toBe(204);
	});
});

async function subscriptionCount(endpoint: string): Promise<number> {
	const rows = await api.db.selectFrom('pushSubscriptions').select('id').where('endpoint', '=', endpoint).execute();
	return rows.length;
}
