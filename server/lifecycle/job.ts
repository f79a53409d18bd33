// Runs request expiry, visit reminders and the end of started waiting-list entries on a timer in every server process, the way the
// retention purge runs (requests/retention-job.ts): each run is safe alongside the same run in
// other processes (expiry.ts, reminders.ts). A failed run is logged and retried at the next tick.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Logger } from '../log';
import { expireRequests, type Changed } from './expiry';
import type { NotifyChannels } from './notify';
import { sendReminders } from './reminders';
import { endStartedEntries } from '../waitlist/entries';

export const LIFECYCLE_EVERY_MS = 60_000;
export const LIFECYCLE_FIRST_AFTER_MS = 3_000;

export interface LifecycleResult {
	expired: Changed[];
	reminded: Changed[];
	/** Waiting-list entries ended because their slot started (issue #20). */
	waitingEnded: number;
}

export interface LifecycleJob {
	runNow(): Promise<LifecycleResult>;
	stop(): Promise<void>;
}

export function startLifecycleJob(options: {
	db: Kysely<Database>;
	clock: () => Date;
	logger: Logger;
	channels: NotifyChannels;
	reminderHour: number;
	/** Called after a run for each request it changed or reminded (staff events, push wake-up). */
	onChanged?: (result: LifecycleResult) => void;
	everyMs?: number;
	firstAfterMs?: number;
}): LifecycleJob {
	const everyMs = options.everyMs ?? LIFECYCLE_EVERY_MS;
	let running: Promise<LifecycleResult> | null = null;
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;

	const run = async (): Promise<LifecycleResult> => {
		const now = options.clock();
		const expired = await expireRequests(options.db, now, options.channels);
		const reminded = await sendReminders(options.db, now, options.reminderHour, options.channels);
		const waitingEnded = await endStartedEntries(options.db, now);
		if (expired.length > 0 || reminded.length > 0) {
			options.logger.info({ expired: expired.length, reminded: reminded.length, waitingEnded }, 'lifecycle run');
			options.onChanged?.({ expired, reminded, waitingEnded });
		}
		return { expired, reminded, waitingEnded };
	};

	const runNow = (): Promise<LifecycleResult> =>
		(running ??= run().finally(() => {
			running = null;
		}));

	const tick = (delay: number) => {
		if (stopped) return;
		timer = setTimeout(() => {
			runNow()
				.catch((error: unknown) => options.logger.warn({ code: (error as { code?: string }).code }, 'lifecycle run failed'))
				.finally(() => tick(everyMs));
		}, delay);
		timer.unref();
	};
	tick(options.firstAfterMs ?? LIFECYCLE_FIRST_AFTER_MS);

	return {
		runNow,
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await running?.catch(() => {});
		}
	};
}
