import type { Kysely } from 'kysely';
import type { Notifications } from '../db/listen';
import type { DeliveryFailureReason } from '../../src/lib/shared/domain';
import type { Database, MessageChannel } from '../db/schema';
import { DELIVERIES_CHANNEL } from './outbox';
import { retryDelayMs } from './retry-policy';
import {
	claimDeliveries,
	markDeliveryFailed,
	markDeliverySent,
	nextDeliveryDueAt,
	rescheduleDelivery,
	stillRunning,
	type ClaimedDelivery
} from './store';
import { onMessageWake } from './wake';

/*
 * Sends queued deliveries (the one outbox, outbox.ts) on every channel, one worker in every server
 * process, through small channel adapters (web-push.ts, smtp.ts, gov-notify.ts).
 *
 * Delivery is at-least-once, as the transports allow, and in normal running exactly once: a
 * delivery is claimed by one worker at a time (FOR UPDATE SKIP LOCKED + a lease), and its outcome
 * is written only by the worker holding that claim. The one window for a duplicate: the process
 * dies (or its lease runs out) after the provider accepted the message but before "sent" is
 * committed; after the lease it is sent again. Each adapter narrows that: a push carries a Topic
 * per request (the push service keeps the newest), an email the delivery's id as Message-ID, a
 * Notify message the delivery's id as its reference.
 */

/** What one send came to; the worker records it. `details` are log fields (never an address). */
export type SendOutcome =
	| { outcome: 'sent'; provider: string; providerId?: string; toMasked?: string | null; language: string; details?: object }
	| {
			outcome: 'retry';
			reason: string;
			/** The provider's Retry-After, when it gave one. */
			retryAfter?: string | string[];
			/** Past this a retry is pointless (a push's time to live): fail instead. */
			staleAt?: Date;
			details?: object;
	  }
	| {
			outcome: 'failed';
			/** Why, as staff read it (from the catalogue). */
			code: DeliveryFailureReason;
			/** For the log. */
			reason: string;
			/** The provider's own words (an SMTP or Notify answer), kept beside the code; never the service's own English. */
			detail?: string;
			provider?: string;
			toMasked?: string | null;
			language?: string;
			details?: object;
	  }
	/** A push whose browser is gone for good: the subscription was dropped, the delivery fails. */
	| { outcome: 'removed'; reason: string; detail?: string; details?: object };

/** One channel's way of sending: renders the message (at send time) and hands it to a provider. */
export interface ChannelAdapter {
	channel: MessageChannel;
	/** Send a batch's deliveries on this channel one after another (an SMTP server limits connections). */
	oneAtATime?: boolean;
	/** Sends one delivery. Rejects only when something unexpected went wrong (then it is retried). */
	send(delivery: ClaimedDelivery): Promise<SendOutcome>;
	close?(): void;
}

/** The subset of pino the worker and adapters use. */
export interface MessageLogger {
	info(details: object, message: string): void;
	warn(details: object, message: string): void;
	error(details: object, message: string): void;
}

const quiet: MessageLogger = { info() {}, warn() {}, error() {} };

const IDLE_RECHECK_MS = 250;

export interface MessageWorkerOptions {
	db: Kysely<Database>;
	/** One per channel this process can send on; deliveries on other channels wait for a process that can. */
	adapters: ChannelAdapter[];
	clock?: () => Date;
	logger?: MessageLogger;
	/** Fallback polling interval; NOTIFY and in-process wake-ups usually come first. */
	pollMs?: number;
	/** Attempts (claims) before a delivery is marked failed. */
	maxAttempts?: number;
	batchSize?: number;
	/** How long a claim lasts; must be well over any adapter's send timeout, or a slow send could be duplicated. */
	leaseMs?: number;
	/** The process's LISTEN connection (db/listen.ts): NOTIFYs from every process wake the worker. */
	notifications?: Notifications;
	/** For jitter; tests pass a fixed one. */
	random?: () => number;
}

