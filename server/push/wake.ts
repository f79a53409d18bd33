import { EventEmitter } from 'node:events';

/*
 * In-process wake-up for push workers. PostgreSQL workers also hear NOTIFY from other processes;
 * PGlite is one in-process session with no second connection to LISTEN on, so this is how a
 * request handler there tells the worker that jobs are waiting.
 */
const wakeUps = new EventEmitter();
// Every worker in the process (tests run two) listens; more than the default 10 is not a leak.
wakeUps.setMaxListeners(50);

export function wakePushWorker(): void {
	wakeUps.emit('wake');
}

/** Calls `listener` on every wake-up; returns the function that stops listening. */
export function onPushWake(listener: () => void): () => void {
	wakeUps.on('wake', listener);
	return () => wakeUps.off('wake', listener);
}
