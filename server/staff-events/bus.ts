import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { STAFF_EVENT_NAMES, type StaffEvent } from '../../src/lib/shared/staff-events';
import type { Database } from '../db/schema';
import type { Logger } from '../log';

/*
 * Carries staff events to every server process's open event streams. On PostgreSQL an event is a
 * NOTIFY that every process (this one included) hears on its own LISTEN connection, so an officer
 * on one process sees a decision taken through another. PGlite is one in-process session with no
 * second connection to LISTEN on; its servers share an in-process emitter instead.
 */

export interface StaffEventBus {
	/** Fire and forget: a lost event only delays a page's refresh until its next fetch. */
	publish(event: StaffEvent): void;
	/** Calls `listener` for every event until the returned function is called. */
	subscribe(listener: (event: StaffEvent) => void): () => void;
	/** Tells every subscriber the server is stopping (so streams end), then stops listening. */
	close(): Promise<void>;
	/** Calls `listener` once when close() starts. */
	onClose(listener: () => void): () => void;
}

export const STAFF_EVENTS_CHANNEL = 'staff_events';

// Shared by every PGlite-backed server in the process, as their database is.
const inProcess = new EventEmitter();
// Each open stream subscribes; a busy visits hall has more than the default 10 tablets.
inProcess.setMaxListeners(0);

/** Local subscribers and the close signal, common to both kinds of bus. */
class Subscribers {
	readonly local = new EventEmitter();
	closing = false;
	constructor() {
		this.local.setMaxListeners(0);
	}
	emit(event: StaffEvent): void {
		this.local.emit('event', event);
	}
	subscribe(listener: (event: StaffEvent) => void): () => void {
		this.local.on('event', listener);
		return () => void this.local.off('event', listener);
	}
	onClose(listener: () => void): () => void {
		this.local.once('close', listener);
		return () => void this.local.off('close', listener);
	}
	close(): void {
		this.closing = true;
		this.local.emit('close');
	}
}

export function createInProcessBus(): StaffEventBus {
	const subscribers = new Subscribers();
	const forward = (event: StaffEvent) => subscribers.emit(event);
	inProcess.on('event', forward);
	return {
		publish: (event) => void inProcess.emit('event', event),
		subscribe: (listener) => subscribers.subscribe(listener),
		onClose: (listener) => subscribers.onClose(listener),
		close: async () => {
			inProcess.off('event', forward);
			subscribers.close();
		}
	};
}

/** Parses a NOTIFY payload; anything malformed is dropped rather than sent on to pages. */
function parsePayload(payload: string | undefined): StaffEvent | null {
	try {
		const value = JSON.parse(payload ?? '') as Partial<StaffEvent>;
		if (!STAFF_EVENT_NAMES.some((name) => name === value.name) || typeof value.prisonId !== 'string') return null;
		return { name: value.name!, prisonId: value.prisonId, ...(typeof value.requestId === 'string' ? { requestId: value.requestId } : {}) };
	} catch {
		return null;
	}
}

const RECONNECT_MS = 2_000;

export async function createPostgresBus(options: { db: Kysely<Database>; databaseUrl: string; logger: Logger }): Promise<StaffEventBus> {
	const subscribers = new Subscribers();
	let client: pg.Client | undefined;
	let reconnect: ReturnType<typeof setTimeout> | undefined;

	async function listen(): Promise<void> {
		const next = new pg.Client({ connectionString: options.databaseUrl });
		next.on('notification', (message) => {
			if (message.channel !== STAFF_EVENTS_CHANNEL) return;
			const event = parsePayload(message.payload);
			if (event) subscribers.emit(event);
		});
		next.on('error', (error) => {
			options.logger.warn({ error: String(error) }, 'staff events lost their LISTEN connection');
			void next.end().catch(() => {});
			if (client === next) client = undefined;
			if (!subscribers.closing) {
				reconnect = setTimeout(() => void listen().catch(() => {}), RECONNECT_MS);
				reconnect.unref();
			}
		});
		await next.connect();
		await next.query(`LISTEN ${STAFF_EVENTS_CHANNEL}`);
		if (subscribers.closing) {
			await next.end();
			return;
		}
		client = next;
	}

	await listen();
	return {
		subscribe: (listener) => subscribers.subscribe(listener),
		onClose: (listener) => subscribers.onClose(listener),
		publish(event) {
			sql`select pg_notify(${STAFF_EVENTS_CHANNEL}, ${JSON.stringify(event)})`.execute(options.db).catch((error: unknown) => {
				options.logger.warn({ error: String(error) }, 'staff event not sent');
			});
		},
		close: async () => {
			subscribers.close();
			clearTimeout(reconnect);
			const open = client;
			client = undefined;
			await open?.end().catch(() => {});
		}
	};
}