export interface MessageRunSummary {
	claimed: number;
	sent: number;
	retried: number;
	failed: number;
	/** Push subscriptions dropped because the push service refused them for good. */
	removed: number;
}

export interface MessageWorker {
	start(): Promise<void>;
	/** Stops taking deliveries and waits for sends in flight to finish and be recorded. */
	stop(): Promise<void>;
	/** One claim-send-record round; what the loop runs, exposed for tests. */
	runOnce(): Promise<MessageRunSummary>;
	/** Resolves once no round is running (tests: the round `start` began has ended). */
	idle(): Promise<void>;
}

type Outcome = 'sent' | 'retried' | 'failed' | 'removed';

export function createMessageWorker(options: MessageWorkerOptions): MessageWorker {
	const db = options.db;
	const clock = options.clock ?? (() => new Date());
	const logger = options.logger ?? quiet;
	const pollMs = options.pollMs ?? 30_000;
	const maxAttempts = options.maxAttempts ?? 10;
	const batchSize = options.batchSize ?? 20;
	const leaseMs = options.leaseMs ?? 120_000;
	const random = options.random ?? Math.random;
	const adapters = new Map(options.adapters.map((adapter) => [adapter.channel, adapter]));
	const channels = [...adapters.keys()];

	async function deliver(delivery: ClaimedDelivery): Promise<Outcome> {
		const base = { deliveryId: delivery.id, channel: delivery.channel, kind: delivery.kind, attempt: delivery.attempts };
		const result = await adapters.get(delivery.channel)!.send(delivery);
		const details = { ...base, ...result.details };
		const now = clock();
		switch (result.outcome) {
			case 'sent':
				if (!(await markDeliverySent(db, delivery, now, result))) {
					logger.warn(details, 'message sent after its lease ran out; another worker may send it again');
				}
				return 'sent';
			case 'removed':
				await markDeliveryFailed(db, delivery, now, { reason: 'unsubscribed', detail: result.detail ?? null });
				logger.info({ ...details, reason: result.reason }, 'push subscription gone; removed');
				return 'removed';
			case 'failed':
				await markDeliveryFailed(db, delivery, now, { reason: result.code, detail: result.detail ?? null }, result);
				logger.warn({ ...details, reason: result.reason }, 'message refused for good');
				return 'failed';
			case 'retry': {
				const delay = retryDelayMs({
					attempt: delivery.attempts,
					...(result.retryAfter !== undefined ? { retryAfter: result.retryAfter } : {}),
					now,
					random
				});
				const nextAttemptAt = new Date(now.getTime() + delay);
				if (delivery.attempts >= maxAttempts || (result.staleAt && nextAttemptAt > result.staleAt)) {
					// The code says it was given up; the detail is the last answer (attempts are on the row).
					await markDeliveryFailed(db, delivery, now, { reason: 'gave_up', detail: result.reason });
					logger.warn({ ...details, reason: result.reason }, 'message delivery given up');
					return 'failed';
				}
				await rescheduleDelivery(db, delivery, nextAttemptAt, result.reason);
				logger.info({ ...details, reason: result.reason, retryInMs: delay }, 'message delivery will be retried');
				return 'retried';
			}
		}
	}

	const safely = (delivery: ClaimedDelivery) =>
		deliver(delivery).catch((error: unknown) => {
			// Rendering or recording failed (database down): the lease runs out and the delivery is
			// retried, so this is at worst a duplicate, never a loss.
			logger.error({ deliveryId: delivery.id, code: (error as { code?: string } | null)?.code }, 'message outcome not recorded');
			return 'retried' as const;
		});

	async function runOnce(): Promise<MessageRunSummary> {
		const claimed = await claimDeliveries(db, { now: clock(), leaseMs, limit: batchSize, maxAttempts, channels });
		const summary: MessageRunSummary = { claimed: claimed.length, sent: 0, retried: 0, failed: 0, removed: 0 };
		// Each channel's share at once; within a channel that wants it, one at a time.
		const outcomes = await Promise.all(
			channels.map(async (channel) => {
				const mine = claimed.filter((delivery) => delivery.channel === channel);
				if (!adapters.get(channel)!.oneAtATime) return Promise.all(mine.map(safely));
				const done: Outcome[] = [];
				for (const delivery of mine) done.push(await safely(delivery));
				return done;
			})
		);
		for (const outcome of outcomes.flat()) summary[outcome] += 1;
		return summary;
	}

	// ── The loop: run on wake-up, NOTIFY, when the next delivery is due, or every pollMs ──
	let stopped = true;
	let running: Promise<void> | null = null;
	let again = false;
	let timer: NodeJS.Timeout | undefined;
	let stopWakeUps: (() => void) | undefined;
	let stopListening: (() => void) | undefined;

	function schedule(ms: number) {
		clearTimeout(timer);
		if (stopped) return;
		timer = setTimeout(kick, Math.max(0, Math.min(ms, pollMs)));
		timer.unref();
	}

	/**
	 * Transactions in this process that queued deliveries and woke us, with when we heard: a round
	 * run before one commits sees none of its rows, and on PostgreSQL without LISTEN (or while the
	 * LISTEN connection is down) nothing else would wake us after the commit.
	 */
	const announced = new Map<string, number>();

	function heard(transactionId?: string) {
		if (transactionId) announced.set(transactionId, performance.now());
		kick();
	}

	/** Forgets transactions that are over (their rows are now visible) or too old to wait for. */
	async function pendingAnnouncements(): Promise<number> {
		if (announced.size === 0) return 0;
		const running = await stillRunning(db, [...announced.keys()]);
		const oldest = performance.now() - pollMs;
		for (const [transactionId, at] of announced) {
			// Past pollMs the fallback poll looks anyway (and an id from another database in this
			// process, as in tests, never looks finished here).
			if (!running.has(transactionId) || at < oldest) announced.delete(transactionId);
		}
		return announced.size;
	}

	async function drain() {
		do {
			again = false;
			const summary = await runOnce();
			if (summary.claimed === batchSize) again = true; // probably more waiting
		} while (again && !stopped);
		// Before nextDeliveryDueAt: a transaction over by now has its rows visible to that query.
		const waitingForCommit = await pendingAnnouncements();
		const dueAt = await nextDeliveryDueAt(db, channels);
		// Not sooner than IDLE_RECHECK_MS: a delivery another worker is claiming right now looks due
		// but can't be taken, and must not make this worker spin.
		const wait = dueAt ? Math.max(IDLE_RECHECK_MS, dueAt.getTime() - clock().getTime() + 10) : pollMs;
		schedule(waitingForCommit > 0 ? Math.min(wait, IDLE_RECHECK_MS) : wait);
	}

	function kick() {
		if (stopped) return;
		if (running) {
			again = true;
			return;
		}
		running = drain()
			.catch((error: unknown) => {
				logger.error({ code: (error as { code?: string } | null)?.code }, 'message worker round failed');
				schedule(pollMs);
			})
			.finally(() => {
				running = null;
				// A wake-up that arrived while the round was finishing.
				if (again) kick();
			});
	}

	return {
		runOnce,
		async idle() {
			while (running) await running;
		},
		async start() {
			if (!stopped) return;
			stopped = false;
			stopWakeUps = onMessageWake(heard);
			// Each (re)connection also kicks: anything queued while nobody was listening.
			stopListening = await options.notifications?.subscribe(DELIVERIES_CHANNEL, { notify: () => kick(), connected: () => kick() });
			kick();
		},
		async stop() {
			stopped = true;
			clearTimeout(timer);
			stopWakeUps?.();
			stopListening?.();
			await running;
			for (const adapter of adapters.values()) adapter.close?.();
		}
	};
}
