// Hearing, in every server process, that a prison's calendar changed, so the calendar cache can
// answer from memory without asking the database on every request.
//
// Every write that changes availability calls bumpCalendarVersion in its transaction, which also
// NOTIFYs this channel; PostgreSQL delivers the notification only once that transaction commits,
// to every session LISTENing, in any process. PostgreSQL: a dedicated connection LISTENs (like the
// push worker's). PGlite: the one in-process session LISTENs; PGlite queues its listeners' calls
// while it reads the COMMIT's answer, so they run before the writer's code goes on.
//
// While the listener is not connected (starting, or its connection lost), `listening` is false and
// the cache goes back to reading the prison's calendar version for every request; after a
// reconnect every earlier cache entry is treated as stale, since changes may have been missed.
import type { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/schema';
import type { Logger } from '../log';

export const CALENDAR_CHANNEL = 'calendar_changed';
const RECONNECT_MS = 2_000;

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

export type CalendarChangeSource =
	| { kind: 'postgres'; databaseUrl: string }
	| { kind: 'pglite'; pglite: PGlite; db: Kysely<Database> };

export async function listenForCalendarChanges(source: CalendarChangeSource, logger: Logger): Promise<CalendarChanges> {
	let counter = 0;
	let resetAt = 0;
	let connected = false;
	let stopped = false;
	const changedAt = new Map<string, number>();

	const heard = (prisonId: string) => {
		counter += 1;
		changedAt.set(prisonId, counter);
	};
	const connectedNow = () => {
		counter += 1;
		resetAt = counter;
		connected = true;
	};

	let stopListening: () => Promise<void>;
	if (source.kind === 'pglite') {
		const off = source.pglite.onNotification((channel, payload) => {
			if (channel === CALENDAR_CHANNEL) heard(payload);
		});
		// Through Kysely, so it waits for its turn on the session and is never inside another transaction.
		await sql`listen ${sql.id(CALENDAR_CHANNEL)}`.execute(source.db);
		connectedNow();
		stopListening = async () => off();
	} else {
		let client: pg.Client | undefined;
		let timer: NodeJS.Timeout | undefined;
		const connect = async (): Promise<void> => {
			const next = new pg.Client({ connectionString: source.databaseUrl });
			next.on('notification', (message) => {
				if (message.channel === CALENDAR_CHANNEL && message.payload) heard(message.payload);
			});
			next.on('error', (error) => {
				connected = false;
				logger.warn({ error: String(error) }, 'calendar cache lost its LISTEN connection; checking versions per request');
				void next.end().catch(() => {});
				if (client === next) client = undefined;
				retry();
			});
			try {
				await next.connect();
				await next.query(`LISTEN ${CALENDAR_CHANNEL}`);
			} catch (error) {
				void next.end().catch(() => {});
				throw error;
			}
			if (stopped) {
				await next.end();
				return;
			}
			client = next;
			connectedNow();
		};
		const retry = () => {
			if (stopped) return;
			clearTimeout(timer);
			timer = setTimeout(() => void connect().catch(retry), RECONNECT_MS);
			timer.unref();
		};
		try {
			await connect();
		} catch (error) {
			logger.warn({ error: String(error) }, 'calendar cache could not LISTEN; checking versions per request');
			retry();
		}
		stopListening = async () => {
			clearTimeout(timer);
			const open = client;
			client = undefined;
			await open?.end().catch(() => {});
		};
	}

	return {
		listening: () => connected && !stopped,
		current: () => counter,
		unchangedSince: (prisonId, since) => resetAt <= since && (changedAt.get(prisonId) ?? 0) <= since,
		async stop() {
			stopped = true;
			connected = false;
			await stopListening();
		}
	};
}

/** Inside a write's transaction: every process hears of it when (and only if) it commits. */
export async function announceCalendarChange(trx: Kysely<Database>, prisonId: string): Promise<void> {
	await sql`select pg_notify(${CALENDAR_CHANNEL}, ${prisonId})`.execute(trx);
}
