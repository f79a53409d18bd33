import type { Agent } from 'node:https';
import type { Kysely } from 'kysely';
import webpush from 'web-push';
import type { Notifications } from '../db/listen';
import type { Database } from '../db/schema';
import {
	claimPushJobs,
	deletePushSubscriptionById,
	markPushJobFailed,
	markPushJobSent,
	nextPushJobDueAt,
	reschedulePushJob,
	stillRunning,
	type ClaimedJob
} from './job-store';
import type { PushEndpointPolicyOptions } from './endpoint-policy';
import { PUSH_JOBS_CHANNEL, type PushUrgency } from './jobs';
import { isAuthSecret, isP256PublicKey } from './keys';
import { pinnedAgent, resolvePushTarget, systemResolver, type PushResolver } from './send-guard';
import { retryDelayMs } from './retry-policy';
import type { VapidKeys } from './vapid';
import { onPushWake } from './wake';

/*
 * Delivers queued push jobs (jobs.ts) to push services with web-push.
 *
 * Delivery is at-least-once, as the transport allows, and in normal running exactly once: a job
 * is claimed by one worker at a time (FOR UPDATE SKIP LOCKED + a lease), and its outcome is
 * written only by the worker holding that claim. The one window for a duplicate: the process
 * dies (or its lease runs out) after the push service accepted the message but before "sent" is
 * committed; after the lease the job is sent again. Messages about a request share a Topic, so a
 * push service that still holds the first copy replaces it, and the service worker shows a
 * notification with a tag per request, so a visitor sees one notification either way.
 */

export interface PushSubscriptionTarget {
	endpoint: string;
	keys: { p256dh: string; auth: string };
}

export interface PushSendOptions {
	TTL: number;
	topic?: string;
	urgency: PushUrgency;
	vapidDetails: { subject: string; publicKey: string; privateKey: string };
	timeout: number;
	agent: Agent;
}

/** web-push's sendNotification, or a stand-in with the same contract (rejects on non-2xx). */
export type PushSender = (
	subscription: PushSubscriptionTarget,
	payload: string,
	options: PushSendOptions
) => Promise<{ statusCode: number }>;

/** The subset of pino the worker uses. */
export interface PushLogger {
	info(details: object, message: string): void;
	warn(details: object, message: string): void;
	error(details: object, message: string): void;
}

const IDLE_RECHECK_MS = 250;

const silentLogger: PushLogger = { info() {}, warn() {}, error() {} };

export interface PushWorkerOptions {
	db: Kysely<Database>;
	vapid: VapidKeys;
	sender?: PushSender;
	clock?: () => Date;
	logger?: PushLogger;
	/** Fallback polling interval; NOTIFY and in-process wake-ups usually come first. */
	pollMs?: number;
	/** Attempts (claims) before a job is marked failed. */
	maxAttempts?: number;
	batchSize?: number;
	/** How long a claim lasts; must be well over timeoutMs or a slow send could be duplicated. */
	leaseMs?: number;
	/** Per-request timeout for the push service. */
	timeoutMs?: number;
	/**
	 * TLS options for the push requests, as an https.Agent whose options are copied (tests: one that
	 * trusts the local stand-in's certificate). Each send gets its own agent pinned to the checked address.
	 */
	agent?: Agent;
	/** Which endpoints may be sent to (checked again before every send). Default: the public push services only. */
	endpointPolicy?: PushEndpointPolicyOptions;
	/** Resolves push service names at send time (tests: a stand-in DNS). */
	resolve?: PushResolver;
	/** The process's LISTEN connection (db/listen.ts): NOTIFYs from every process wake the worker. */
	notifications?: Notifications;
	/** For jitter; tests pass a fixed one. */
	random?: () => number;
}

export interface PushRunSummary {
	claimed: number;
	sent: number;
	retried: number;
	failed: number;
	/** Subscriptions dropped because the push service refused them for good. */
	removed: number;
}

