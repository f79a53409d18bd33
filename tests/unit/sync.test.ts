import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../../src/lib/client/commands';
import { META, type BookAPrisonVisitDb } from '../../src/lib/client/db';
import { getDeviceSecret } from '../../src/lib/client/device';
import { enqueueStaffDecision } from '../../src/lib/client/staff/decide';
import { markStaffSignedIn } from '../../src/lib/client/staff/session';
import { enqueueCancel, enqueueSubmit, enqueueWithdraw, resendSubmit } from '../../src/lib/client/visitor-queue';
import { createSyncEngine, type LockManagerLike, type SyncStatus } from '../../src/lib/client/sync';
import { fakeBrowserStorage, visitRequestInput } from '../helpers/device-db';
import { createFakeVisitServer, type FakeVisitServer } from '../helpers/fake-visit-server';

const T0 = 1_750_000_000_000;
const opened: BookAPrisonVisitDb[] = [];
afterEach(() => {
	for (const db of opened.splice(0)) db.close();
});

/** A device: its storage, a controllable clock, and engines (tabs) over the same database. */
function device(server: FakeVisitServer = createFakeVisitServer()) {
	const storage = fakeBrowserStorage();
	const clock = { now: T0 };
	const openDb = () => {
		const db = storage.open();
		opened.push(db);
		return db;
	};
	const db = openDb();
	const engine = (on: BookAPrisonVisitDb = db, extra: { locks?: LockManagerLike | null } = {}) =>
		createSyncEngine({
			db: on,
			fetch: server.fetch,
			baseUrl: 'http://device.test',
			now: () => clock.now,
			random: () => 0.5,
			locks: null,
			...extra
		});
	return { server, db, clock, engine, openDb };
}

