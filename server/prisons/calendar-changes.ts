// Hearing, in every server process, that a prison's calendar changed, so the calendar cache can
// answer from memory without asking the database on every request.
//
// Every write that changes availability calls bumpCalendarVersion in its transaction, which also
// NOTIFYs this channel; PostgreSQL delivers the notification only once that transaction commits,
// to every session LISTENing, in any process. The process's one LISTEN connection (db/listen.ts)
// hears it; on PGlite that is the one in-process session, and PGlite queues its listeners' calls
// while it reads the COMMIT's answer, so they run before the writer's code goes on.
//
// The writer's own process must not wait for the notification either: a write that answered 201
// and a read right after it on the same server would otherwise race the notification's delivery
// (seen on PostgreSQL). So a write also notes its prison here, in the process, before it commits,
// and until the notification is heard (or, for a write that rolled back and so announced
// nothing, a few seconds have passed) the cache asks the database for that prison's version.
//
// While the listener is not connected (starting, or its connection lost), `listening` is false and
// the cache goes back to reading the prison's calendar version for every request; after a
// reconnect every earlier cache entry is treated as stale, since changes may have been missed.
import { sql, type Kysely } from 'kysely';
import type { Notifications } from '../db/listen';
import type { Database } from '../db/schema';

export const CALENDAR_CHANNEL = 'calendar_changed';

/** How long a write of this process waits to be heard before it is taken as rolled back. */
const WRITE_HEARD_WITHIN_MS = 5_000;
/** Prisons this process changed and has not yet heard announced, with when. */
const writtenHere = new Map<string, number>();

/** Called by every write that changes a prison's calendar, in its transaction (bumpCalendarVersion). */
export function noteCalendarWrite(prisonId: string, now = Date.now()): void {
	writtenHere.set(prisonId, now);
}

function awaitingAnnouncement(prisonId: string): boolean {
	const at = writtenHere.get(prisonId);
	if (at === undefined) return false;
	if (Date.now() - at < WRITE_HEARD_WITHIN_MS) return true;
	writtenHere.delete(prisonId);
	return false;
}

export interface CalendarChanges {
	/** True while every change committed from now on will be heard. */
	listening(): boolean;
	/** A counter that moves on every change heard and on every (re)connection. */
	current(): number;
	/**
	 * True when nothing has changed the prison's calendar since `since` (a current() value taken
	 * before the entry's data was read) and the listener has not reconnected since.
	 */
	unchangedSince(prisonId: string, since: number): boolean;
	stop(): Promise<void>;
}

export async function listenForCalendarChanges(notifications: Notifications): Promise<CalendarChanges> {
	let counter = 0;
	let resetAt = 0;
	let connected = false;
	let stopped = false;
	const changedAt = new Map<string, number>();

	const unsubscribe = await notifications.subscribe(CALENDAR_CHANNEL, {
		notify(prisonId) {
			if (!prisonId) return;
			counter += 1;
			changedAt.set(prisonId, counter);
			writtenHere.delete(prisonId);
		},
		connected() {
			counter += 1;
			resetAt = counter;
			connected = true;
		},
		disconnected() {
			connected = false;
		}
	});

	return {
		listening: () => connected && !stopped && notifications.listening(),
		current: () => counter,
		unchangedSince: (prisonId, since) => resetAt <= since && (changedAt.get(prisonId) ?? 0) <= since && !awaitingAnnouncement(prisonId),
		async stop() {
			stopped = true;
			connected = false;
			unsubscribe();
		}
	};
}

/** Inside a write's transaction: every process hears of it when (and only if) it commits. */
export async function announceCalendarChange(trx: Kysely<Database>, prisonId: string): Promise<void> {
	await sql`select pg_notify(${CALENDAR_CHANNEL}, ${prisonId})`.execute(trx);
}
