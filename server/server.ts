// Starting and stopping the whole server: used by index.ts (npm start) and by tests (port 0).
import type { Agent } from 'node:https';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import { createApp, type App } from './app';
import type { Announce } from './app-events';
import { databasePoolSize, type Config } from './config';
import { openDatabase, type DatabaseKind } from './db/database';
import { startListening, type NotificationSource, type Notifications } from './db/listen';
import { migrateToLatest } from './db/migrate';
import type { Database } from './db/schema';
import { httpTimeouts } from './http/timeouts';
import { createLogger, type Logger } from './log';
import { listenForCalendarChanges, type CalendarChanges } from './prisons/calendar-changes';
import { startMessageDelivery } from './messages/start';
import { wakeMessageWorker } from './messages/wake';
import type { MessageWorker } from './messages/worker';
import { startRetentionPurge, type RetentionJob } from './requests/retention-job';
import { serviceChannels } from './messages/channels';
import { startLifecycleJob, type LifecycleJob } from './lifecycle/job';
import { seedDemoData, type SeedResult } from './seed';
import { createInProcessBus, createPostgresBus } from './staff-events/bus';

export interface StartServerOptions {
	config: Config;
	logger?: Logger;
	clock?: () => Date;
	/** How a request waits (the sign-in slow-down); tests pass one that records each wait. */
	wait?: (ms: number) => Promise<void>;
	announce?: Announce;
	/**
	 * Use this database instead of opening one from config (tests); it is not closed by close().
	 * Its `url` (PostgreSQL) or `pglite` is where the process LISTENs when config has no DATABASE_URL,
	 * so a test server is wired as in production.
	 */
	db?: { db: Kysely<Database>; kind: DatabaseKind; url?: string; pglite?: PGlite };
	/** An https.Agent for the push worker (tests: one that trusts the local push stand-in's certificate). */
	pushAgent?: Agent;
	/** When the retention purge first runs after start (default a few seconds); tests shorten it. */
	retentionFirstRunAfterMs?: number;
	/** When expiry and reminders first run after start (default a few seconds). */
	lifecycleFirstRunAfterMs?: number;
	/**
	 * False: the lifecycle and retention jobs never run on their timers, only when a test calls
	 * runNow(), so a test that moves the clock decides exactly when they run (default true).
	 */
	intervalJobs?: boolean;
}

export interface RunningServer {
	/** http://host:port, with 127.0.0.1 when listening on every interface. */
	url: string;
	port: number;
	db: Kysely<Database>;
	databaseKind: DatabaseKind;
	app: App;
	seed: SeedResult;
	/** The scheduled retention purge (PRODUCT.md: personal data removed after retentionDays). */
	retention: RetentionJob;
	/** Request expiry and visit reminders (server/lifecycle/job.ts). */
	lifecycle: LifecycleJob;
	/** The one message worker: push, email and texts (server/messages/). */
	messages: MessageWorker;
	/** Stops accepting requests, lets running ones finish (up to a few seconds), then closes the database. */
	close(): Promise<void>;
}

