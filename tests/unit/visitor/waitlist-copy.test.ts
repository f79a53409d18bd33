// The device's waiting list never flickers: the answer to a join is on the list the moment the
// outbox item is done (no gap before the next refresh), a leave is gone at once, and a list the
// server sent before that answer never overwrites it.
import { afterEach, describe, expect, it } from 'vitest';
import type { BookAPrisonVisitDb } from '../../../src/lib/client/db';
import { claimNextItem, settleItem } from '../../../src/lib/client/outbox';
import { queueJoin, queueLeave, shownWaitlist } from '../../../src/lib/client/waitlist';
import { storeServerWaitlist, waitlistMark } from '../../../src/lib/client/waitlist-copy';
import type { WaitlistEntry } from '../../../src/lib/shared/schemas-waitlist';
import { fakeBrowserStorage } from '../../helpers/device-db';

let db: BookAPrisonVisitDb;
afterEach(() => db?.close());
const T0 = 1_750_000_000_000;
const prisonId = '6c1f7a52-6f0e-4a51-9d39-2f3c1f1f9a10';
const slot = { date: '2030-01-19', start: '14:00' };
const entry: WaitlistEntry = {
	id: '0f3b2c1d-1111-4a51-9d39-2f3c1f1f9a10',
	prisonId,
	prisonName: 'HMP Example',
	date: slot.date,
	start: slot.start,
	end: '16:00',
	createdAt: new Date(T0).toISOString()
};

const claim = (now: number) => claimNextItem(db, { owner: 'tab', now, leaseMs: 60_000, exclusive: false, skipStaff: false });
const answered = async (now: number, status: number, data: unknown) => {
	const item = await claim(now);
	expect(item).toBeDefined();
	await settleItem(db, item!, { type: 'done', status, data }, { now, random: () => 0.5 });
};
const states = async () => (await shownWaitlist(db)).map((shown) => ({ date: shown.date, start: shown.start, state: shown.state }));

describe("the device's waiting list", () => {
	it('shows a join as waiting the moment the server answers it, with no refresh', async () => {
		db = fakeBrowserStorage().open();
		await queueJoin(db, prisonId, slot, 'John Smith', T0);
		expect(await states()).toEqual([{ ...slot, state: 'joining' }]);
		await answered(T0 + 1, 201, entry);
		expect(await shownWaitlist(db)).toEqual([{ ...entry, state: 'waiting', prisonerName: 'John Smith' }]);
	});

	it('never lets a list fetched before the answer overwrite it, and takes the next one', async () => {
		db = fakeBrowserStorage().open();
		await queueJoin(db, prisonId, slot, undefined, T0);
		// A refresh asks for the list, then the join's answer arrives, then the (older) list.
		const mark = await waitlistMark(db);
		await answered(T0 + 1, 201, entry);
		expect(await storeServerWaitlist(db, [], mark)).toBe(false);
		expect(await states()).toEqual([{ ...slot, state: 'waiting' }]);
		// A list asked for after the answer is the server's word.
		expect(await storeServerWaitlist(db, [], await waitlistMark(db))).toBe(true);
		expect(await states()).toEqual([]);
	});

	it('takes a slot off the list the moment the server answers a leave', async () => {
		db = fakeBrowserStorage().open();
		await storeServerWaitlist(db, [entry], await waitlistMark(db));
		await queueLeave(db, prisonId, slot, T0);
		expect(await states()).toEqual([{ ...slot, state: 'leaving' }]);
		await answered(T0 + 1, 204, undefined);
		expect(await states()).toEqual([]);
	});
});