export interface PushWorker {
	start(): Promise<void>;
	/** Stops taking jobs and waits for sends in flight to finish and be recorded. */
	stop(): Promise<void>;
	/** One claim-send-record round; what the loop runs, exposed for tests. */
	runOnce(): Promise<PushRunSummary>;
}

type Outcome = 'sent' | 'retried' | 'failed' | 'removed';

interface HttpError {
	statusCode: number;
	headers?: Record<string, string | string[] | undefined>;
	body?: string;
}

function asHttpError(error: unknown): HttpError | null {
	const candidate = error as Partial<HttpError> | null;
	return typeof candidate?.statusCode === 'number' ? (candidate as HttpError) : null;
}

/** The endpoint's origin only: the full URL is a capability and does not belong in logs. */
function originOf(endpoint: string): string {
	try {
		return new URL(endpoint).origin;
	} catch {
		return 'invalid';
	}
}

const defaultSender: PushSender = (subscription, payload, options) => webpush.sendNotification(subscription, payload, options);

export function createPushWorker(options: PushWorkerOptions): PushWorker {
	const db = options.db;
	const sender = options.sender ?? defaultSender;
	const clock = options.clock ?? (() => new Date());
	const logger = options.logger ?? silentLogger;
	const pollMs = options.pollMs ?? 30_000;
	const maxAttempts = options.maxAttempts ?? 8;
	const batchSize = options.batchSize ?? 20;
	const timeoutMs = options.timeoutMs ?? 15_000;
	const leaseMs = options.leaseMs ?? Math.max(120_000, timeoutMs * 4);
	const random = options.random ?? Math.random;
	const endpointPolicy = options.endpointPolicy ?? {};
	const resolve = options.resolve ?? systemResolver;
	const vapidDetails = {
		subject: options.vapid.subject,
		publicKey: options.vapid.publicKey,
		privateKey: options.vapid.privateKey
	};

	async function deliver(job: ClaimedJob): Promise<Outcome> {
		const details = { jobId: job.id, subscriptionId: job.subscriptionId, push: originOf(job.endpoint), attempt: job.attempts };
		// Keys that can never be encrypted to (stored before they were checked): retrying won't help.
		if (!isP256PublicKey(job.p256dh) || !isAuthSecret(job.auth)) {
			await deletePushSubscriptionById(db, job.subscriptionId);
			logger.warn(details, 'push subscription has keys that cannot be used; removed');
			return 'removed';
		}
		const target = await resolvePushTarget(job.endpoint, endpointPolicy, resolve);
		if (!target.ok && target.permanent) {
			await deletePushSubscriptionById(db, job.subscriptionId);
			logger.warn({ ...details, reason: target.reason }, 'push endpoint not allowed; subscription removed');
			return 'removed';
		}
		let failure: unknown;
		if (!target.ok) {
			failure = new Error(target.reason);
		} else {
			const agent = pinnedAgent(target, options.agent?.options);
			try {
				await sender({ endpoint: target.url, keys: { p256dh: job.p256dh, auth: job.auth } }, job.payload, {
					TTL: job.ttl,
					...(job.topic ? { topic: job.topic } : {}),
					urgency: job.urgency as PushUrgency,
					vapidDetails,
					timeout: timeoutMs,
					agent
				});
			} catch (error) {
				failure = error;
			} finally {
				agent.destroy();
			}
		}
		const now = clock();

		if (failure === undefined) {
			if (!(await markPushJobSent(db, job, now))) {
				logger.warn(details, 'push sent after its lease ran out; another worker may send it again');
			}
			return 'sent';
		}

		const http = asHttpError(failure);
		const status = http?.statusCode;
		if (status === 404 || status === 410) {
			// The browser unsubscribed or the subscription expired: it will never work again.
			await deletePushSubscriptionById(db, job.subscriptionId);
			logger.info({ ...details, status }, 'push subscription gone; removed');
			return 'removed';
		}
		if (status === 413) {
			// The message is too big, not the subscription's fault: keep the subscription.
			await markPushJobFailed(db, job, `push service answered 413`);
			logger.error({ ...details, status }, 'push payload too large');
			return 'failed';
		}
		if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
			// The push service refuses this subscription for good (e.g. 400 bad token, or 403
			// because it was made with other VAPID keys). Drop it; its jobs, this one included, go
			// with it (cascade), so the log line is the record of the failure.
			await deletePushSubscriptionById(db, job.subscriptionId);
			logger.warn({ ...details, status, body: http?.body?.slice(0, 200) }, 'push subscription refused; removed');
			return 'removed';
		}

		// 408, 429, 5xx, timeouts and network errors: try again later.
		const reason = status !== undefined ? `push service answered ${status}` : String((failure as Error)?.message ?? failure);
		const delay = retryDelayMs({ attempt: job.attempts, retryAfter: http?.headers?.['retry-after'], now, random });
		const nextAttemptAt = new Date(now.getTime() + delay);
		const expiresAt = new Date(job.createdAt.getTime() + job.ttl * 1000);
		if (job.attempts >= maxAttempts || nextAttemptAt > expiresAt) {
			await markPushJobFailed(db, job, `${reason}; gave up after ${job.attempts} attempts`);
			logger.warn({ ...details, status, reason }, 'push delivery given up');
			return 'failed';
		}
		await reschedulePushJob(db, job, nextAttemptAt, reason);
		logger.info({ ...details, status, reason, retryInMs: delay }, 'push delivery will be retried');
		return 'retried';
	}

	async function runOnce(): Promise<PushRunSummary> {
		const jobs = await claimPushJobs(db, { now: clock(), leaseMs, limit: batchSize, maxAttempts });
		const summary: PushRunSummary = { claimed: jobs.length, sent: 0, retried: 0, failed: 0, removed: 0 };
		const outcomes = await Promise.all(
			jobs.map((job) =>
				deliver(job).catch((error: unknown) => {
					// Recording the outcome failed (database down): the lease runs out and the job is
					// retried, so this is at worst a duplicate, never a loss.
					logger.error({ jobId: job.id, error: String(error) }, 'push outcome not recorded');
					return 'retried' as const;
				})
			)
		);
		for (const outcome of outcomes) summary[outcome] += 1;
		return summary;
	}

	// ── The loop: run on wake-up, NOTIFY, when the next job is due, or every pollMs ──
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
	 * Transactions in this process that queued jobs and woke us, with when we heard: a round run
	 * before one commits sees none of its jobs, and on PostgreSQL without LISTEN (or while the
	 * LISTEN connection is down) nothing else would wake us after the commit.
	 */
	const announced = new Map<string, number>();

	function heard(transactionId?: string) {
		if (transactionId) announced.set(transactionId, performance.now());
		kick();
	}

	/** Forgets transactions that are over (their jobs are now visible) or too old to wait for. */
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
		// Before nextPushJobDueAt: a transaction over by now has its jobs visible to that query.
		const waitingForCommit = await pendingAnnouncements();
		const dueAt = await nextPushJobDueAt(db);
		// Not sooner than IDLE_RECHECK_MS: a job another worker is claiming right now looks due
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
				logger.error({ error: String(error) }, 'push worker round failed');
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
		async start() {
			if (!stopped) return;
			stopped = false;
			stopWakeUps = onPushWake(heard);
			// Each (re)connection also kicks: anything queued while nobody was listening.
			stopListening = await options.notifications?.subscribe(PUSH_JOBS_CHANNEL, { notify: () => kick(), connected: () => kick() });
			kick();
		},
		async stop() {
			stopped = true;
			clearTimeout(timer);
			stopWakeUps?.();
			stopListening?.();
			await running;
		}
	};
}
