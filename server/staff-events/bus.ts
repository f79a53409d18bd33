import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import { STAFF_EVENT_NAMES, type StaffEvent } from '../../src/lib/shared/staff-events';
import type { Notifications } from '../db/listen';
import type { Database } from '../db/schema';
import type { Logger } from '../log';

/*
 * Carries staff events to every server process's open event streams. A server's event is a NOTIFY
 * that every process (this one included) hears on its LISTEN connection (db/listen.ts), so an
 * officer on one process sees a decision taken through another; on PGlite the same NOTIFY reaches
 * every server on that session. createApp() without a bus (unit-level tests) uses an in-process one.
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

/** Staff events over NOTIFY on the process's one LISTEN connection. */
export async function createPostgresBus(options: {
	db: Kysely<Database>;
	notifications: Notifications;
	logger: Logger;
}): Promise<StaffEventBus> {
	const subscribers = new Subscribers();
	const unsubscribe = await options.notifications.subscribe(STAFF_EVENTS_CHANNEL, {
		notify(payload) {
			const event = parsePayload(payload);
			if (event && !subscribers.closing) subscribers.emit(event);
		}
	});
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
			unsubscribe();
		}
	};
}
