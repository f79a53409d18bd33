// Starting and stopping the whole server: used by index.ts (npm start) and by tests (port 0).
import type { Agent } from 'node:https';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import { createApp, type App } from './app';
import type { Notify } from './app-deps';
import { databasePoolSize, type Config } from './config';
import { openDatabase, type DatabaseKind } from './db/database';
import { startListening, type NotificationSource, type Notifications } from './db/listen';
import { migrateToLatest } from './db/migrate';
import type { Database } from './db/schema';
import { httpTimeouts } from './http/timeouts';
import { createLogger, type Logger } from './log';
import { listenForCalendarChanges, type CalendarChanges } from './prisons/calendar-changes';
import { pushEndpointPolicy } from './push/endpoint-policy';
import { startPushDelivery } from './push/start';
import { wakePushWorker } from './push/wake';
import { startRetentionPurge, type RetentionJob } from './requests/retention-job';
import { createEmailWorker, type EmailWorker } from './email/worker';
import { wakeEmailWorker } from './email/wake';
import { notifyChannels } from './lifecycle/channels';
import { startLifecycleJob, type LifecycleJob } from './lifecycle/job';
import { seedDemoData, type SeedResult } from './seed';
import { createInProcessBus, createNotifyBus } from './staff-events/bus';

export interface StartServerOptions {
	config: Config;
	logger?: Logger;
	clock?: () => Date;
	notify?: Notify;
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
	/** The email worker, when SMTP_URL is set. */
	email: EmailWorker | null;
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
		// The push worker runs in every server process; jobs are claimed with SKIP LOCKED, so each is sent once.
		const push = await startPushDelivery({
			db: opened.db,
			...(notifications ? { notifications } : {}),
			...(config.vapidSubject ? { subject: config.vapidSubject } : {}),
			logger,
			...(options.pushAgent ? { agent: options.pushAgent } : {}),
			endpointPolicy: pushEndpointPolicy(config),
			...(config.pushLeaseMs ? { leaseMs: config.pushLeaseMs } : {})
		});
		const clock = options.clock ?? (() => new Date());
		const retention = startRetentionPurge({
			db: opened.db,
			clock,
			logger,
			...(options.retentionFirstRunAfterMs !== undefined ? { firstAfterMs: options.retentionFirstRunAfterMs } : {})
		});
		const email = config.smtpUrl
			? createEmailWorker({
					db: opened.db,
					smtpUrl: config.smtpUrl,
					from: config.mailFrom,
					clock,
					logger,
					...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
					...(notifications ? { notifications } : {}),
					...(config.pushLeaseMs ? { leaseMs: config.pushLeaseMs } : {}),
					...(config.lifecycleEveryMs ? { pollMs: config.lifecycleEveryMs } : {})
				})
			: null;
		await email?.start();
		// jobs.ts wakes this process's worker while the enqueuing transaction is still open; on
		// PostgreSQL a worker that looks then cannot see the jobs yet, and without a LISTEN connection
		// it would wait for its next poll (30 s). Routes call notify after the commit: wake it again.
		const notify: Notify = (event) => {
			if (event.type === 'visit-request.created' || event.type === 'visit-request.status-changed') {
				wakePushWorker();
				wakeEmailWorker();
			}
			options.notify?.(event);
		};
		const staffEvents = notifications ? await createNotifyBus({ db: opened.db, notifications, logger }) : createInProcessBus();
		const lifecycle = startLifecycleJob({
			db: opened.db,
			clock,
			logger,
			channels: notifyChannels(config),
			reminderHour: config.reminderHour,
			...(config.lifecycleEveryMs ? { everyMs: config.lifecycleEveryMs } : {}),
			...(options.lifecycleFirstRunAfterMs !== undefined ? { firstAfterMs: options.lifecycleFirstRunAfterMs } : {}),
			onChanged: ({ expired, reminded }) => {
				for (const change of expired) {
					notify({ type: 'visit-request.status-changed', ...change, from: 'requested', to: 'rejected' });
				}
				if (reminded.length > 0) {
					wakePushWorker();
					wakeEmailWorker();
				}
			}
		});
		const app = createApp({
			push: { publicKey: push.vapid.publicKey },
			notify,
			staffEvents,
			db: opened.db,
			config,
			logger,
			...(calendarChanges ? { calendarChanges } : {}),
			...(options.clock ? { clock: options.clock } : {})
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
				await email?.stop();
				await push.worker.stop();
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
			email,
			close
		};
	} catch (error) {
		await calendarChanges?.stop();
		await notifications?.close();
		await opened.close();
		throw error;
	}
}
