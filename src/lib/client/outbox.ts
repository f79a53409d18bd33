import type { ApiFailure } from './api';
import {
	commands,
	requestAnswer,
	type PrisonerChangeCommand,
	type PrisonSettingCommand,
	type StaffDecisionCommand,
	type StoredCommand
} from './commands';
import {
	META,
	type BookAPrisonVisitDb,
	type LocalError,
	type LocalVisitRequest,
	type OutboxAuth,
	type OutboxItem,
	type OutboxKind
} from './db';
import type { RequestStatus, VisitRequestInput } from './types';

/*
 * The exactly-once outbox. Every write a person makes on the device is queued here first, in the
 * same transaction as its local effect, and leaves the queue only when the server has answered
 * for it: `done` on a 2xx, `failed` on a definite refusal (400/403/404/409/413/422 and other 4xx
 * that retrying cannot fix). Anything else (no answer, 5xx, 408, 429, a captive portal's HTML)
 * keeps it `pending` with a later `nextAttemptAt`, so nothing is lost between "sent" and
 * "acknowledged". Re-sending is safe because the server treats a submit's device-made id as an
 * idempotency key: the same id and body again answers 200 with the stored request.
 *
 * This module holds the queue's data and state changes; sync.ts decides when to send.
 */

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/** A Retry-After longer than this is treated as this (a misconfigured header must not park a request for days). */
export const RETRY_AFTER_CAP_MS = 60 * 60_000;
const DONE_KEPT_MS = 7 * 24 * 60 * 60_000;

/** Statuses that mean "this exact request will never be accepted": retrying cannot help. */
const RETRYABLE_4XX = new Set([401, 408, 425, 429]);

export type Outcome =
	| { type: 'done'; status: number; data: unknown }
	| { type: 'failed'; failure: ApiFailure }
	| { type: 'retry'; failure: ApiFailure; retryAfterMs?: number }
	/** The device secret was replaced: try again straight away with the new one. */
	| { type: 'retry-now'; failure: ApiFailure }
	/** The staff session ended: keep the item untouched until someone signs in again. */
	| { type: 'staff-sign-in'; failure: ApiFailure };

/** Full jitter: a random wait between 0 and min(cap, base · 2^attempts). */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts));
	return Math.floor(random() * ceiling);
}

export function isDefiniteRefusal(status: number): boolean {
	return status >= 400 && status < 500 && !RETRYABLE_4XX.has(status);
}

export function newRequestId(): string {
	return crypto.randomUUID();
}

/** An outbox item for a command from the typed map in commands.ts. */
function newItem(command: StoredCommand, now: number): OutboxItem {
	return { attempts: 0, state: 'pending', createdAt: now, nextAttemptAt: now, ...command };
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

// ── Visitor ───────────────────────────────────────────────────────────────────────

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
		await db.outbox.add(newItem(commands.submit(input), now));
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
		await db.outbox.add(newItem(commands.submit(input), now));
		return record;
	});
}

/** Queues a withdraw (before a decision) or a cancel (a booked visit); sent after the request's submit. */
export async function enqueueVisitorAction(
	db: BookAPrisonVisitDb,
	action: 'withdraw' | 'cancel',
	requestId: string,
	now: number = Date.now()
): Promise<OutboxItem> {
	return db.transaction('rw', db.requests, db.outbox, async () => {
		const record = await db.requests.get(requestId);
		if (!record) throw new Error(`No local request ${requestId}`);
		// The server never stored a refused request: there is nothing to withdraw (use dismissFailed).
		if (record.syncState === 'rejected') throw new Error(`Request ${requestId} was refused: dismiss it instead`);
		await db.requests.update(requestId, { pendingAction: action, lastError: undefined, localUpdatedAt: now });
		const item = newItem(commands[action](requestId), now);
		item.id = await db.outbox.add(item);
		return item;
	});
}

/**
 * Queues a change to a booked visit (issue #20): up to three new times, with an id made here so a
 * resend is recognised. Shown as pending at once (queuedChange), even with no signal.
 */