describe('sending a queued request', () => {
	it('a 201 marks the item done and stores the reference and status', async () => {
		const { server, db, engine } = device();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);

		const summary = await engine().syncNow();

		expect(summary).toEqual({ sent: 1, refused: 0, retrying: 0 });
		expect((await db.outbox.toArray()).map((item) => item.state)).toEqual(['done']);
		const stored = server.request(input.id)!;
		expect(await db.requests.get(input.id)).toMatchObject({
			syncState: 'synced',
			reference: stored.reference,
			status: 'requested'
		});
		expect(stored.reference).toMatch(/^REF-/);
	});

	it('sends the device secret as a bearer token', async () => {
		const { server, db, engine } = device();
		await enqueueSubmit(db, visitRequestInput(), T0);
		await engine().syncNow();

		expect(server.calls[0]?.secret).toBe(await getDeviceSecret(db));
	});

	it('a network error keeps the item, with a later retry that then succeeds', async () => {
		const { server, db, clock, engine } = device();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		server.inject('network');
		const sync = engine();

		expect(await sync.syncNow()).toEqual({ sent: 0, refused: 0, retrying: 1 });
		const [waiting] = await db.outbox.toArray();
		expect(waiting).toMatchObject({ state: 'pending', attempts: 1, lastError: { code: 'network', status: 0 } });
		// Full jitter with random() = 0.5: half of base · 2^1.
		expect(waiting!.nextAttemptAt).toBe(T0 + 1_000);
		expect((await db.requests.get(input.id))?.syncState).toBe('pending');

		expect(await sync.syncNow()).toEqual({ sent: 0, refused: 0, retrying: 0 });
		clock.now = T0 + 1_000;
		expect(await sync.syncNow()).toMatchObject({ sent: 1 });
		expect((await db.requests.get(input.id))?.syncState).toBe('synced');
	});

	it('a 5xx is retried with growing waits', async () => {
		const { server, db, clock, engine } = device();
		await enqueueSubmit(db, visitRequestInput(), T0);
		server.inject({ status: 503, body: { error: { code: 'unavailable', message: 'Try later' } } });
		server.inject({ status: 500 });
		const sync = engine();

		await sync.syncNow();
		expect((await db.outbox.toArray())[0]).toMatchObject({ attempts: 1, nextAttemptAt: T0 + 1_000 });
		clock.now = T0 + 1_000;
		await sync.syncNow();
		expect((await db.outbox.toArray())[0]).toMatchObject({ attempts: 2, nextAttemptAt: T0 + 1_000 + 2_000 });
		clock.now = T0 + 3_000;
		expect(await sync.syncNow()).toMatchObject({ sent: 1 });
	});

	it('a 429 waits as long as Retry-After says', async () => {
		const { server, db, clock, engine } = device();
		await enqueueSubmit(db, visitRequestInput(), T0);
		server.inject({ status: 429, headers: { 'retry-after': '120' }, body: { error: { code: 'rate_limited', message: 'Slow down' } } });
		const sync = engine();

		await sync.syncNow();
		expect((await db.outbox.toArray())[0]).toMatchObject({ state: 'pending', nextAttemptAt: T0 + 120_000 });
		clock.now = T0 + 119_999;
		expect(await sync.syncNow()).toMatchObject({ sent: 0 });
		clock.now = T0 + 120_000;
		expect(await sync.syncNow()).toMatchObject({ sent: 1 });
	});

	it('a definite 4xx marks it failed, keeps the error on the request, and holds back its withdraw', async () => {
		const { server, db, engine } = device();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		await enqueueWithdraw(db, input.id, T0);
		const fields = { 'slots.0': 'This time is fully booked: choose another' };
		server.inject({ status: 422, body: { error: { code: 'slot_unavailable', message: 'Choose another time', fields } } });

		expect(await engine().syncNow()).toEqual({ sent: 0, refused: 1, retrying: 0 });

		expect(await db.requests.get(input.id)).toMatchObject({
			syncState: 'rejected',
			lastError: { code: 'slot_unavailable', message: 'Choose another time', fields, status: 422 }
		});
		expect((await db.outbox.orderBy('id').toArray()).map((item) => [item.kind, item.state])).toEqual([
			['submit', 'failed'],
			['withdraw', 'pending']
		]);
		expect(server.calls.filter((call) => call.path.endsWith('/withdraw'))).toHaveLength(0);
	});

	it('a lost answer followed by a replay ends with exactly one request', async () => {
		const { server, db, clock, engine } = device();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		server.inject('lose-response');
		const sync = engine();

		await sync.syncNow();
		expect(server.requests()).toHaveLength(1);
		expect((await db.outbox.toArray())[0]?.state).toBe('pending');

		clock.now = T0 + 10 * 60_000;
		expect(await sync.syncNow()).toMatchObject({ sent: 1 });

		expect(server.calls.map((call) => call.status)).toEqual(['lost', 200, 200]);
		expect(server.requests()).toHaveLength(1);
		expect(await db.requests.count()).toBe(1);
		expect((await db.requests.get(input.id))?.reference).toBe(server.request(input.id)?.reference);
	});

	it('a 200 that is not the API (a captive portal page) does not count as sent', async () => {
		const { server, db, clock, engine } = device();
		await enqueueSubmit(db, visitRequestInput(), T0);
		server.inject({ status: 200, text: '<html>Sign in to the station Wi-Fi</html>', headers: { 'content-type': 'text/html' } });
		const sync = engine();

		expect(await sync.syncNow()).toMatchObject({ sent: 0, retrying: 1 });
		clock.now = T0 + 10 * 60_000;
		expect(await sync.syncNow()).toMatchObject({ sent: 1 });
	});
});

