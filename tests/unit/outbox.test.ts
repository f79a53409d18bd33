import { afterEach, describe, expect, it } from 'vitest';
import type { BookAPrisonVisitDb, OutboxItem } from '../../src/lib/client/db';
import { getDeviceSecret, isWellFormedDeviceSecret, resetDeviceSecret } from '../../src/lib/client/device';
import { BACKOFF_CAP_MS, backoffDelay, isDefiniteRefusal } from '../../src/lib/client/retry-policy';
import { claimNextItem, dismissFailed, sendableHeads, settleItem } from '../../src/lib/client/outbox';
import { enqueueSubmit, enqueueWithdraw, resendSubmit } from '../../src/lib/client/visitor-queue';
import { fakeBrowserStorage, visitRequestInput } from '../helpers/device-db';

let db: BookAPrisonVisitDb;
const open = () => (db = fakeBrowserStorage().open());
afterEach(() => db?.close());

const T0 = 1_750_000_000_000;

describe('queuing a visit request', () => {
	it('writes the local request and its outbox item together', async () => {
		open();
		const input = visitRequestInput();
		const record = await enqueueSubmit(db, input, T0);

		expect(record).toMatchObject({ id: input.id, syncState: 'pending', status: 'requested', reference: null });
		expect(await db.requests.get(input.id)).toMatchObject({ syncState: 'pending', input });
		const items = await db.outbox.toArray();
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			kind: 'submit',
			requestId: input.id,
			method: 'POST',
			path: '/api/visit-requests',
			body: input,
			auth: 'device',
			state: 'pending',
			attempts: 0,
			nextAttemptAt: T0
		});
	});

	it('writes neither when the outbox write fails', async () => {
		open();
		db.outbox.hook('creating', () => {
			throw new Error('disk full');
		});
		const input = visitRequestInput();

		await expect(enqueueSubmit(db, input, T0)).rejects.toThrow('disk full');
		expect(await db.requests.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('treats a second tap on Send as the same request', async () => {
		open();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		await enqueueSubmit(db, structuredClone(input), T0 + 5);

		expect(await db.requests.count()).toBe(1);
		expect(await db.outbox.count()).toBe(1);
	});

	it('refuses to reuse an id for different details (the server would answer 409)', async () => {
		open();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);

		await expect(enqueueSubmit(db, { ...input, slots: [{ date: '2030-01-13', start: '14:00' }] }, T0)).rejects.toThrow(/resendSubmit/);
	});
});

describe('sending a refused request again', () => {
	it('makes a new request id and marks the old record superseded', async () => {
		open();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		const claimed = await claimNextItem(db, { owner: 'tab', now: T0, leaseMs: 60_000, exclusive: false, skipStaff: false });
		await settleItem(
			db,
			claimed!,
			{ type: 'failed', failure: { ok: false, status: 422, code: 'slot_full', message: 'This time is fully booked' } },
			{ now: T0, random: () => 0.5 }
		);

		const { id: _oldId, ...details } = input;
		const fresh = await resendSubmit(db, input.id, { ...details, slots: [{ date: '2030-01-19', start: '14:00' }] }, { now: T0 + 1 });

		expect(fresh.id).not.toBe(input.id);
		expect(await db.requests.get(input.id)).toMatchObject({ syncState: 'rejected', supersededBy: fresh.id });
		const items = await db.outbox.orderBy('id').toArray();
		expect(items.map((item) => [item.requestId, item.state])).toEqual([
			[input.id, 'done'],
			[fresh.id, 'pending']
		]);
		expect(items[1]!.body).toMatchObject({ id: fresh.id, slots: [{ date: '2030-01-19', start: '14:00' }] });
	});

	it('removes a refused request the visitor gives up on', async () => {
		open();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		const claimed = await claimNextItem(db, { owner: 'tab', now: T0, leaseMs: 60_000, exclusive: false, skipStaff: false });
		await settleItem(
			db,
			claimed!,
			{ type: 'failed', failure: { ok: false, status: 400, code: 'bad_input', message: 'Bad input' } },
			{ now: T0, random: () => 0.5 }
		);

		await expect(enqueueWithdraw(db, input.id, T0 + 1)).rejects.toThrow(/dismiss/);

		await dismissFailed(db, claimed!.id!, T0 + 1);

		expect(await db.requests.get(input.id)).toBeUndefined();
		expect((await db.outbox.toArray()).map((item) => item.state)).toEqual(['done']);
	});
});

