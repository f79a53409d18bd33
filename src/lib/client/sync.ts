import { liveQuery, type Subscription } from 'dexie';
import { t } from '../shared/i18n';
import { callApi, params, sendStored, type FetchLike } from './api';
import type { ApiFailure, ApiResult } from './api-result';
import { requestAnswer } from './commands';
import { META, getMeta, setMeta, type BookAPrisonVisitDb, type LocalError, type OutboxItem } from './db';
import { resetDeviceSecret } from './device';
import { observable, type Readable } from './observable';
import {
	ACTION_STATUS,
	asLocalError,
	claimNextItem,
	countAsking,
	nextDueAt,
	outboxCounts,
	pruneDone,
	sendableHeads,
	settleItem
} from './outbox';
import { isDefiniteRefusal, type Outcome } from './retry-policy';
import { mergeServerRequests } from './requests';
import { storeServerWaitlist, waitlistMark } from './waitlist-copy';

/*
 * The sync engine: sends the outbox, one item at a time, whenever there is a chance it will
 * arrive (start, back online, page shown again, an item's retry time, Background Sync in the
 * service worker), then refreshes the visitor's requests.
 *
 * No two senders ever send the same item at once: within one engine `syncNow()` is single-flight;
 * across tabs and the service worker a Web Lock serialises whole runs where the platform has one,
 * and otherwise each item is leased in IndexedDB (see claimNextItem). Nothing here touches DOM
 * globals at import time: Node runs this same code with fake-indexeddb and an injected fetch.
 */

export interface SyncStatus {
	/** False when the platform says so or the last attempt got no answer. */
	online: boolean;
	syncing: boolean;
	/** Queued items waiting or being sent. */
	pending: number;
	/** Refused items waiting for a person. */
	failed: number;
	/**
	 * Of the refused items, those that are a question for the officer rather than a refusal (a
	 * closure that would cancel booked visits): counted here and not in `failed`.
	 */
	asking: number;
	staffSignInNeeded: boolean;
	lastError: LocalError | null;
	lastSyncAt: number | null;
}

export interface SyncSummary {
	/** Acknowledged by the server. */
	sent: number;
	/** Definitely refused: stored as failed with the error. */
	refused: number;
	/** Still queued for a later attempt. */
	retrying: number;
}