describe('never sending the same item twice at once', () => {
	it('concurrent syncNow calls, in one tab and across tabs, send each item once', async () => {
		const { server, db, engine, openDb } = device();
		const inputs = Array.from({ length: 6 }, () => visitRequestInput());
		for (const input of inputs) await enqueueSubmit(db, input, T0);
		const tab1 = engine(db);
		const tab2 = engine(openDb());

		await Promise.all([tab1.syncNow(), tab1.syncNow(), tab2.syncNow(), tab2.syncNow(), tab1.syncNow()]);

		for (const input of inputs) expect(server.handledCount(input.id), input.id).toBe(1);
		expect(server.overlappingSends()).toBe(0);
		expect(await db.outbox.where('state').equals('done').count()).toBe(6);
	});

	it('with a Web Lock, tabs take turns and still send each item once', async () => {
		const { server, db, engine, openDb } = device();
		const inputs = Array.from({ length: 4 }, () => visitRequestInput());
		for (const input of inputs) await enqueueSubmit(db, input, T0);
		let tail = Promise.resolve();
		let holders = 0;
		let maxHolders = 0;
		const locks: LockManagerLike = {
			request(_name, callback) {
				const run = tail.then(async () => {
					holders += 1;
					maxHolders = Math.max(maxHolders, holders);
					try {
						return await callback();
					} finally {
						holders -= 1;
					}
				});
				tail = run.then(
					() => undefined,
					() => undefined
				);
				return run;
			}
		};

		await Promise.all([engine(db, { locks }).syncNow(), engine(openDb(), { locks }).syncNow()]);

		expect(maxHolders).toBe(1);
		for (const input of inputs) expect(server.handledCount(input.id)).toBe(1);
	});
});

