import type { ApiFailure } from './api-result';
import { requestAnswer, type StoredCommand } from './commands';
import { META, type BookAPrisonVisitDb, type LocalError, type OutboxItem, type OutboxKind } from './db';
import { backoffDelay, RETRY_AFTER_CAP_MS, type Outcome } from './retry-policy';
import { applyStaffAnswer } from './staff/answered-copies';
import { applyWaitlistAnswer } from './waitlist-copy';
import type { RequestStatus } from '../shared/domain';

/*
 * The exactly-once outbox. Every write a person makes on the device is queued here first, in the
 * same transaction as its local effect, and leaves the queue only when the server has answered
 * for it: `done` on a 2xx, `failed` on a definite refusal (400/403/404/409/413/422 and other 4xx
 * that retrying cannot fix). Anything else (no answer, 5xx, 408, 429, a captive portal's HTML)
 * keeps it `pending` with a later `nextAttemptAt`, so nothing is lost between "sent" and
 * "acknowledged". Re-sending is safe because the server treats a submit's device-made id as an
 * idempotency key: the same id and body again answers 200 with the stored request.
 *
 * This module holds the queue's state changes: adding an item, claiming the next due one, settling
 * it with the server's answer (and its effect on the local records), counting, dismissing and
 * pruning. What goes in it is made by visitor-queue.ts, waitlist.ts and staff/; what an answer
 * means is retry-policy.ts's; sync.ts decides when to send.
 */

const DONE_KEPT_MS = 7 * 24 * 60 * 60_000;

/** An outbox item for a command from the typed map in commands.ts. */
function newItem(command: StoredCommand, now: number): OutboxItem {
	return { attempts: 0, state: 'pending', createdAt: now, nextAttemptAt: now, ...command };
}

/** Adds a new item for `command` (call it inside the transaction that makes the command's local effect). */
export async function queueItem(db: BookAPrisonVisitDb, command: StoredCommand, now: number = Date.now()): Promise<OutboxItem> {
	const item = newItem(command, now);
	item.id = await db.outbox.add(item);
	return item;
}

export interface OutboxCounts {
	/** Waiting or being sent. */
	pending: number;
	/** Refused: they need a person (change and send again, or dismiss). */
	failed: number;
	/** Refused with a question for the officer, answered on its page (not counted in `failed`). */
	asking: number;
}

/** Refusals that ask the officer something (a closure that would cancel booked visits), not refusals proper. */
export const ASKING_CODES: ReadonlySet<string> = new Set(['closure_hits_visits', 'timetable_hits_visits']);

/** How many refused items are questions rather than refusals. */
export function countAsking(refused: readonly OutboxItem[]): number {
	return refused.filter((item) => ASKING_CODES.has(item.lastError?.code ?? '')).length;
}

export async function outboxCounts(db: BookAPrisonVisitDb): Promise<OutboxCounts> {
	const [pending, refused] = await Promise.all([
		db.outbox.where('state').anyOf('pending', 'sending').count(),
		db.outbox.where('state').equals('failed').toArray()
	]);
	const asking = countAsking(refused);
	return { pending, failed: refused.length - asking, asking };
}

/**
 * The person gave up on a refused item. A refused submit is removed from the device altogether
 * (the server never stored it); a refused withdraw, cancel or staff decision just stops showing
 * its error.
 */
export async function dismissFailed(db: BookAPrisonVisitDb, itemId: number, now: number = Date.now()): Promise<void> {
	await db.transaction('rw', db.outbox, db.requests, db.staffRequests, async () => {
		const item = await db.outbox.get(itemId);
		if (!item || item.state !== 'failed') return;
		await db.outbox.update(itemId, { state: 'done', doneAt: now });
		if (!item.requestId) return;
		if (item.kind === 'submit') {
			await db.requests.delete(item.requestId);
			// Anything queued after it for the same request has nothing left to act on.
			await db.outbox
				.where('orderKey')
				.equals(item.orderKey)
				.filter((later) => later.state !== 'done')
				.modify({ state: 'done', doneAt: now });
		} else if (item.auth === 'device') await db.requests.update(item.requestId, { lastError: undefined, localUpdatedAt: now });
		else await db.staffRequests.update(item.requestId, { lastError: undefined });
	});
}

/** The items of an order key not yet acknowledged (waiting, being sent, or refused), oldest first. */
export async function openItemsOf(db: BookAPrisonVisitDb, orderKey: string): Promise<OutboxItem[]> {
	const items = await db.outbox
		.where('orderKey')
		.equals(orderKey)
		.filter((item) => item.state !== 'done')
		.toArray();
	return items.sort((a, b) => a.id! - b.id!);
}

/**
 * Items as a page lays them over the server's copy: those still to be sent (or being sent) in the
 * order they were made, and the refused ones apart (they change nothing; the page says why).
 */
