// One LISTEN connection per process: every part of the server that reacts to NOTIFY (the calendar
// cache, staff events, the push worker) subscribes to its channel here.
//
// PostgreSQL: a dedicated `pg` client (LISTEN cannot go through the pool: a pooled connection is
// lent out and back), reconnected with capped, jittered backoff when it drops; each (re)connection
// LISTENs on every channel subscribed so far and then tells the subscribers, since anything sent
// while it was down was missed. PGlite: the one in-process session LISTENs (through Kysely, so it
// waits its turn and is never inside another transaction) and PGlite's own notifications are
// handed out the same way; it never drops.
import type { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Logger } from '../log';
import type { Database } from './schema';

export interface ChannelHandlers {
	/** A NOTIFY on the channel, with its payload ('' when none). */
	notify(payload: string): void;
	/** LISTEN is in effect (first time and after every reconnection): from now on every NOTIFY is heard. */
	connected?(): void;
	/** The connection dropped: NOTIFYs are missed until `connected` is called again. */
	disconnected?(): void;
}

export interface Notifications {
	/**
	 * Hears `channel` until the returned function is called. Resolves once LISTEN is in effect, or
	 * straight away when the connection is down (then `connected` says when it is).
	 */
	subscribe(channel: string, handlers: ChannelHandlers): Promise<() => void>;
	/** True while the connection is up and LISTENing. */
	listening(): boolean;
	/** Stops listening and closes the connection; subscribers are not called again. */
	close(): Promise<void>;
}

export type NotificationSource = { kind: 'postgres'; databaseUrl: string } | { kind: 'pglite'; pglite: PGlite; db: Kysely<Database> };

export interface ListenOptions {
	logger: Logger;
	/** First reconnection wait; doubles per failed attempt up to maxBackoffMs, with jitter. */
	backoffMs?: number;
	maxBackoffMs?: number;
	random?: () => number;
	/** Test seam: how the PostgreSQL client is made. */
	createClient?: (databaseUrl: string) => pg.Client;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

/** Channels subscribed to and their handlers, common to both sources. */
class Channels {
	private readonly byChannel = new Map<string, Set<ChannelHandlers>>();
	add(channel: string, handlers: ChannelHandlers): { first: boolean; remove: () => void } {
		if (!CHANNEL_NAME.test(channel)) throw new Error(`Not a channel name: ${channel}`);
		let set = this.byChannel.get(channel);
		const first = set === undefined;
		if (!set) this.byChannel.set(channel, (set = new Set()));
		set.add(handlers);
		return { first, remove: () => void set.delete(handlers) };
	}
	names(): string[] {
		return [...this.byChannel.keys()];
	}
	notify(channel: string, payload: string, logger: Logger): void {
		for (const handlers of this.byChannel.get(channel) ?? []) {
			try {
				handlers.notify(payload);
			} catch (error) {
				logger.error({ channel, error: String(error) }, 'notification handler failed');
			}
		}
	}
	each(call: (handlers: ChannelHandlers) => void, channels: Iterable<string> = this.byChannel.keys()): void {
		for (const channel of channels) for (const handlers of this.byChannel.get(channel) ?? []) call(handlers);
	}
}

export async function startListening(source: NotificationSource, options: ListenOptions): Promise<Notifications> {
	return source.kind === 'pglite' ? listenOnPGlite(source.pglite, source.db, options) : listenOnPostgres(source.databaseUrl, options);
}

async function listenOnPGlite(pglite: PGlite, db: Kysely<Database>, options: ListenOptions): Promise<Notifications> {
	const channels = new Channels();
	let closed = false;
	const off = pglite.onNotification((channel, payload) => {
		if (!closed) channels.notify(channel, payload ?? '', options.logger);
	});
	return {
		async subscribe(channel, handlers) {
			const added = channels.add(channel, handlers);
			if (added.first) await sql`listen ${sql.id(channel)}`.execute(db);
			handlers.connected?.();
			return added.remove;
		},
		listening: () => !closed,
		async close() {
			closed = true;
			off();
		}
	};
}

async function listenOnPostgres(databaseUrl: string, options: ListenOptions): Promise<Notifications> {
	const { logger } = options;
	const backoffMs = options.backoffMs ?? 500;
	const maxBackoffMs = options.maxBackoffMs ?? 5_000;
	const random = options.random ?? Math.random;
	const createClient = options.createClient ?? ((url: string) => new pg.Client({ connectionString: url }));
	const channels = new Channels();
	let client: pg.Client | undefined;
	let connecting: Promise<void> | undefined;
	let failures = 0;
	let timer: NodeJS.Timeout | undefined;
	let closed = false;

	const listenQuery = (names: string[]) => names.map((name) => `LISTEN ${name};`).join(' ');

	function lost(next: pg.Client, error: unknown) {
		const wasUp = client === next;
		if (wasUp) client = undefined;
		void next.end().catch(() => {});
		if (closed) return;
		if (wasUp) {
			logger.warn({ error: String(error) }, 'LISTEN connection lost; reconnecting');
			channels.each((handlers) => handlers.disconnected?.());
		}
		retry();
	}

	function retry() {
		if (closed || timer) return;
		const ceiling = Math.min(maxBackoffMs, backoffMs * 2 ** failures);
		failures += 1;
		timer = setTimeout(
			() => {
				timer = undefined;
				void connect();
			},
			Math.floor(ceiling / 2 + (random() * ceiling) / 2)
		);
		timer.unref();
	}

	function connect(): Promise<void> {
		connecting ??= (async () => {
			const next = createClient(databaseUrl);
			next.on('notification', (message) => {
				if (client === next) channels.notify(message.channel, message.payload ?? '', logger);
			});
			next.on('error', (error) => lost(next, error));
			try {
				await next.connect();
				const names = channels.names();
				if (names.length > 0) await next.query(listenQuery(names));
			} catch (error) {
				if (failures === 0) logger.warn({ error: String(error) }, 'could not LISTEN; retrying');
				lost(next, error);
				return;
			}
			if (closed) {
				await next.end().catch(() => {});
				return;
			}
			client = next;
			failures = 0;
			channels.each((handlers) => handlers.connected?.());
		})().finally(() => {
			connecting = undefined;
		});
		return connecting;
	}

	await connect();
	return {
		async subscribe(channel, handlers) {
			const added = channels.add(channel, handlers);
			// A reconnection under way LISTENs on it when it gets there (it reads the names after connecting).
			await connecting;
			const open = client;
			if (open && added.first) {
				try {
					await open.query(listenQuery([channel]));
				} catch (error) {
					lost(open, error);
					return added.remove;
				}
			}
			if (open && client === open) handlers.connected?.();
			return added.remove;
		},
		listening: () => client !== undefined && !closed,
		async close() {
			closed = true;
			clearTimeout(timer);
			await connecting;
			const open = client;
			client = undefined;
			await open?.end().catch(() => {});
		}
	};
}