describe('order per request', () => {
	it('a withdraw queued offline is sent after its submit', async () => {
		const { server, db, engine } = device();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		await enqueueWithdraw(db, input.id, T0);

		await engine().syncNow();

		expect(server.calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual([
			'/api/visit-requests',
			`/api/visit-requests/${input.id}/withdraw`
		]);
		expect(server.request(input.id)?.status).toBe('withdrawn');
		expect(await db.requests.get(input.id)).toMatchObject({ status: 'withdrawn', syncState: 'synced' });
		expect((await db.requests.get(input.id))?.pendingAction).toBeUndefined();
	});

	it('the withdraw waits while its submit is still retrying', async () => {
		const { server, db, engine } = device();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		await enqueueWithdraw(db, input.id, T0);
		server.inject('network');

		await engine().syncNow();

		expect(server.calls.map((call) => call.path)).toEqual(['/api/visit-requests']);
	});

	it('a replayed withdraw whose first answer was lost is recognised as done', async () => {
		const { server, db, clock, engine } = device();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		const sync = engine();
		await sync.syncNow();
		await enqueueWithdraw(db, input.id, T0);
		server.inject('lose-response', 'POST', '/api/visit-requests/*');

		await sync.syncNow();
		clock.now = T0 + 10 * 60_000;
		expect(await sync.syncNow()).toMatchObject({ sent: 1, refused: 0 });

		expect((await db.requests.get(input.id))?.status).toBe('withdrawn');
		expect((await db.outbox.orderBy('id').last())?.state).toBe('done');
	});

	it('a cancel that the server refuses shows its error and leaves the request as it was', async () => {
		const { server, db, engine } = device();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		const sync = engine();
		await sync.syncNow();
		await enqueueCancel(db, input.id, T0);

		// Still `requested`, so the server answers 409 and a check confirms it did not happen.
		expect(await sync.syncNow()).toMatchObject({ refused: 1 });

		expect(await db.requests.get(input.id)).toMatchObject({ status: 'requested', lastError: { status: 409 } });
		expect(server.request(input.id)?.status).toBe('requested');
	});
});

describe('surviving a browser restart', () => {
	it('items queued before the restart are sent after it, once', async () => {
		const { server, db, openDb, engine } = device();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		server.inject('network');
		await engine(db).syncNow();
		db.close();

		const reopened = openDb();
		expect(await reopened.outbox.count()).toBe(1);
		const summary = await engine(reopened).syncNow();
		// The retry is not due yet: the new engine respects the stored schedule.
		expect(summary.sent).toBe(0);

		const afterWait = createSyncEngine({
			db: reopened,
			fetch: server.fetch,
			baseUrl: 'http://device.test',
			now: () => T0 + 60_000,
			locks: null
		});
		expect(await afterWait.syncNow()).toMatchObject({ sent: 1 });
		expect(await reopened.requests.get(input.id)).toMatchObject({ syncState: 'synced' });
		expect(server.handledCount(input.id)).toBe(1);
	});

	it('an item a crashed tab was sending is taken over when its lease runs out, without a duplicate request', async () => {
		const { server, db, openDb, engine } = device();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		// The tab claimed the item, the server stored it, then the tab died before recording the answer.
		await db.outbox.toCollection().modify({ state: 'sending', leaseOwner: 'dead-tab', leaseUntil: T0 + 60_000 });
		await server.fetch('http://device.test/api/visit-requests', {
			method: 'POST',
			headers: { authorization: `Bearer ${await getDeviceSecret(db)}` },
			body: JSON.stringify(input)
		});
		db.close();

		const reopened = openDb();
		expect(await engine(reopened).syncNow()).toMatchObject({ sent: 0 });
		const afterLease = createSyncEngine({
			db: reopened,
			fetch: server.fetch,
			baseUrl: 'http://device.test',
			now: () => T0 + 60_001,
			locks: null
		});
		expect(await afterLease.syncNow()).toMatchObject({ sent: 1 });
		expect(server.requests()).toHaveLength(1);
	});
});

describe('credentials', () => {
	it('a device secret the server cannot read is replaced once, and the request still goes', async () => {
		const { server, db, engine } = device();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		const first = await getDeviceSecret(db);
		server.refuseSecret(first);

		expect(await engine().syncNow()).toMatchObject({ sent: 1 });

		const second = await getDeviceSecret(db);
		expect(second).not.toBe(first);
		expect(server.calls.map((call) => [call.status, call.secret])).toEqual([
			[401, first],
			[201, second],
			[200, second]
		]);
	});

	it('a secret the server accepted before is never replaced (it owns requests)', async () => {
		const { server, db, engine } = device();
		const sync = engine();
		await enqueueSubmit(db, visitRequestInput(), T0);
		await sync.syncNow();
		const secret = await getDeviceSecret(db);
		server.refuseSecret(secret);
		await enqueueSubmit(db, visitRequestInput(), T0);

		expect(await sync.syncNow()).toMatchObject({ sent: 0, retrying: 1 });
		expect(await getDeviceSecret(db)).toBe(secret);
		expect((await db.outbox.orderBy('id').last())?.state).toBe('pending');
	});

	it('an ended staff session holds staff decisions until someone signs in again', async () => {
		const { server, db, clock, engine } = device();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		const sync = engine();
		await sync.syncNow();
		server.setStaffSignedIn(false);
		await enqueueStaffDecision(db, commands.confirm(input.id, { slot: input.slots[0]! }), T0);
		const statuses: SyncStatus[] = [];
		sync.subscribe((status) => statuses.push(status));

		await sync.syncNow();
		expect(await db.meta.get(META.staffSignInNeeded)).toBeDefined();
		expect(sync.status.get()).toMatchObject({ staffSignInNeeded: true, pending: 1 });

		clock.now = T0 + 60 * 60_000;
		await sync.syncNow();
		expect(server.calls.filter((call) => call.path.startsWith('/api/staff/'))).toHaveLength(1);

		server.setStaffSignedIn(true);
		await markStaffSignedIn(db);
		expect(await sync.syncNow()).toMatchObject({ sent: 1 });
		expect(server.request(input.id)?.status).toBe('booked');
		expect(statuses.at(-1)).toMatchObject({ staffSignInNeeded: false, pending: 0 });
	});
});

describe('after sending', () => {
	it("refreshes the visitor's requests from the server", async () => {
		const { server, db, engine } = device();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		const sync = engine();
		await sync.syncNow();
		server.setStatus(input.id, 'booked');
		await enqueueSubmit(db, visitRequestInput(), T0);

		await sync.syncNow();

		expect((await db.requests.get(input.id))?.status).toBe('booked');
	});

	it('a refused request sent again with other slots goes as a new request', async () => {
		const { server, db, engine } = device();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		server.inject({ status: 422, body: { error: { code: 'slot_unavailable', message: 'Full' } } });
		const sync = engine();
		await sync.syncNow();

		const { id: _old, ...details } = input;
		const fresh = await resendSubmit(db, input.id, { ...details, slots: [{ date: '2030-01-19', start: '14:00' }] }, { now: T0 });
		expect(await sync.syncNow()).toMatchObject({ sent: 1 });

		expect(server.requests().map((request) => request.id)).toEqual([fresh.id]);
		expect(await db.requests.get(fresh.id)).toMatchObject({ syncState: 'synced' });
	});

	it('reports how many items wait and whether it is offline', async () => {
		const { server, db, engine } = device();
		await enqueueSubmit(db, visitRequestInput(), T0);
		await enqueueSubmit(db, visitRequestInput(), T0);
		server.inject('network');
		server.inject('network');
		const sync = engine();
		let latest: SyncStatus | undefined;
		sync.subscribe((status) => (latest = status));

		await sync.syncNow();

		expect(latest).toMatchObject({ online: false, pending: 2, failed: 0, syncing: false, lastError: { code: 'network' } });
	});
});

describe('forgetting what was sent', () => {
	it('deletes acknowledged items a week after they were done (each holds the request it sent); refused ones stay', async () => {
		const { server, db, clock, engine } = device();
		const sync = engine();
		await enqueueSubmit(db, visitRequestInput(), T0);
		await sync.syncNow();
		await enqueueSubmit(db, visitRequestInput(), T0);
		server.inject({ status: 422, body: { error: { code: 'slot_unavailable', message: 'Full' } } });
		await sync.syncNow();
		const states = async () => (await db.outbox.toArray()).map((item) => item.state).sort();
		expect(await states()).toEqual(['done', 'failed']);

		clock.now = T0 + 7 * 24 * 60 * 60_000 - 1;
		await sync.syncNow();
		expect(await states()).toEqual(['done', 'failed']);
		clock.now = T0 + 7 * 24 * 60 * 60_000 + 1;
		await sync.syncNow();
		expect(await states()).toEqual(['failed']);
	});
});

describe('running by itself', () => {
	it('retries a send that found no network on its own timer, with no event to wake it', async () => {
		const server = createFakeVisitServer();
		const db = fakeBrowserStorage().open();
		opened.push(db);
		server.inject('network');
		const sync = createSyncEngine({ db, fetch: server.fetch, baseUrl: 'http://device.test', locks: null, random: () => 0.5 });
		const input = visitRequestInput();
		await enqueueSubmit(db, input);
		sync.start();
		await vi.waitFor(async () => expect((await db.requests.get(input.id))?.syncState).toBe('synced'), { timeout: 20_000 });
		sync.stop();
		// Lets the run that sent it finish (it refreshes the requests) before the database closes.
		await sync.syncNow();
		// The first try met no network; the timer sent it again.
		expect(server.calls.length).toBeGreaterThanOrEqual(2);
		expect(server.requests().map((request) => request.id)).toEqual([input.id]);
	});

	it('once started, sends a newly queued request without being asked, and stops when told', async () => {
		const server = createFakeVisitServer();
		const db = fakeBrowserStorage().open();
		opened.push(db);
		const sync = createSyncEngine({ db, fetch: server.fetch, baseUrl: 'http://device.test', locks: null });
		sync.start();
		const input = visitRequestInput();

		await enqueueSubmit(db, input);
		await vi.waitFor(async () => expect((await db.requests.get(input.id))?.syncState).toBe('synced'), { timeout: 5_000 });
		sync.stop();

		const later = visitRequestInput();
		await enqueueSubmit(db, later);
		// Nothing to wait for: a stopped engine must send nothing; a moment in which it would.
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(server.request(later.id)).toBeUndefined();
	});
});
