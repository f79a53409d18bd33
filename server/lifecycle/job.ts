// Runs request expiry, visit reminders and the end of started waiting-list entries on a timer in
// every server process (interval-job.ts): each run is safe alongside the same run in other
// processes (expiry.ts, reminders.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { startIntervalJob, type IntervalJob } from '../interval-job';
import type { Logger } from '../log';
import { expireRequests, type Changed } from './expiry';
import type { ServiceChannels } from '../messages/notices';
import { sendReminders } from './reminders';
import { endStartedEntries } from '../waitlist/entries';

export const LIFECYCLE_EVERY_MS = 60_000;
export const LIFECYCLE_FIRST_AFTER_MS = 3_000;

export interface LifecycleResult {
	expired: Changed[];
	reminded: Changed[];
	/** Waiting-list entries ended because their slot started. */
	waitingEnded: number;
}

export type LifecycleJob = IntervalJob<LifecycleResult>;

export function startLifecycleJob(options: {
	db: Kysely<Database>;
	clock: () => Date;
	logger: Logger;
	channels: ServiceChannels;
	reminderHour: number;
	/** Called after a run for each request it changed or reminded (staff events, push wake-up). */
	onChanged?: (result: LifecycleResult) => void;
	everyMs?: number;
	firstAfterMs?: number;
	/** False: runs only when asked (runNow), never on a timer. */
	onTimer?: boolean;
}): LifecycleJob {
	return startIntervalJob({
		name: 'lifecycle run',
		logger: options.logger,
		everyMs: options.everyMs ?? LIFECYCLE_EVERY_MS,
		...(options.onTimer !== undefined ? { onTimer: options.onTimer } : {}),
		firstAfterMs: options.firstAfterMs ?? LIFECYCLE_FIRST_AFTER_MS,
		run: async () => {
			const now = options.clock();
			const expired = await expireRequests(options.db, now, options.channels);
			const reminded = await sendReminders(options.db, now, options.reminderHour, options.channels);
			const waitingEnded = await endStartedEntries(options.db, now);
			if (expired.length > 0 || reminded.length > 0) {
				options.logger.info({ expired: expired.length, reminded: reminded.length, waitingEnded }, 'lifecycle run');
				options.onChanged?.({ expired, reminded, waitingEnded });
			}
			return { expired, reminded, waitingEnded };
		}
	});
}
