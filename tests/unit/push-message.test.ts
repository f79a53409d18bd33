import { afterEach, describe, expect, it } from 'vitest';
import type { BookAPrisonVisitDb, LocalVisitRequest } from '../../src/lib/client/db';
import { isSamePage, notificationTarget, readPushPayload, recordPushedStatus } from '../../src/lib/client/push-message';
import type { RequestStatus } from '../../src/lib/shared/domain';
import { fakeBrowserStorage, visitRequestInput } from '../helpers/device-db';

let db: BookAPrisonVisitDb;
afterEach(() => db?.close());

const ORIGIN = 'https://visits.example';
const payload = (overrides: Record<string, unknown> = {}) => ({
	requestId: 'b3c1a8d2-0000-4000-8000-000000000001',
	status: 'booked',
	title: 'Your visit is booked',
	body: 'Your visit to HMP Rochester is on Saturday 5 December 2026 at 2pm. Reference K7PQ-2XHD.',
	url: '/visits/b3c1a8d2-0000-4000-8000-000000000001',
	...overrides
});
/** What PushMessageData offers the service worker. */
const data = (value: unknown) => ({ json: () => (typeof value === 'string' ? JSON.parse(value) : value) as unknown });

function localRequest(status: RequestStatus, overrides: Partial<LocalVisitRequest> = {}): LocalVisitRequest {
	const input = visitRequestInput();
	return {
		id: input.id,
		prisonId: input.prisonId,
		reference: 'K7PQ-2XHD',
		status,
		prisoner: input.prisoner,
		visitors: input.visitors,
		slots: input.slots,
		input,
		syncState: 'synced',
		queuedAt: 1_000,
		localUpdatedAt: 1_000,
		...overrides
	};
}

describe('reading a push message', () => {
	it('takes the payload the server sends', () => {
		expect(readPushPayload(data(JSON.stringify(payload())))).toEqual(payload());
	});

	it('refuses anything else: no data, not JSON, missing or mistyped fields', () => {
		expect(readPushPayload(null)).toBeNull();
		expect(readPushPayload(undefined)).toBeNull();
		expect(readPushPayload(data('not json'))).toBeNull();
		expect(readPushPayload(data('"just a string"'))).toBeNull();
		const { status: _status, ...noStatus } = payload();
		expect(readPushPayload(data(noStatus))).toBeNull();
		expect(readPushPayload(data(payload({ requestId: 42 })))).toBeNull();
		expect(readPushPayload(data(payload({ url: null })))).toBeNull();
	});
});

describe('recording the status a push brought', () => {
	it('moves the device’s copy forward and says it changed', async () => {
		db = fakeBrowserStorage().open();
		const request = localRequest('requested');
		await db.requests.add(request);

		expect(await recordPushedStatus(db, { requestId: request.id, status: 'booked' }, 5_000)).toBe(true);

		expect(await db.requests.get(request.id)).toMatchObject({ status: 'booked', localUpdatedAt: 5_000, syncState: 'synced' });
	});

	it('never moves it back: a late "booked" after "cancelled" changes nothing', async () => {
		db = fakeBrowserStorage().open();
		const request = localRequest('cancelled');
		await db.requests.add(request);

		expect(await recordPushedStatus(db, { requestId: request.id, status: 'booked' })).toBe(false);
		expect(await recordPushedStatus(db, { requestId: request.id, status: 'cancelled' })).toBe(false);
		expect(await recordPushedStatus(db, { requestId: request.id, status: 'requested' })).toBe(false);
		expect(await db.requests.get(request.id)).toEqual(request);
	});

	it('goes from booked to cancelled, but not from rejected to cancelled', async () => {
		db = fakeBrowserStorage().open();
		const booked = localRequest('booked');
		const rejected = localRequest('rejected');
		await db.requests.bulkAdd([booked, rejected]);

		expect(await recordPushedStatus(db, { requestId: booked.id, status: 'cancelled' })).toBe(true);
		expect(await recordPushedStatus(db, { requestId: rejected.id, status: 'cancelled' })).toBe(false);
		expect((await db.requests.get(rejected.id))?.status).toBe('rejected');
	});

	it('marks a request still waiting in the outbox as held by the server: it decided on it', async () => {
		db = fakeBrowserStorage().open();
		const request = localRequest('requested', { syncState: 'pending', reference: null });
		await db.requests.add(request);

		expect(await recordPushedStatus(db, { requestId: request.id, status: 'rejected' })).toBe(true);
		expect(await db.requests.get(request.id)).toMatchObject({ status: 'rejected', syncState: 'synced' });
	});

	it('ignores requests this device does not hold (a staff tablet’s alerts) and unknown statuses', async () => {
		db = fakeBrowserStorage().open();
		const request = localRequest('requested');
		await db.requests.add(request);

		expect(await recordPushedStatus(db, { requestId: crypto.randomUUID(), status: 'booked' })).toBe(false);
		expect(await recordPushedStatus(db, { requestId: request.id, status: 'teleported' })).toBe(false);
		expect(await db.requests.count()).toBe(1);
		expect(await db.requests.get(request.id)).toEqual(request);
	});
});

describe('where a tap on the notification goes', () => {
	it('opens the app’s own page', () => {
		expect(notificationTarget('/visits/abc', ORIGIN)).toBe(`${ORIGIN}/visits/abc`);
		expect(notificationTarget(`${ORIGIN}/staff/requests/abc?x=1#top`, ORIGIN)).toBe(`${ORIGIN}/staff/requests/abc?x=1#top`);
	});

	it('opens the start page for anything off this origin or not a URL', () => {
		for (const url of [
			'https://evil.example/visits',
			'//evil.example/x',
			'javascript:alert(1)',
			'http://visits.example/visits',
			42,
			null,
			undefined
		]) {
			expect(notificationTarget(url, ORIGIN)).toBe(`${ORIGIN}/`);
		}
		expect(notificationTarget('https://evil.example/', ORIGIN, '/app')).toBe(`${ORIGIN}/app/`);
	});

	it('counts a window on the same page with another #fragment as that page', () => {
		expect(isSamePage(`${ORIGIN}/visits/abc#decision`, `${ORIGIN}/visits/abc`)).toBe(true);
		expect(isSamePage(`${ORIGIN}/visits/abc`, `${ORIGIN}/visits/abd`)).toBe(false);
	});
});