/** The part of the Web Locks API the engine needs (navigator.locks, or a test double). */
export interface LockManagerLike {
	request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export interface SyncEngineOptions {
	db: BookAPrisonVisitDb;
	fetch?: FetchLike;
	baseUrl?: string;
	now?: () => number;
	random?: () => number;
	/** Defaults to navigator.locks when there is one; null turns locking off (leases only). */
	locks?: LockManagerLike | null;
	/** How long one request may take before it counts as lost. */
	timeoutMs?: number;
	/** How long a claimed item stays reserved for its sender; longer than timeoutMs. */
	leaseMs?: number;
	/** Called when items wait for the network: a page passes requestBackgroundSync here. */
	onWaiting?: () => void | Promise<void>;
	/** GET /api/visit-requests after device items were answered (default true). */
	refreshAfterSend?: boolean;
}

export interface SyncEngine {
	/** Sends what is due. Concurrent calls share one run. */
	syncNow(): Promise<SyncSummary>;
	/** Syncs now, then on `online`, on the page becoming visible, on a new item and at retry times. */
	start(): void;
	stop(): void;
	status: Readable<SyncStatus> & { get(): SyncStatus };
	subscribe: Readable<SyncStatus>['subscribe'];
	/** GET /api/visit-requests into the `requests` table. */
	refreshRequests(): Promise<ApiResult<unknown>>;
	refreshStatus(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MIN_TIMER_MS = 1_000;
const MAX_TIMER_MS = 5 * 60_000;

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
	const { db } = options;
	const now = options.now ?? Date.now;
	const random = options.random ?? Math.random;
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const leaseMs = options.leaseMs ?? timeoutMs * 2;
	const locks = options.locks === undefined ? platformLocks() : options.locks;
	const owner = crypto.randomUUID();
	const lockName = `book-a-prison-visit:outbox:${db.name}`;
	const transport = { db, fetch: options.fetch, baseUrl: options.baseUrl, timeoutMs };

	const status = observable<SyncStatus>({
		online: platformOnline() ?? true,
		syncing: false,
		pending: 0,
		failed: 0,
		asking: 0,
		staffSignInNeeded: false,
		lastError: null,
		lastSyncAt: null
	});
	const patch = (change: Partial<SyncStatus>) => status.update((value) => ({ ...value, ...change }));

	let running: Promise<SyncSummary> | null = null;
	let runAgain = false;
	let started = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let outboxWatch: Subscription | undefined;
	let secretAccepted = false;

	async function refreshStatus(): Promise<void> {
		const [counts, signIn] = await Promise.all([outboxCounts(db), getMeta<number>(db, META.staffSignInNeeded)]);
		patch({ ...counts, staffSignInNeeded: signIn !== undefined });
	}

	async function refreshRequests(): Promise<ApiResult<unknown>> {
		const askedAt = now();
		const result = await callApi((api) => api['visit-requests'].$get(), { ...transport, auth: 'device' });
		if (result.ok) {
			await mergeServerRequests(db, result.data.requests, now(), askedAt);
			await setMeta(db, META.requestsRefreshedAt, now());
			// The waiting list comes with the visits it sits beside on "Your visits".
			const mark = await waitlistMark(db);
			const waiting = await callApi((api) => api.waitlist.$get(), { ...transport, auth: 'device' });
			if (waiting.ok) await storeServerWaitlist(db, waiting.data.entries, mark);
		}
		return result;
	}

	async function markSecretAccepted(): Promise<void> {
		if (secretAccepted) return;
		if ((await getMeta(db, META.deviceSecretAcceptedAt)) === undefined) await setMeta(db, META.deviceSecretAcceptedAt, now());
		secretAccepted = true;
	}

	/**
	 * The server registers a device the first time it sees its secret, so a 401 means it could not
	 * read it. Replace it once, and only if the server has never accepted it: a secret that worked
	 * before owns requests on the server, and replacing it would lose the visitor access to them.
	 */
	async function onDeviceUnauthorised(failure: ApiFailure): Promise<Outcome> {
		const [acceptedAt, resetAt] = await Promise.all([getMeta(db, META.deviceSecretAcceptedAt), getMeta(db, META.deviceSecretResetAt)]);
		if (acceptedAt === undefined && resetAt === undefined) {
			await resetDeviceSecret(db, now());
			secretAccepted = false;
			return { type: 'retry-now', failure };
		}
		return { type: 'retry', failure };
	}

	/** A 2xx only counts as an answer from the API if it is JSON (a captive portal answers 200 with HTML). */
	function isAcknowledgement(item: OutboxItem, result: { status: number; data: unknown }): boolean {
		if (item.kind === 'submit') return requestAnswer(result.data)?.id === item.requestId;
		return result.status === 204 || result.data !== undefined;
	}

	/** A replayed withdraw or cancel whose first answer was lost gets 409: check whether it already happened. */
	async function alreadyApplied(item: OutboxItem): Promise<Outcome | null> {
		const target = ACTION_STATUS[item.kind];
		if (!target || !item.requestId) return null;
		const id = item.requestId;
		const current = await callApi((api) => api['visit-requests'][':id'].$get({ param: params({ id }) }), { ...transport, auth: 'device' });
		if (!current.ok) return current.status === 0 ? { type: 'retry', failure: current } : null;
		return current.data.status === target ? { type: 'done', status: current.status, data: current.data } : null;
	}

	async function send(item: OutboxItem): Promise<Outcome> {
		const result = await sendStored(item, { ...transport, auth: item.auth });
		if (!result.ok && result.status === 0) return { type: 'retry', failure: result };
		if (result.ok) {
			if (!isAcknowledgement(item, result)) {
				return {
					type: 'retry',
					failure: { ok: false, status: result.status, code: 'unexpected_response', message: t('sync.error.unexpected') }
				};
			}
			if (item.auth === 'device') await markSecretAccepted();
			return { type: 'done', status: result.status, data: result.data };
		}
		if (result.status === 401) {
			return item.auth === 'device' ? onDeviceUnauthorised(result) : { type: 'staff-sign-in', failure: result };
		}
		if (result.status === 409) {
			const applied = await alreadyApplied(item);
			if (applied) return applied;
		}
		if (isDefiniteRefusal(result.status)) return { type: 'failed', failure: result };
		return { type: 'retry', failure: result, retryAfterMs: result.retryAfterMs };
	}

	async function withLock<T>(work: (exclusive: boolean) => Promise<T>): Promise<T> {
		if (!locks) return work(false);
		return locks.request(lockName, () => work(true));
	}

	/** A run begun by a started engine ends early once stop() is called (a run asked for directly goes on). */
	const halted = (startedAtBegin: boolean) => startedAtBegin && !started;

	async function runOnce(startedAtBegin = started): Promise<SyncSummary> {
		const summary: SyncSummary = { sent: 0, refused: 0, retrying: 0 };
		if (platformOnline() === false) {
			patch({ online: false });
			await refreshStatus();
			return summary;
		}
		await withLock(async (exclusive) => {
			const attempted = new Set<number>();
			let deviceAnswered = false;
			for (;;) {
				if (halted(startedAtBegin)) break;
				const skipStaff = (await getMeta(db, META.staffSignInNeeded)) !== undefined;
				const item = await claimNextItem(db, { owner, now: now(), leaseMs, exclusive, skipStaff, exclude: attempted });
				if (!item) break;
				attempted.add(item.id!);
				const outcome = await send(item);
				if (outcome.type === 'retry-now') attempted.delete(item.id!);
				await settleItem(db, item, outcome, { now: now(), random });
				if (outcome.type === 'done') summary.sent += 1;
				else if (outcome.type === 'failed') summary.refused += 1;
				else if (outcome.type === 'retry') summary.retrying += 1;
				if (item.auth === 'device' && (outcome.type === 'done' || outcome.type === 'failed')) deviceAnswered = true;
				const noAnswer = outcome.type !== 'done' && outcome.type !== 'failed' && outcome.failure.status === 0;
				patch({
					online: !noAnswer,
					lastError: outcome.type === 'done' ? null : asLocalError(outcome.failure)
				});
			}
			if (deviceAnswered && options.refreshAfterSend !== false) await refreshRequests();
			await pruneDone(db, now());
		});
		await refreshStatus();
		patch({ lastSyncAt: now() });
		if (summary.retrying > 0 && options.onWaiting) {
			await Promise.resolve(options.onWaiting()).catch(() => undefined);
		}
		return summary;
	}

	function syncNow(): Promise<SyncSummary> {
		if (running) {
			// Something changed while a run was going: run once more before answering.
			runAgain = true;
			return running;
		}
		patch({ syncing: true });
		const startedAtBegin = started;
		running = (async () => {
			const total: SyncSummary = { sent: 0, refused: 0, retrying: 0 };
			do {
				runAgain = false;
				const summary = await runOnce(startedAtBegin);
				total.sent += summary.sent;
				total.refused += summary.refused;
				total.retrying = summary.retrying;
			} while (runAgain && !halted(startedAtBegin));
			return total;
		})().finally(() => {
			running = null;
			patch({ syncing: false });
			void scheduleTimer();
		});
		return running;
	}

	async function scheduleTimer(): Promise<void> {
		if (!started) return;
		clearTimeout(timer);
		// Offline, the `online` event starts the next run; polling would only drain the battery.
		if (platformOnline() === false) return;
		const skipStaff = (await getMeta(db, META.staffSignInNeeded)) !== undefined;
		const due = await nextDueAt(db, { now: now(), skipStaff });
		if (due === null || !started) return;
		const wait = Math.min(MAX_TIMER_MS, Math.max(MIN_TIMER_MS, due - now()));
		timer = setTimeout(() => void syncNow(), wait);
	}

	const onOnline = () => {
		patch({ online: true });
		void syncNow();
	};
	const onOffline = () => patch({ online: false });
	const onVisible = () => {
		if (globalThis.document?.visibilityState === 'visible') void syncNow();
	};

	function start(): void {
		if (started) return;
		started = true;
		globalThis.addEventListener?.('online', onOnline);
		globalThis.addEventListener?.('offline', onOffline);
		globalThis.document?.addEventListener('visibilitychange', onVisible);
		// Watches the queue in every tab (Dexie forwards changes between tabs): counts stay true,
		// and a newly queued item is sent at once. Retries are left to the timer.
		outboxWatch = liveQuery(() => db.outbox.where('state').anyOf('pending', 'sending', 'failed').toArray()).subscribe({
			next: (open) => {
				const refused = open.filter((item) => item.state === 'failed');
				const asking = countAsking(refused);
				patch({
					pending: open.filter((item) => item.state !== 'failed').length,
					failed: refused.length - asking,
					asking
				});
				const fresh = sendableHeads(open, { now: now(), exclusive: false, skipStaff: status.get().staffSignInNeeded });
				if (fresh.some((item) => item.attempts === 0 && item.nextAttemptAt <= now())) void syncNow();
			},
			error: () => undefined
		});
		void syncNow();
	}

	function stop(): void {
		started = false;
		clearTimeout(timer);
		globalThis.removeEventListener?.('online', onOnline);
		globalThis.removeEventListener?.('offline', onOffline);
		globalThis.document?.removeEventListener('visibilitychange', onVisible);
		outboxWatch?.unsubscribe();
		outboxWatch = undefined;
	}

	return {
		syncNow,
		start,
		stop,
		status,
		subscribe: status.subscribe,
		refreshRequests,
		refreshStatus
	};
}

/** navigator.onLine where there is one (a false there is reliable; a true is only a hope). */
function platformOnline(): boolean | undefined {
	const nav = (globalThis as { navigator?: { onLine?: unknown } }).navigator;
	return typeof nav?.onLine === 'boolean' ? nav.onLine : undefined;
}

function platformLocks(): LockManagerLike | null {
	const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
	return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : null;
}
