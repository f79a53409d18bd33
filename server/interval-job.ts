// A job that runs on a timer in every server process: shortly after start, then every so often.
// What it runs must be safe alongside the same run in other processes. A failed run (database
// away) is logged and tried again at the next tick; runs never overlap within a process.
import type { Logger } from './log';

export interface IntervalJob<T> {
	/** Runs now (also what the timer calls), or joins the run in progress; resolves with its result. */
	runNow(): Promise<T>;
	/** Stops the timer and waits for a run in progress. */
	stop(): Promise<void>;
}

export function startIntervalJob<T>(options: {
	/** Named in the log line of a failed run. */
	name: string;
	run: () => Promise<T>;
	logger: Pick<Logger, 'warn'>;
	everyMs: number;
	/** The first run waits a little so it never slows the start-up. */
	firstAfterMs: number;
	/**
	 * False: no timer, the job runs only when runNow() is called. Tests that move the clock use it so
	 * a run on the timer, begun at the old time, can never race the run they start themselves.
	 */
	onTimer?: boolean;
}): IntervalJob<T> {
	let running: Promise<T> | null = null;
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;

	const runNow = (): Promise<T> =>
		(running ??= options.run().finally(() => {
			running = null;
		}));

	const tick = (delay: number) => {
		if (stopped) return;
		timer = setTimeout(() => {
			runNow()
				.catch((error: unknown) => options.logger.warn({ code: (error as { code?: string } | null)?.code }, `${options.name} failed`))
				.finally(() => tick(options.everyMs));
		}, delay);
		// The timer alone must not keep a process alive that is otherwise done.
		timer.unref();
	};
	if (options.onTimer ?? true) tick(options.firstAfterMs);

	return {
		runNow,
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await running?.catch(() => {});
		}
	};
}