const CLOSE_GRACE_MS = 5_000;

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
	const { config } = options;
	const logger = options.logger ?? createLogger({ level: config.logLevel });

	const opened = options.db
		? { ...options.db, close: async () => {} }
		: await openDatabase({
				...(config.databaseUrl
					? { databaseUrl: config.databaseUrl, maxConnections: config.databasePoolSize ?? databasePoolSize() }
					: { dataDir: config.dataDir }),
				onPoolError: (error) => logger.warn({ code: (error as { code?: string }).code }, 'database connection lost')
			});

	let calendarChanges: CalendarChanges | undefined;
	let notifications: Notifications | undefined;
	try {
		await migrateToLatest(opened.db);
		const seed = await seedDemoData(opened.db, config);
		// One LISTEN connection for the process: the calendar cache, staff events and the push worker subscribe to it.
		const listenUrl = config.databaseUrl ?? options.db?.url;
		const source: NotificationSource | undefined =
			opened.kind === 'postgres'
				? listenUrl
					? { kind: 'postgres', databaseUrl: listenUrl }
					: undefined
				: opened.pglite
					? { kind: 'pglite', pglite: opened.pglite, db: opened.db }
					: undefined;
		// Without one (a database handed in with no way to LISTEN): the cache asks each time, events stay in-process.
		if (source) notifications = await startListening(source, { logger });
		if (notifications) calendarChanges = await listenForCalendarChanges(notifications);
		const clock = options.clock ?? (() => new Date());
		// The message worker runs in every server process; deliveries are claimed with SKIP LOCKED, so each is sent once.
		const messages = await startMessageDelivery({
			db: opened.db,
			config,
			clock,
			logger,
			...(notifications ? { notifications } : {}),
			...(options.pushAgent ? { pushAgent: options.pushAgent } : {})
		});
		const retention = startRetentionPurge({
			db: opened.db,
			clock,
			logger,
			...(options.retentionFirstRunAfterMs !== undefined ? { firstAfterMs: options.retentionFirstRunAfterMs } : {}),
			...(options.intervalJobs === false ? { onTimer: false } : {})
		});
		// The outbox wakes this process's worker while the queuing transaction is still open; on
		// PostgreSQL a worker that looks then cannot see the rows yet, and without a LISTEN connection
		// it would wait for its next poll (30 s). Routes announce after the commit: wake it again.
		const announce: Announce = (event) => {
			if (event.type === 'visit-request.created' || event.type === 'visit-request.status-changed') wakeMessageWorker();
			options.announce?.(event);
		};
		const staffEvents = notifications ? await createPostgresBus({ db: opened.db, notifications, logger }) : createInProcessBus();
		const lifecycle = startLifecycleJob({
			db: opened.db,
			clock,
			logger,
			channels: serviceChannels(config),
			reminderHour: config.reminderHour,
			...(config.lifecycleEveryMs ? { everyMs: config.lifecycleEveryMs } : {}),
			...(options.lifecycleFirstRunAfterMs !== undefined ? { firstAfterMs: options.lifecycleFirstRunAfterMs } : {}),
			...(options.intervalJobs === false ? { onTimer: false } : {}),
			onChanged: ({ expired, reminded }) => {
				for (const change of expired) {
					announce({ type: 'visit-request.status-changed', ...change, from: 'requested', to: 'rejected' });
				}
				if (reminded.length > 0) wakeMessageWorker();
			}
		});
		const app = createApp({
			push: { publicKey: messages.vapid.publicKey },
			announce,
			staffEvents,
			db: opened.db,
			config,
			logger,
			...(calendarChanges ? { calendarChanges } : {}),
			...(options.clock ? { clock: options.clock } : {}),
			...(options.wait ? { wait: options.wait } : {})
		});

		// As @hono/node-server's serve(), with the calendar's fast path ahead of it: a cached calendar is
		// answered before a Request is made of it (server/prisons/calendar-fast-path.ts).
		const general = getRequestListener(app.fetch, { hostname: config.host });
		const server = await new Promise<Server>((resolve, reject) => {
			const s = createServer(httpTimeouts(config.requestTimeoutMs), (incoming, outgoing) => {
				if (!app.calendarFastPath.node(incoming, outgoing)) void general(incoming, outgoing);
			});
			s.once('error', reject);
			s.listen(config.port, config.host, () => resolve(s));
		});
		const { port } = server.address() as AddressInfo;
		const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;

		let closing: Promise<void> | null = null;
		const close = () =>
			(closing ??= (async () => {
				// Open event streams end first, or the server would wait for them to time out.
				await staffEvents.close();
				await new Promise<void>((resolve) => {
					const force = setTimeout(() => {
						if ('closeAllConnections' in server) server.closeAllConnections();
					}, CLOSE_GRACE_MS);
					server.close(() => {
						clearTimeout(force);
						resolve();
					});
					// Keep-alive connections with no request in flight would hold close() open.
					if ('closeIdleConnections' in server) server.closeIdleConnections();
				});
				await retention.stop();
				await lifecycle.stop();
				await messages.worker.stop();
				await calendarChanges?.stop();
				await notifications?.close();
				await opened.close();
			})());

		return {
			url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
			port,
			db: opened.db,
			databaseKind: opened.kind,
			app,
			seed,
			retention,
			lifecycle,
			messages: messages.worker,
			close
		};
	} catch (error) {
		await calendarChanges?.stop();
		await notifications?.close();
		await opened.close();
		throw error;
	}
}
