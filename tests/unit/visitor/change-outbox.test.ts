// A change to a booked visit made with no signal: queued with an id of its own and shown
// as pending at once; a server refresh does not hide it; the server's answer replaces it; a refusal
// (the visit was cancelled meanwhile) comes back as a conflict and the change is no longer pending.
import { afterEach, describe, expect, it } from 'vitest';
import type { BookAPrisonVisitDb } from '../../../src/lib/client/db';
import { claimNextItem, settleItem } from '../../../src/lib/client/outbox';
import { enqueueChange, enqueueSubmit } from '../../../src/lib/client/visitor-queue';
import { mergeServerCopy } from '../../../src/lib/client/requests';
import { pendingChange, type ChangeView } from '../../../src/lib/visitor/change-visit';
import { fakeBrowserStorage, visitRequestInput } from '../../helpers/device-db';

let db: BookAPrisonVisitDb;
afterEach(() => db?.close());
const T0 = 1_750_000_000_000;
const wanted = [{ date: '2030-01-22', start: '14:00' }];

async function bookedOnDevice() {
	db = fakeBrowserStorage().open();
	const input = visitRequestInput();
	await enqueueSubmit(db, input, T0);
	const submit = await claimNextItem(db, { owner: 'tab', now: T0, leaseMs: 60_000, exclusive: false, skipStaff: false });
	const server = {
		...input,
		reference: 'K7PQ-XHDW',
		status: 'booked',
		bookedSlot: { date: '2030-01-19', start: '14:00', end: '16:00' },
		change: null
	};
	await settleItem(db, submit!, { type: 'done', status: 201, data: server }, { now: T0, random: () => 0.5 });
	return { input, server };
}

const claim = (now: number) => claimNextItem(db, { owner: 'tab', now, leaseMs: 60_000, exclusive: false, skipStaff: false });

describe('a change queued offline', () => {
	it('is shown as pending at once, survives a refresh, and the server copy takes over once sent', async () => {
		const { input, server } = await bookedOnDevice();
		await enqueueChange(db, input.id, { slots: wanted }, T0 + 1);
		const item = (await db.outbox.toArray()).find((queued) => queued.kind === 'change')!;
		expect(item).toMatchObject({ method: 'POST', path: `/api/visit-requests/${input.id}/change`, body: { slots: wanted }, auth: 'device' });
		const changeId = (item.body as { id: string }).id;
		expect(changeId).toMatch(/^[0-9a-f-]{36}$/);

		// A refresh of the list (the server has not heard of the change yet) keeps what the phone queued.
		const local = (await db.requests.get(input.id)) as ChangeView;
		await db.requests.put(mergeServerCopy(local, server as never, T0 + 2));
		expect(pendingChange((await db.requests.get(input.id)) as ChangeView)).toEqual({ slots: wanted, visitors: null, queued: true });

		const claimed = await claim(T0 + 3);
		expect(claimed?.kind).toBe('change');
		const answer = { ...server, change: { id: changeId, slots: wanted, requestedAt: new Date(T0 + 3).toISOString() } };
		await settleItem(db, claimed!, { type: 'done', status: 200, data: answer }, { now: T0 + 3, random: () => 0.5 });
		const after = (await db.requests.get(input.id)) as ChangeView;
		expect(after.queuedChange).toBeUndefined();
		expect(after.pendingAction).toBeUndefined();
		expect(pendingChange(after)).toEqual({ slots: wanted, visitors: null, queued: false });
	});

	it('of who is coming alone sends the whole party and no times, and shows it as pending at once', async () => {
		const { input } = await bookedOnDevice();
		const party = [...input.visitors, { firstName: 'Tom', lastName: 'Lovelace', dateOfBirth: '1992-07-09' }];
		await enqueueChange(db, input.id, { visitors: party }, T0 + 1);
		const item = (await db.outbox.toArray()).find((queued) => queued.kind === 'change')!;
		expect(item.body).toEqual({ id: expect.any(String), visitors: party });
		expect(pendingChange((await db.requests.get(input.id)) as ChangeView)).toEqual({ slots: [], visitors: party, queued: true });
	});

	it('comes back as a clear conflict when the visit was cancelled meanwhile', async () => {
		const { input } = await bookedOnDevice();
		await enqueueChange(db, input.id, { slots: wanted }, T0 + 1);
		const claimed = await claim(T0 + 2);
		const message = 'This visit was cancelled by Sam Officer on 1 January 2030, so it cannot be changed';
		await settleItem(
			db,
			claimed!,
			{ type: 'failed', failure: { ok: false, status: 409, code: 'visit_cancelled', message } },
			{ now: T0 + 2, random: () => 0.5 }
		);
		const after = (await db.requests.get(input.id)) as ChangeView;
		expect(after.lastError).toMatchObject({ code: 'visit_cancelled', message, action: 'change' });
		expect(pendingChange(after)).toBeNull();
		expect(after.pendingAction).toBeUndefined();
	});
});
