// Runs the retention purge on a timer in every server process: shortly after start, then every
// few hours. Processes running it at once are harmless (see purgeExpiredRequests). The same run
// deletes expired staff sessions: they are refused already, but each names an officer and when
// they worked.
import type { Kysely } from 'kysely';
import { deleteExpiredSessions } from '../auth/sessions';
import type { Database } from '../db/schema';
import { startIntervalJob, type IntervalJob } from '../interval-job';
import type { Logger } from '../log';
import { purgeExpiredRequests, type PurgeResult } from './retention';

export const RETENTION_PURGE_EVERY_MS = 6 * 60 * 60 * 1000;
/** The first run waits a little so it never slows the start-up. */
export const RETENTION_PURGE_FIRST_AFTER_MS = 5_000;

export type RetentionRun = PurgeResult & { sessions: number };

export type RetentionJob = IntervalJob<RetentionRun>;

export function startRetentionPurge(options: {
	db: Kysely<Database>;
	clock: () => Date;
	logger: Logger;
	everyMs?: number;
	firstAfterMs?: number;
	/** False: runs only when asked (runNow), never on a timer. */
	onTimer?: boolean;
}): RetentionJob {
	return startIntervalJob({
		name: 'retention purge',
		logger: options.logger,
		everyMs: options.everyMs ?? RETENTION_PURGE_EVERY_MS,
		...(options.onTimer !== undefined ? { onTimer: options.onTimer } : {}),
		firstAfterMs: options.firstAfterMs ?? RETENTION_PURGE_FIRST_AFTER_MS,
		run: async () => {
			const now = options.clock();
			const result = await purgeExpiredRequests(options.db, now);
			if (result.requests > 0) options.logger.info({ requests: result.requests, visitors: result.visitors }, 'retention purge');
			return { ...result, sessions: await deleteExpiredSessions(options.db, now) };
		}
	});
}
