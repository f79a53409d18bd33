// A list of requests asked for before the server answered a withdraw (or before a pushed decision
// was recorded) must not put the old status back: the device's newer copy stays until the next
// refresh, so the page never shows "Withdrawn" and then "Requested" again.
import { afterEach, expect, it } from 'vitest';
import type { BookAPrisonVisitDb } from '../../../src/lib/client/db';
import { claimNextItem, settleItem } from '../../../src/lib/client/outbox';
import { localRequest, mergeServerRequests } from '../../../src/lib/client/requests';
import { enqueueSubmit, enqueueVisitorAction } from '../../../src/lib/client/visitor-queue';
import { fakeBrowserStorage, visitRequestInput } from '../../helpers/device-db';

let db: BookAPrisonVisitDb;
afterEach(() => db?.close());
const T0 = 1_750_000_000_000;
const claim = (now: number) => claimNextItem(db, { owner: 'tab', now, leaseMs: 60_000, exclusive: false, skipStaff: false });

it('keeps a withdraw the server answered after the list was asked for, and takes the next list', async () => {
	db = fakeBrowserStorage().open();
	const input = visitRequestInput();
	await enqueueSubmit(db, input, T0);
	const server = { ...input, reference: 'K7PQ-XHDW', status: 'requested', bookedSlot: null, change: null };
	await settleItem(db, (await claim(T0))!, { type: 'done', status: 201, data: server }, { now: T0, random: () => 0.5 });

	await enqueueVisitorAction(db, 'withdraw', input.id, T0 + 10);
	// The list is asked for; the withdraw is answered while it is on its way.
	const askedAt = T0 + 20;
	await settleItem(
		db,
		(await claim(T0 + 30))!,
		{ type: 'done', status: 200, data: { ...server, status: 'withdrawn' } },
		{ now: T0 + 30, random: () => 0.5 }
	);
	expect((await localRequest(db, input.id))?.status).toBe('withdrawn');
	await mergeServerRequests(db, [server as never], T0 + 40, askedAt);
	expect((await localRequest(db, input.id))?.status).toBe('withdrawn');

	// A list asked for after the answer is the server's word.
	await mergeServerRequests(db, [{ ...server, status: 'withdrawn' } as never], T0 + 60, T0 + 50);
	expect((await localRequest(db, input.id))?.status).toBe('withdrawn');
	await mergeServerRequests(db, [{ ...server, status: 'cancelled' } as never], T0 + 80, T0 + 70);
	expect((await localRequest(db, input.id))?.status).toBe('cancelled');
});