export function queuedInOrder(items: readonly OutboxItem[]): { waiting: OutboxItem[]; refused: OutboxItem[] } {
	const open = [...items].filter((item) => item.state !== 'done').sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
	return { waiting: open.filter((item) => item.state !== 'failed'), refused: open.filter((item) => item.state === 'failed') };
}

/** A refused item about this request, if any: what the server said no to (a withdraw, a change…). */
export async function refusedItemOf(db: BookAPrisonVisitDb, requestId: string): Promise<OutboxItem | undefined> {
	return db.outbox
		.where('requestId')
		.equals(requestId)
		.filter((item) => item.state === 'failed')
		.first();
}

/**
 * Closes every refused item of an order key: the person read why and acts anew (or lets it go). A
 * refused item holds back what follows it, so this comes before queuing the next change.
 */
export async function dismissRefused(db: BookAPrisonVisitDb, orderKey: string, now: number = Date.now()): Promise<void> {
	const refused = await db.outbox
		.where('orderKey')
		.equals(orderKey)
		.filter((item) => item.state === 'failed')
		.toArray();
	for (const item of refused) await dismissFailed(db, item.id!, now);
}

export interface ClaimOptions {
	owner: string;
	now: number;
	leaseMs: number;
	/** The caller holds the cross-context Web Lock, so a `sending` item is a crashed sender's leftover. */
	exclusive: boolean;
	skipStaff: boolean;
	/** Items already tried in this run: they wait for the timer, not a tight loop. */
	exclude?: ReadonlySet<number>;
}

/**
 * The items that may be sent now: the first open item of each order key (so a withdraw never
 * overtakes its submit, and a refused item holds back what follows it), if it is due.
 */
export function sendableHeads(items: readonly OutboxItem[], options: Omit<ClaimOptions, 'owner' | 'leaseMs'>): OutboxItem[] {
	const seen = new Set<string>();
	const heads: OutboxItem[] = [];
	for (const item of [...items].sort((a, b) => a.id! - b.id!)) {
		if (item.state === 'done' || seen.has(item.orderKey)) continue;
		seen.add(item.orderKey);
		if (item.state === 'failed') continue;
		if (item.auth === 'staff' && options.skipStaff) continue;
		if (options.exclude?.has(item.id!)) continue;
		if (item.state === 'sending' && !options.exclusive && (item.leaseUntil ?? 0) > options.now) continue;
		heads.push(item);
	}
	return heads;
}

/** When the next queued item becomes due (null: nothing waits). Used to set the retry timer. */
export async function nextDueAt(db: BookAPrisonVisitDb, options: { now: number; skipStaff: boolean }): Promise<number | null> {
	const open = await db.outbox.where('state').anyOf('pending', 'sending', 'failed').toArray();
	const heads = sendableHeads(open, { ...options, exclusive: false });
	let earliest: number | null = null;
	for (const item of heads) {
		const due = item.state === 'sending' ? Math.max(item.nextAttemptAt, item.leaseUntil ?? 0) : item.nextAttemptAt;
		earliest = earliest === null ? due : Math.min(earliest, due);
	}
	// Items hidden behind another sender's live lease become due when that lease runs out.
	for (const item of open) {
		if (item.state === 'sending' && item.leaseUntil && item.leaseUntil > options.now) {
			earliest = earliest === null ? item.leaseUntil : Math.min(earliest, item.leaseUntil);
		}
	}
	return earliest;
}

/**
 * Takes the next due item and marks it `sending` under a lease, in one readwrite transaction:
 * IndexedDB runs those one at a time, so two tabs (or a tab and the service worker) never take the
 * same item while its lease lasts.
 */
export async function claimNextItem(db: BookAPrisonVisitDb, options: ClaimOptions): Promise<OutboxItem | undefined> {
	return db.transaction('rw', db.outbox, async () => {
		const open = await db.outbox.where('state').anyOf('pending', 'sending', 'failed').toArray();
		const next = sendableHeads(open, options).find((item) => item.nextAttemptAt <= options.now);
		if (!next) return undefined;
		const claimed: OutboxItem = {
			...next,
			state: 'sending',
			leaseOwner: options.owner,
			leaseUntil: options.now + options.leaseMs
		};
		await db.outbox.put(claimed);
		return claimed;
	});
}

export function asLocalError(failure: ApiFailure): LocalError {
	return {
		code: failure.code,
		message: failure.message,
		status: failure.status,
		...(failure.fields ? { fields: failure.fields } : {}),
		...(failure.visits ? { visits: failure.visits } : {})
	};
}

/** The status a visitor action leaves its request in. */
export const ACTION_STATUS: Partial<Record<OutboxKind, RequestStatus>> = { withdraw: 'withdrawn', cancel: 'cancelled' };

