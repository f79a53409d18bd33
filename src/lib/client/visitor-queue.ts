import { commands, type StoredCommand } from './commands';
import type { BookAPrisonVisitDb, LocalVisitRequest, OutboxItem } from './db';
import { queueItem } from './outbox';
import type { VisitRequestInput } from '../shared/schemas';
import type { ChangeInput } from '../shared/schemas-change';

/*
 * The visitor's writes, queued in the outbox (outbox.ts) in the same transaction as their effect on
 * the device's copy of the request: a new request, a corrected one sent again, a withdraw or
 * cancel, a change of a booked visit and taking it back.
 */

/** A visit request's id, made on the device: the server treats it as the submit's idempotency key. */
export function newRequestId(): string {
	return crypto.randomUUID();
}

function localRequestFrom(input: VisitRequestInput, now: number): LocalVisitRequest {
	return {
		...input,
		input,
		reference: null,
		status: 'requested',
		syncState: 'pending',
		queuedAt: now,
		localUpdatedAt: now
	};
}

/**
 * Queues a new request: the outbox item and the local record (syncState 'pending') are written in
 * one transaction, so the device never shows a request it will not send, nor sends one it does not
 * show. Queuing the same id twice (a double tap) returns the existing record.
 */
export async function enqueueSubmit(
	db: BookAPrisonVisitDb,
	input: VisitRequestInput,
	now: number = Date.now()
): Promise<LocalVisitRequest> {
	return db.transaction('rw', db.requests, db.outbox, async () => {
		const existing = await db.requests.get(input.id);
		if (existing) {
			if (JSON.stringify(existing.input) !== JSON.stringify(input)) {
				// The server would answer 409 to this id with another body; a change needs a new id.
				throw new Error(`Request ${input.id} is already queued with other details: use resendSubmit`);
			}
			return existing;
		}
		const record = localRequestFrom(input, now);
		await db.requests.add(record);
		await queueItem(db, commands.submit(input), now);
		return record;
	});
}

/**
 * Sends a refused request again with changed details (new slots, a corrected prisoner number).
 *
 * It must get a NEW request id: the server keys idempotency on the id and answers 409 to the same
 * id with a different body, so "the same id with new slots" can never succeed. The old local record
 * stays, marked `supersededBy` the new id (so the page can hide it), and its failed outbox item is
 * closed so it no longer blocks anything.
 */
export async function resendSubmit(
	db: BookAPrisonVisitDb,
	oldRequestId: string,
	changed: Omit<VisitRequestInput, 'id'>,
	options: { now?: number; newId?: string } = {}
): Promise<LocalVisitRequest> {
	const now = options.now ?? Date.now();
	const newId = options.newId ?? newRequestId();
	return db.transaction('rw', db.requests, db.outbox, async () => {
		const old = await db.requests.get(oldRequestId);
		if (!old) throw new Error(`No local request ${oldRequestId}`);
		if (old.syncState !== 'rejected') throw new Error(`Request ${oldRequestId} was not refused: nothing to resend`);
		await db.requests.update(oldRequestId, { supersededBy: newId, localUpdatedAt: now });
		const openItems = await db.outbox.where('orderKey').equals(oldRequestId).toArray();
		for (const item of openItems) {
			if (item.state !== 'done') await db.outbox.update(item.id!, { state: 'done', doneAt: now, supersededBy: newId });
		}
		const input = { ...changed, id: newId } as VisitRequestInput;
		const record = localRequestFrom(input, now);
		await db.requests.add(record);
		await queueItem(db, commands.submit(input), now);
		return record;
	});
}

/**
 * Marks the request with a queued action and queues its command, in one transaction, so the page
 * shows the action as pending exactly when it will be sent (after anything queued before it).
 */
async function queueRequestAction(
	db: BookAPrisonVisitDb,
	requestId: string,
	now: number,
	action: (record: LocalVisitRequest) => { change: Partial<LocalVisitRequest>; command: StoredCommand }
): Promise<OutboxItem> {
	return db.transaction('rw', db.requests, db.outbox, async () => {
		const record = await db.requests.get(requestId);
		if (!record) throw new Error(`No local request ${requestId}`);
		const { change, command } = action(record);
		await db.requests.update(requestId, { ...change, lastError: undefined, localUpdatedAt: now });
		return queueItem(db, command, now);
	});
}

/** Queues a withdraw (before a decision) or a cancel (a booked visit); sent after the request's submit. */
export async function enqueueVisitorAction(
	db: BookAPrisonVisitDb,
	action: 'withdraw' | 'cancel',
	requestId: string,
	now: number = Date.now()
): Promise<OutboxItem> {
	return queueRequestAction(db, requestId, now, (record) => {
		// The server never stored a refused request: there is nothing to withdraw (use dismissFailed).
		if (record.syncState === 'rejected') throw new Error(`Request ${requestId} was refused: dismiss it instead`);
		return { change: { pendingAction: action }, command: commands[action](requestId) };
	});
}

/**
 * Queues a change to a booked visit: up to three new times, a new party (the whole of it), or
 * both, with an id made here so a resend is recognised. Shown as pending at once (queuedChange),
 * even with no signal.
 */
export async function enqueueChange(
	db: BookAPrisonVisitDb,
	requestId: string,
	wanted: Omit<ChangeInput, 'id'>,
	now: number = Date.now()
): Promise<OutboxItem> {
	const id = newRequestId();
	const slots = wanted.slots ?? [];
	const visitors = wanted.visitors;
	return queueRequestAction(db, requestId, now, () => ({
		change: { pendingAction: 'change', queuedChange: { id, slots, ...(visitors ? { visitors } : {}), queuedAt: now } },
		command: commands.change(requestId, { id, ...(slots.length > 0 ? { slots } : {}), ...(visitors ? { visitors } : {}) })
	}));
}

/** Queues taking back a change; sent after the change itself if that is still queued. */
export async function enqueueWithdrawChange(db: BookAPrisonVisitDb, requestId: string, now: number = Date.now()): Promise<OutboxItem> {
	return queueRequestAction(db, requestId, now, () => ({
		change: { pendingAction: 'change-withdraw', queuedChange: undefined },
		command: commands.withdrawChange(requestId)
	}));
}

export const enqueueWithdraw = (db: BookAPrisonVisitDb, requestId: string, now?: number) =>
	enqueueVisitorAction(db, 'withdraw', requestId, now);
export const enqueueCancel = (db: BookAPrisonVisitDb, requestId: string, now?: number) =>
	enqueueVisitorAction(db, 'cancel', requestId, now);