export async function enqueueChange(
	db: BookAPrisonVisitDb,
	requestId: string,
	slots: { date: string; start: string }[],
	now: number = Date.now()
): Promise<OutboxItem> {
	return db.transaction('rw', db.requests, db.outbox, async () => {
		const record = await db.requests.get(requestId);
		if (!record) throw new Error(`No local request ${requestId}`);
		const id = newRequestId();
		await db.requests.update(requestId, {
			pendingAction: 'change',
			queuedChange: { id, slots, queuedAt: now },
			lastError: undefined,
			localUpdatedAt: now
		});
		const item = newItem(commands.change(requestId, { id, slots }), now);
		item.id = await db.outbox.add(item);
		return item;
	});
}

/** Queues taking back a change; sent after the change itself if that is still queued. */
export async function enqueueWithdrawChange(db: BookAPrisonVisitDb, requestId: string, now: number = Date.now()): Promise<OutboxItem> {
	return db.transaction('rw', db.requests, db.outbox, async () => {
		const record = await db.requests.get(requestId);
		if (!record) throw new Error(`No local request ${requestId}`);
		await db.requests.update(requestId, {
			pendingAction: 'change-withdraw',
			queuedChange: undefined,
			lastError: undefined,
			localUpdatedAt: now
		});
		const item = newItem(commands.withdrawChange(requestId), now);
		item.id = await db.outbox.add(item);
		return item;
	});
}

export const enqueueWithdraw = (db: BookAPrisonVisitDb, requestId: string, now?: number) =>
	enqueueVisitorAction(db, 'withdraw', requestId, now);
export const enqueueCancel = (db: BookAPrisonVisitDb, requestId: string, now?: number) =>
	enqueueVisitorAction(db, 'cancel', requestId, now);

// ── Staff ─────────────────────────────────────────────────────────────────────────

export type StaffDecisionKind = StaffDecisionCommand['kind'];
export type PrisonSettingKind = PrisonSettingCommand['kind'];

/** Queues a staff decision, built by commands.confirm / reject / staffCancel (so its body is the route's input type). */
export async function enqueueStaffDecision(
	db: BookAPrisonVisitDb,
	decision: StaffDecisionCommand,
	now: number = Date.now()
): Promise<OutboxItem> {
	return db.transaction('rw', db.staffRequests, db.outbox, async () => {
		await db.staffRequests.update(decision.requestId, { pendingAction: decision.kind, lastError: undefined });
		const item = newItem(decision, now);
		item.id = await db.outbox.add(item);
		return item;
	});
}

/** Queues a timetable or closure change (commands.replaceTimetable / addClosure / removeClosure); one prison's changes go in the order made. */
export async function enqueuePrisonSetting(
	db: BookAPrisonVisitDb,
	setting: PrisonSettingCommand,
	now: number = Date.now()
): Promise<OutboxItem> {
	const item = newItem(setting, now);
	item.id = await db.outbox.add(item);
	return item;
}

/** Queues a change to a prisoner's record (commands.setAllowance / addBan / removeBan); one record's changes go in the order made. */
export async function enqueuePrisonerChange(
	db: BookAPrisonVisitDb,
	change: PrisonerChangeCommand,
	now: number = Date.now()
): Promise<OutboxItem> {
	const item = newItem(change, now);
	item.id = await db.outbox.add(item);
	return item;
}

/** After a successful staff sign-in: queued decisions may go again. */
export async function markStaffSignedIn(db: BookAPrisonVisitDb): Promise<void> {
	await db.meta.delete(META.staffSignInNeeded);
}

// ── Reading and closing the queue ─────────────────────────────────────────────────

export interface OutboxCounts {
	/** Waiting or being sent. */
	pending: number;
	/** Refused: they need a person (change and send again, or dismiss). */
	failed: number;
}

export async function outboxCounts(db: BookAPrisonVisitDb): Promise<OutboxCounts> {
	const [pending, failed] = await Promise.all([
		db.outbox.where('state').anyOf('pending', 'sending').count(),
		db.outbox.where('state').equals('failed').count()
	]);
	return { pending, failed };
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

export type { OutboxAuth, OutboxItem, OutboxKind };
