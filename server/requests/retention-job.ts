// Runs the retention purge on a timer in every server process: shortly after start, then every
// few hours. Processes running it at once are harmless (see purgeExpiredRequests). A failed run
// (database away) is logged and retried at the next tick.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Logger } from '../log';
import { purgeExpiredRequests, type PurgeResult } from './retention';

export const RETENTION_PURGE_EVERY_MS = 6 * 60 * 60 * 1000;
/** The first run waits a little so it never slows the start-up. */
export const RETENTION_PURGE_FIRST_AFTER_MS = 5_000;

export interface RetentionJob {
	/** Runs a purge now (also what the timer calls); resolves with what it removed. */
	runNow(): Promise<PurgeResult>;
	/** Stops the timer and waits for a run in progress. */
	stop(): Promise<void>;
}

export function startRetentionPurge(options: {
	db: Kysely<Database>;
	clock: () => Date;
	logger: Logger;
	everyMs?: number;
	firstAfterMs?: number;
}): RetentionJob {
	const everyMs = options.everyMs ?? RETENTION_PURGE_EVERY_MS;
	let running: Promise<PurgeResult> | null = null;
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;

	const runNow = (): Promise<PurgeResult> =>
		(running ??= purgeExpiredRequests(options.db, options.clock())
			.then((result) => {
				if (result.requests > 0) options.logger.info({ requests: result.requests, visitors: result.visitors }, 'retention purge');
				return result;
			})
			.finally(() => {
				running = null;
			}));

	const tick = (delay: number) => {
		if (stopped) return;
		timer = setTimeout(() => {
			runNow()
				.catch((error: unknown) => options.logger.warn({ code: (error as { code?: string }).code }, 'retention purge failed'))
				.finally(() => tick(everyMs));
		}, delay);
		// The timer alone must not keep a process alive that is otherwise done.
		timer.unref();
	};
	tick(options.firstAfterMs ?? RETENTION_PURGE_FIRST_AFTER_MS);

	return {
		runNow,
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await running?.catch(() => {});
		}
	};
}