describe('which items may be sent', () => {
	const item = (id: number, orderKey: string, fields: Partial<OutboxItem> = {}): OutboxItem => ({
		id,
		kind: 'submit',
		orderKey,
		requestId: orderKey,
		method: 'POST',
		path: '/api/visit-requests',
		auth: 'device',
		createdAt: T0,
		attempts: 0,
		nextAttemptAt: T0,
		state: 'pending',
		...fields
	});
	const heads = (items: OutboxItem[], now = T0) => sendableHeads(items, { now, exclusive: false, skipStaff: false }).map((head) => head.id);

	it('only the first open item of each request, in queue order', () => {
		expect(heads([item(3, 'b'), item(2, 'a', { kind: 'withdraw' }), item(1, 'a')])).toEqual([1, 3]);
	});

	it('a refused item holds back what was queued after it for the same request', () => {
		expect(heads([item(1, 'a', { state: 'failed' }), item(2, 'a', { kind: 'withdraw' })])).toEqual([]);
	});

	it('an item another tab is sending is left alone until its lease runs out', () => {
		const sending = item(1, 'a', { state: 'sending', leaseOwner: 'other', leaseUntil: T0 + 1000 });
		expect(heads([sending, item(2, 'a')])).toEqual([]);
		expect(heads([sending, item(2, 'a')], T0 + 1001)).toEqual([1]);
	});

	it('two tabs claiming at once never get the same item', async () => {
		open();
		await enqueueSubmit(db, visitRequestInput(), T0);
		const claim = (owner: string) => claimNextItem(db, { owner, now: T0, leaseMs: 60_000, exclusive: false, skipStaff: false });

		const [first, second] = await Promise.all([claim('tab-1'), claim('tab-2')]);

		expect([first, second].filter(Boolean)).toHaveLength(1);
	});

	it('a withdraw queued behind its submit waits for it', async () => {
		open();
		const input = visitRequestInput();
		await enqueueSubmit(db, input, T0);
		await enqueueWithdraw(db, input.id, T0 + 1);
		const options = { owner: 'tab', now: T0 + 2, leaseMs: 60_000, exclusive: false, skipStaff: false };

		const first = await claimNextItem(db, options);
		expect(first?.kind).toBe('submit');
		expect(await claimNextItem(db, options)).toBeUndefined();
	});
});

describe('retry policy', () => {
	it('waits a random time up to an exponentially growing ceiling, capped at five minutes', () => {
		expect(backoffDelay(1, () => 0)).toBe(0);
		expect(backoffDelay(1, () => 0.999)).toBeLessThan(2_000);
		expect(backoffDelay(4, () => 0.999)).toBeLessThan(16_000);
		expect(backoffDelay(4, () => 0.999)).toBeGreaterThan(15_000);
		expect(backoffDelay(30, () => 0.999)).toBeLessThan(BACKOFF_CAP_MS);
		expect(backoffDelay(30, () => 0.999)).toBeGreaterThan(BACKOFF_CAP_MS - 1_000);
	});

	it('gives up only on answers that retrying cannot change', () => {
		for (const status of [400, 403, 404, 409, 413, 422]) expect(isDefiniteRefusal(status), String(status)).toBe(true);
		for (const status of [0, 200, 401, 408, 429, 500, 502, 503, 504]) expect(isDefiniteRefusal(status), String(status)).toBe(false);
	});
});

describe('the device secret', () => {
	it('is 32 random bytes in base64url, made once and kept', async () => {
		open();
		const [a, b] = await Promise.all([getDeviceSecret(db), getDeviceSecret(db)]);

		expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(b).toBe(a);
		expect(await getDeviceSecret(db)).toBe(a);
	});

	it('is replaced by a new one on reset', async () => {
		open();
		const before = await getDeviceSecret(db);
		const after = await resetDeviceSecret(db);

		expect(isWellFormedDeviceSecret(after)).toBe(true);
		expect(after).not.toBe(before);
		expect(await getDeviceSecret(db)).toBe(after);
	});
});
