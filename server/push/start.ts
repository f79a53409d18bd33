import type { Agent } from 'node:https';
import type { Kysely } from 'kysely';
import type { Notifications } from '../db/listen';
import type { Database } from '../db/schema';
import { loadVapidKeys, vapidSubjectFromEnv, type VapidKeys } from './vapid';
import { createPushWorker, type PushLogger, type PushWorker } from './worker';

export interface PushDelivery {
	/** The public key is what GET /api/push/public-key answers. */
	vapid: VapidKeys;
	worker: PushWorker;
}

/**
 * What the server start does for push: load (or make) the VAPID keys, then run the worker.
 * Stop it with `worker.stop()` before closing the database.
 */
export async function startPushDelivery(options: {
	db: Kysely<Database>;
	/** The process's LISTEN connection, so the worker hears NOTIFY from every process. */
	notifications?: Notifications;
	subject?: string;
	logger?: PushLogger;
	/** An https.Agent for requests to push services (tests: one that trusts a local stand-in). */
	agent?: Agent;
	/** See Config.pushLeaseMs; the send timeout stays well inside it so a slow send is not duplicated. */
	leaseMs?: number;
}): Promise<PushDelivery> {
	const vapid = await loadVapidKeys(options.db, options.subject ?? vapidSubjectFromEnv());
	const worker = createPushWorker({
		db: options.db,
		vapid,
		...(options.notifications ? { notifications: options.notifications } : {}),
		...(options.logger ? { logger: options.logger } : {}),
		...(options.agent ? { agent: options.agent } : {}),
		...(options.leaseMs ? { leaseMs: options.leaseMs, timeoutMs: Math.min(15_000, options.leaseMs / 4) } : {})
	});
	await worker.start();
	return { vapid, worker };
}
