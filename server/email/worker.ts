import type { Kysely } from 'kysely';
import { createTransport, type Transporter } from 'nodemailer';
import type { Notifications } from '../db/listen';
import type { Database } from '../db/schema';
import { EMAIL_CHANNEL } from '../lifecycle/notify';
import { retryDelayMs } from '../push/retry-policy';
import { isDeliverableAddress } from './address';
import {
	claimEmailJobs,
	loadEmailFacts,
	loadPlaceEmailFacts,
	markEmailFailed,
	markEmailSent,
	nextEmailDueAt,
	rescheduleEmail,
	type ClaimedEmail
} from './job-store';
import { renderEmail, renderPlaceEmail, type RenderedEmail } from './render';
import { onEmailWake } from './wake';

/*
 * Sends queued email jobs over SMTP with nodemailer, one worker in every server process.
 *
 * A job is claimed by one worker at a time (FOR UPDATE SKIP LOCKED and a lease) and its outcome
 * is written only by the worker holding that claim, so N processes send each email once. The one
 * window for a duplicate, as with push: the process dies after the SMTP server accepted the
 * message and before "sent" is recorded; after the lease the job is sent again, with the same
 * Message-ID, so mail systems can drop the copy.
 *
 * SMTP answers: 2xx sent; 4xx (temporary: greylisting, mailbox busy, rate limits) and connection
 * errors or timeouts are retried with backoff; 5xx (permanent: no such mailbox, refused) drop the
 * job with a log line that names the job and the code, never the address.
 */

export interface MailMessage {
	from: string;
	to: string;
	subject: string;
	text: string;
	html: string;
	messageId: string;
	attachments: { filename: string; content: string; contentType: string }[];
}

/** nodemailer's sendMail, or a stand-in that rejects with the same error shape ({ responseCode, code }). */
export type MailSender = (message: MailMessage) => Promise<unknown>;

export interface EmailLogger {
	info(details: object, message: string): void;
	warn(details: object, message: string): void;
	error(details: object, message: string): void;
}

export interface EmailWorkerOptions {
	db: Kysely<Database>;
	smtpUrl: string;
	from: string;
	sender?: MailSender;
	clock?: () => Date;
	logger?: EmailLogger;
	pollMs?: number;
	maxAttempts?: number;
	batchSize?: number;
	leaseMs?: number;
	random?: () => number;
	/** The service's public origin (PUBLIC_URL): a "place came up" email links to the booking flow there. */
	publicUrl?: string;
	/** The process's one LISTEN connection (server/db/listen.ts): NOTIFY email_jobs from any process wakes the worker. */
	notifications?: Notifications;
}

export interface EmailRunSummary {
	claimed: number;
	sent: number;
	retried: number;
	failed: number;
}

export interface EmailWorker {
	start(): Promise<void>;
	stop(): Promise<void>;
	runOnce(): Promise<EmailRunSummary>;
}

type Outcome = 'sent' | 'retried' | 'failed';

const silent: EmailLogger = { info() {}, warn() {}, error() {} };

/** What kind of failure an SMTP send is: nodemailer sets responseCode for an SMTP answer, code for the rest. */
export function classifySmtpError(error: unknown): { permanent: boolean; reason: string } {
	const e = error as { responseCode?: unknown; code?: unknown } | null;
	if (typeof e?.responseCode === 'number') {
		return { permanent: e.responseCode >= 500, reason: `smtp ${e.responseCode}` };
	}
	// Connection refused or dropped, DNS, TLS, timeouts: the server may be back later.
	return { permanent: false, reason: typeof e?.code === 'string' ? e.code : 'send error' };
}

