// An arrival is queued once per visit on the tablet, however often the pass is scanned or the
// button pressed, in one tab or two; after the server answers, the tablet holds its answer.
import { afterEach, expect, it } from 'vitest';
import type { BookAPrisonVisitDb } from '../../../src/lib/client/db';
import { settleItem } from '../../../src/lib/client/outbox';
import { arrivalPath, dismissArrival, localArrivals, queueArrival } from '../../../src/lib/client/staff/arrival';
import { fakeBrowserStorage } from '../../helpers/device-db';

let db: BookAPrisonVisitDb;
afterEach(() => db?.close());

const REQUEST_ID = '3f2b9c1e-7a4d-4c8e-9b1f-2d3e4f5a6b7c';
const body = { arrivedAt: '2030-01-12T13:52:00.000Z', visitors: [0] };

it('queues one arrival for two scans at once in two tabs, and again after it was sent', async () => {
	const storage = fakeBrowserStorage();
	db = storage.open();
	const otherTab = storage.open();
	try {
		const [first, second] = await Promise.all([
			queueArrival(db, REQUEST_ID, body),
			queueArrival(otherTab, REQUEST_ID, { ...body, visitors: [0, 1] })
		]);
		expect([first.queued, second.queued].sort()).toEqual([false, true]);
		const items = await db.outbox.toArray();
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			kind: 'staff-arrival',
			method: 'POST',
			path: arrivalPath(REQUEST_ID),
			auth: 'staff',
			orderKey: REQUEST_ID
		});
		expect((await localArrivals(db)).get(REQUEST_ID)).toMatchObject({ state: 'waiting', arrivedAt: body.arrivedAt });

		// The server answers: the tablet keeps its words, and a later scan still queues nothing.
		const answer = {
			requestId: REQUEST_ID,
			alreadyArrived: false,
			message: 'Arrival recorded at 13:52',
			arrival: { ...body, recordedBy: 'Sam Officer' }
		};
		await settleItem(db, items[0]!, { type: 'done', status: 200, data: answer }, { now: Date.now(), random: Math.random });
		expect((await localArrivals(db)).get(REQUEST_ID)).toMatchObject({
			state: 'sent',
			message: 'Arrival recorded at 13:52',
			recordedBy: 'Sam Officer'
		});
		expect((await queueArrival(db, REQUEST_ID, body)).queued).toBe(false);
		expect(await db.outbox.count()).toBe(1);
	} finally {
		otherTab.close();
	}
});

it('shows a refusal until the officer dismisses it; acting again queues a new arrival', async () => {
	db = fakeBrowserStorage().open();
	const { arrival } = await queueArrival(db, REQUEST_ID, body);
	const [item] = await db.outbox.toArray();
	const failure = { ok: false as const, status: 409, code: 'not_booked', message: 'This visit is cancelled' };
	await settleItem(db, item!, { type: 'failed', failure }, { now: Date.now(), random: Math.random });
	expect((await localArrivals(db)).get(REQUEST_ID)).toMatchObject({ state: 'refused', error: { message: 'This visit is cancelled' } });

	await dismissArrival(db, arrival.itemId);
	expect((await localArrivals(db)).has(REQUEST_ID)).toBe(false);
	expect((await queueArrival(db, REQUEST_ID, body)).queued).toBe(true);
	expect(await db.outbox.where('state').equals('pending').count()).toBe(1);
});
