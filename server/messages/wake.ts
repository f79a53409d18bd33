import { EventEmitter } from 'node:events';

/*
 * In-process wake-up for the message worker. PostgreSQL workers also hear NOTIFY from other
 * processes; PGlite is one in-process session with no second connection to LISTEN on, so this is
 * how a request handler there tells the worker that deliveries are waiting.
 *
 * The wake-up is sent from inside the transaction that queued the deliveries, before it commits,
 * so it carries that transaction's id: a worker on PostgreSQL can look before the commit and find
 * nothing, and then knows to look again once the transaction is over (worker.ts) instead of
 * sleeping until its next poll.
 */
const wakeUps = new EventEmitter();
// Every worker in the process (tests run two) listens; more than the default 10 is not a leak.
wakeUps.setMaxListeners(50);

/** `transactionId`: pg_current_xact_id() of the transaction that queued deliveries, when known. */
export function wakeMessageWorker(transactionId?: string): void {
	wakeUps.emit('wake', transactionId);
}

/** Calls `listener` on every wake-up; returns the function that stops listening. */
export function onMessageWake(listener: (transactionId?: string) => void): () => void {
	wakeUps.on('wake', listener);
	return () => wakeUps.off('wake', listener);
}
