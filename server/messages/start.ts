import type { Agent } from 'node:https';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Notifications } from '../db/listen';
import type { Database } from '../db/schema';
import { pushEndpointPolicy } from '../push/endpoint-policy';
import { loadVapidKeys, vapidSubjectFromEnv, type VapidKeys } from '../push/vapid';
import { notifyAdapters } from './gov-notify';
import { smtpAdapter } from './smtp';
import { pushAdapter } from './web-push';
import { createMessageWorker, type ChannelAdapter, type MessageLogger, type MessageWorker } from './worker';

export interface MessageDelivery {
	/** The public key is what GET /api/push/public-key answers. */
	vapid: VapidKeys;
	worker: MessageWorker;
}

/**
 * What the server start does for messages: load (or make) the VAPID keys, then run the one worker
 * with an adapter per channel this server has (push always; email through Notify when its email
 * template is set, else SMTP when SMTP_URL is; texts through Notify). Stop it with
 * `worker.stop()` before closing the database.
 */
export async function startMessageDelivery(options: {
	db: Kysely<Database>;
	config: Config;
	/** The process's LISTEN connection, so the worker hears NOTIFY from every process. */
	notifications?: Notifications;
	clock: () => Date;
	logger: MessageLogger;
	/** An https.Agent for requests to push services (tests: one that trusts a local stand-in). */
	pushAgent?: Agent;
}): Promise<MessageDelivery> {
	const { db, config, clock } = options;
	const vapid = await loadVapidKeys(db, config.vapidSubject ?? vapidSubjectFromEnv());
	const leaseMs = config.pushLeaseMs ?? 120_000;
	// Every provider's timeout stays well inside the lease, so a slow send is not sent twice.
	const timeoutMs = Math.min(15_000, leaseMs / 4);
	const adapters: ChannelAdapter[] = [
		pushAdapter({
			db,
			vapid,
			timeoutMs,
			endpointPolicy: pushEndpointPolicy(config),
			...(options.pushAgent ? { agent: options.pushAgent } : {})
		})
	];
	const notify = config.notify
		? notifyAdapters({ db, notify: config.notify, clock, timeoutMs, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) })
		: [];
	adapters.push(...notify);
	if (config.smtpUrl && !notify.some((adapter) => adapter.channel === 'email')) {
		adapters.push(
			smtpAdapter({
				db,
				smtpUrl: config.smtpUrl,
				from: config.mailFrom,
				clock,
				leaseMs,
				...(config.publicUrl ? { publicUrl: config.publicUrl } : {})
			})
		);
	}
	const worker = createMessageWorker({
		db,
		adapters,
		clock,
		logger: options.logger,
		leaseMs,
		...(options.notifications ? { notifications: options.notifications } : {}),
		...(config.lifecycleEveryMs ? { pollMs: config.lifecycleEveryMs } : {})
	});
	await worker.start();
	return { vapid, worker };
}