export function createEmailWorker(options: EmailWorkerOptions): EmailWorker {
	const { db } = options;
	const clock = options.clock ?? (() => new Date());
	const logger = options.logger ?? silent;
	const pollMs = options.pollMs ?? 30_000;
	const maxAttempts = options.maxAttempts ?? 10;
	const batchSize = options.batchSize ?? 10;
	const leaseMs = options.leaseMs ?? 120_000;
	const random = options.random ?? Math.random;
	let transporter: Transporter | undefined;
	const sender: MailSender =
		options.sender ??
		((message) => {
			transporter ??= createTransport({
				url: options.smtpUrl,
				connectionTimeout: Math.min(30_000, leaseMs / 4),
				greetingTimeout: Math.min(30_000, leaseMs / 4),
				socketTimeout: Math.min(60_000, leaseMs / 2)
			});
			return transporter.sendMail(message);
		});

	/** The address and the words: a request's email, or a waiting-list entry's "place came up". */
	async function renderJob(job: ClaimedEmail): Promise<{ to: string; rendered: RenderedEmail } | null> {
		if (job.kind === 'place') {
			const place = job.waitlistEntryId ? await loadPlaceEmailFacts(db, job.waitlistEntryId) : null;
			return place && { to: place.to, rendered: renderPlaceEmail(place.facts, job.locale, options.publicUrl) };
		}
		const target = job.requestId ? await loadEmailFacts(db, job.requestId) : null;
		return target && { to: target.to, rendered: renderEmail(job.kind, target.facts, job.locale, clock()) };
	}

	async function deliver(job: ClaimedEmail): Promise<Outcome> {
		const details = {
			jobId: job.id,
			requestId: job.requestId,
			waitlistEntryId: job.waitlistEntryId,
			kind: job.kind,
			attempt: job.attempts
		};
		const target = await renderJob(job);
		if (!target || !isDeliverableAddress(target.to)) {
			await markEmailFailed(db, job, 'no address');
			logger.info(details, 'email dropped: the request (or waiting-list entry) has no address any more');
			return 'failed';
		}
		const { rendered } = target;
		let failure: unknown;
		try {
			await sender({
				from: options.from,
				to: target.to,
				subject: rendered.subject,
				text: rendered.text,
				html: rendered.html,
				attachments: rendered.attachments,
				messageId: `<${job.id}@book-a-prison-visit>`
			});
		} catch (error) {
			failure = error;
		}
		const now = clock();
		if (failure === undefined) {
			if (!(await markEmailSent(db, job, now))) logger.warn(details, 'email sent after its lease ran out');
			return 'sent';
		}
		const { permanent, reason } = classifySmtpError(failure);
		if (permanent) {
			await markEmailFailed(db, job, reason);
			logger.warn({ ...details, reason }, 'email refused for good; dropped');
			return 'failed';
		}
		if (job.attempts >= maxAttempts) {
			await markEmailFailed(db, job, `${reason}; gave up after ${job.attempts} attempts`);
			logger.warn({ ...details, reason }, 'email delivery given up');
			return 'failed';
		}
		const delay = retryDelayMs({ attempt: job.attempts, now, random });
		await rescheduleEmail(db, job, new Date(now.getTime() + delay), reason);
		logger.info({ ...details, reason, retryInMs: delay }, 'email delivery will be retried');
		return 'retried';
	}

	async function runOnce(): Promise<EmailRunSummary> {
		const jobs = await claimEmailJobs(db, { now: clock(), leaseMs, limit: batchSize, maxAttempts });
		const summary: EmailRunSummary = { claimed: jobs.length, sent: 0, retried: 0, failed: 0 };
		// One at a time: an SMTP server limits connections, and emails are few.
		for (const job of jobs) {
			const outcome = await deliver(job).catch((error: unknown) => {
				// Recording the outcome failed: the lease runs out and the job is tried again.
				logger.error({ jobId: job.id, code: (error as { code?: string }).code }, 'email outcome not recorded');
				return 'retried' as const;
			});
			summary[outcome] += 1;
		}
		return summary;
	}

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

	async function drain() {
		do {
			again = false;
			const summary = await runOnce();
			if (summary.claimed === batchSize) again = true;
		} while (again && !stopped);
		const dueAt = await nextEmailDueAt(db);
		schedule(dueAt ? Math.max(250, dueAt.getTime() - clock().getTime() + 10) : pollMs);
	}

	function kick() {
		if (stopped) return;
		if (running) {
			again = true;
			return;
		}
		running = drain()
			.catch((error: unknown) => {
				logger.error({ code: (error as { code?: string }).code }, 'email worker round failed');
				schedule(pollMs);
			})
			.finally(() => {
				running = null;
				if (again) kick();
			});
	}

	return {
		runOnce,
		async start() {
			if (!stopped) return;
			stopped = false;
			// The wake-up comes before the enqueuing transaction commits: look now and again shortly after.
			stopWakeUps = onEmailWake(() => {
				kick();
				setTimeout(kick, 200).unref();
			});
			stopListening = await options.notifications?.subscribe(EMAIL_CHANNEL, { notify: () => kick(), connected: () => kick() });
			kick();
		},
		async stop() {
			stopped = true;
			clearTimeout(timer);
			stopWakeUps?.();
			stopListening?.();
			await running;
			transporter?.close();
		}
	};
}