/**
 * Records the server's answer for a claimed item, with its effect on the local records, in one
 * transaction. An item already `done` (another sender whose lease outlived ours got there first)
 * is never moved back.
 */
export async function settleItem(
	db: BookAPrisonVisitDb,
	claimed: OutboxItem,
	outcome: Outcome,
	options: { now: number; random: () => number }
): Promise<OutboxItem | undefined> {
	const { now } = options;
	return db.transaction('rw', [db.outbox, db.requests, db.staffRequests, db.meta], async () => {
		const current = await db.outbox.get(claimed.id!);
		if (!current || current.state === 'done') return current;
		const released = { ...current, leaseOwner: undefined, leaseUntil: undefined };
		let updated: OutboxItem;
		switch (outcome.type) {
			case 'done':
				updated = { ...released, state: 'done', doneAt: now, result: outcome.data, lastError: undefined };
				await applyAcknowledged(db, updated, outcome.data, now);
				break;
			case 'failed':
				updated = { ...released, state: 'failed', attempts: current.attempts + 1, lastError: asLocalError(outcome.failure) };
				await applyRefused(db, updated, asLocalError(outcome.failure), now);
				break;
			case 'retry': {
				const attempts = current.attempts + 1;
				const wait =
					outcome.retryAfterMs !== undefined ? Math.min(outcome.retryAfterMs, RETRY_AFTER_CAP_MS) : backoffDelay(attempts, options.random);
				updated = { ...released, state: 'pending', attempts, nextAttemptAt: now + wait, lastError: asLocalError(outcome.failure) };
				break;
			}
			case 'retry-now':
				updated = {
					...released,
					state: 'pending',
					attempts: current.attempts + 1,
					nextAttemptAt: now,
					lastError: asLocalError(outcome.failure)
				};
				break;
			case 'staff-sign-in':
				updated = { ...released, state: 'pending', lastError: asLocalError(outcome.failure) };
				await db.meta.put({ key: META.staffSignInNeeded, value: now });
				break;
		}
		await db.outbox.put(updated);
		return updated;
	});
}

async function applyAcknowledged(db: BookAPrisonVisitDb, item: OutboxItem, data: unknown, now: number): Promise<void> {
	await applyWaitlistAnswer(db, item, data);
	await applyStaffAnswer(db, item, data);
	if (!item.requestId) return;
	if (item.auth === 'staff') {
		const changed = requestAnswer(data);
		await db.staffRequests.update(item.requestId, {
			pendingAction: undefined,
			lastError: undefined,
			...(changed ? { status: changed.status, data: changed } : {})
		});
		return;
	}
	const record = await db.requests.get(item.requestId);
	if (!record) return;
	const server = requestAnswer(data);
	const fallbackStatus = ACTION_STATUS[item.kind];
	await db.requests.put({
		...record,
		...(server ?? {}),
		...(server ? {} : fallbackStatus ? { status: fallbackStatus } : {}),
		id: record.id,
		prisonId: server?.prisonId ?? record.prisonId,
		reference: server?.reference ?? record.reference,
		input: record.input,
		syncState: 'synced',
		lastError: undefined,
		pendingAction: item.kind === 'submit' ? record.pendingAction : undefined,
		// The server's copy now holds the change (or its withdrawal).
		queuedChange: item.kind === 'change' || item.kind === 'change-withdraw' ? undefined : record.queuedChange,
		localUpdatedAt: now
	});
}

async function applyRefused(db: BookAPrisonVisitDb, item: OutboxItem, error: LocalError, now: number): Promise<void> {
	if (!item.requestId) return;
	if (item.auth === 'staff') {
		await db.staffRequests.update(item.requestId, { pendingAction: undefined, lastError: error });
		return;
	}
	if (item.kind === 'submit') {
		await db.requests.update(item.requestId, { syncState: 'rejected', lastError: error, localUpdatedAt: now });
	} else {
		// A refused change (the visit was cancelled meanwhile, a time now full) is no longer pending.
		const change = item.kind === 'change' ? { queuedChange: undefined } : {};
		await db.requests.update(item.requestId, {
			pendingAction: undefined,
			lastError: { ...error, action: item.kind },
			...change,
			localUpdatedAt: now
		});
	}
}

/** Forgets acknowledged items after a week (kept that long to explain what happened). */
export async function pruneDone(db: BookAPrisonVisitDb, now: number = Date.now()): Promise<number> {
	const old = await db.outbox
		.where('state')
		.equals('done')
		.filter((item) => (item.doneAt ?? 0) < now - DONE_KEPT_MS)
		.primaryKeys();
	if (old.length > 0) await db.outbox.bulkDelete(old);
	return old.length;
}
