// The HTTP application: platform middlewares, the API's route modules and the built PWA.
import path from 'node:path';
import './i18n';
import { Hono } from 'hono';
import type { BlankEnv, ExtractSchema, MergeSchemaPath } from 'hono/types';
import { sql, type Kysely } from 'kysely';
import type { AppDeps } from './app-deps';
import type { Announce } from './app-events';
import { checkOrigin } from './auth/middleware';
import type { Config } from './config';
import type { Database } from './db/schema';
import type { CalendarChanges } from './prisons/calendar-changes';
import { apiBodyLimit } from './http/body-limit';
import { compressJson, compressPages } from './http/compression';
import { createCalendarService, type CalendarService } from './prisons/calendar';
import { calendarFastPath as createCalendarFastPath } from './prisons/calendar-fast-path';
import { withCanonicalIds } from './http/ids';
import { apiNotFound, createErrorHandler } from './http/errors';
import { requestLog } from './http/request-log';
import { readScriptHashes, securityHeaders } from './http/security-headers';
import { pageRenderer } from './http/pages';
import { staticApp } from './http/static-app';
import { languageFromRequest } from './i18n';
import { silentLogger, type Logger } from './log';
import { createInProcessBus, type StaffEventBus } from './staff-events/bus';
import { staffEventOf } from './staff-events/from-app-event';

// ── Route modules ────────────────────────────────────────────────────────────────────────────────
// Each exports `(deps: AppDeps) => Hono`, built as ONE chain (`new Hono().get(…).post(…)`) whose handlers
// answer with `c.json(value, status)`, and is mounted here with one chained `.route()`: the chain is what
// carries every path, body and answer into ApiType, and so into the PWA's typed client.
import { adminRoutes } from './routes/admin';
import { accountRoutes } from './routes/account';
import { authRoutes } from './routes/auth';
import { integrationEventRoutes } from './routes/integrations';
import { prisonRoutes } from './routes/prisons';
import { waitlistRoutes } from './routes/waitlist';
import { privacyRoutes } from './routes/privacy';
import { pushRoutes } from './routes/push';
import { messageRoutes } from './routes/messages';
import { staffRoutes } from './routes/staff/index';
import { visitRequestRoutes } from './routes/visit-requests';
import { z } from 'zod';
import { docs, json } from './openapi/describe';
import { openApiHandler } from './routes/openapi';

const HealthAnswer = z.object({ ok: z.literal(true) });

function apiRoutes(deps: AppDeps, calendars: CalendarService) {
	return new Hono()
		.get(
			'/health',
			docs({ summary: 'The service and its database answer', tags: ['platform'], answers: { 200: json(HealthAnswer, 'Up') } }),
			async (c) => {
				await sql`select 1`.execute(deps.db);
				return c.json({ ok: true }, 200);
			}
		)
		.route('/prisons', prisonRoutes(deps, calendars))
		.route('/', waitlistRoutes(deps))
		.route('/visit-requests', privacyRoutes(deps))
		.route('/visit-requests', visitRequestRoutes(deps))
		.route('/staff', staffRoutes(deps))
		.route('/push', pushRoutes(deps))
		.route('/', messageRoutes(deps))
		.route('/admin', adminRoutes(deps))
		.route('/auth', authRoutes(deps))
		.route('/account', accountRoutes(deps))
		.route('/integration', integrationEventRoutes(deps));
}

/**
 * The API as the PWA's typed client sees it: every route under /api, with the bodies the zod schemas
 * accept and the answers the handlers give. Import it type-only (`import type`): no server code may
 * reach the browser bundle. Used as `hc<ApiType>(origin)` in src/lib/client/api.ts.
 */
export type ApiType = Hono<BlankEnv, MergeSchemaPath<ExtractSchema<ReturnType<typeof apiRoutes>>, '/api'>, '/'>;
// ─────────────────────────────────────────────────────────────────────────────────────────────────

export interface CreateAppOptions {
	db: Kysely<Database>;
	config: Config;
	clock?: () => Date;
	wait?: AppDeps['wait'];
	logger?: Logger;
	announce?: Announce;
	push: AppDeps['push'];
	/** Carries staff events between processes (server.ts picks it per database); in-process by default. */
	staffEvents?: StaffEventBus;
	calendarChanges?: CalendarChanges;
	/** Test seam: more routes under /api, mounted after the real ones. */
	extraApiRoutes?: (api: Hono, deps: AppDeps) => void;
}

export function createApp(options: CreateAppOptions) {
	const staffEvents = options.staffEvents ?? createInProcessBus();
	const deps: AppDeps = {
		db: options.db,
		config: options.config,
		clock: options.clock ?? (() => new Date()),
		wait: options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
		logger: options.logger ?? silentLogger(),
		announce: (event) => {
			staffEvents.publish(staffEventOf(event));
			options.announce?.(event);
		},
		push: options.push,
		staffEvents,
		...(options.calendarChanges ? { calendarChanges: options.calendarChanges } : {})
	};

	const app = new Hono();
	app.onError(createErrorHandler(deps.logger));
	const { publicUrl, trustProxy } = deps.config;
	app.use('*', securityHeaders({ scriptHashes: readScriptHashes(deps.config.staticDir), publicUrl, trustProxy }));

	const calendars = createCalendarService(deps.db, deps.calendarChanges);
	const api = new Hono();
	// Outermost, so it sees the answer every other middleware (and the error handler) made.
	api.use('*', compressJson());
	api.use('*', languageFromRequest);
	api.use('*', requestLog(deps.logger));
	api.use('*', apiBodyLimit());
	api.use('*', checkOrigin({ allowedOrigins: deps.config.allowedOrigins, publicUrl, trustProxy }));
	api.get(
		'/openapi.json',
		docs({
			summary: 'This OpenAPI 3.1 document',
			tags: ['platform'],
			answers: { 200: { description: 'The document', content: { 'application/json': { schema: { type: 'object' } } } } }
		}),
		openApiHandler(() => app)
	);
	api.route('/', apiRoutes(deps, calendars));
	options.extraApiRoutes?.(api, deps);
	// A catch-all route rather than api.notFound(): a sub-app's notFound is not used once it is mounted.
	api.all('*', apiNotFound);
	api.onError(createErrorHandler(deps.logger));
	app.route('/api', api);

	const { files, notAFile, appShell } = staticApp(path.join(deps.config.staticDir, 'client'));
	app.get(
		'*',
		files,
		notAFile,
		compressPages(),
		pageRenderer(deps.config.staticDir, { trustProxy }, (request, env) => app.fetch(request, env)) ?? appShell
	);

	// Ahead of all of the above: a calendar the cache holds is answered without the router and the
	// middleware chain, with the same headers (server/prisons/calendar-fast-path.ts); anything else,
	// or anything the fast path cannot answer, goes the general way. The HTTP server (server.ts) asks
	// calendarFastPath.node before @hono/node-server makes a Request; app.request() (the tests) calls
	// app.fetch, which asks calendarFastPath.fetch, so tests see the same composition as the server.
	const calendarFastPath = createCalendarFastPath({ calendars, clock: deps.clock, logger: deps.logger, origin: { publicUrl, trustProxy } });
	const general = app.fetch;
	app.fetch = (request, env, executionCtx) => calendarFastPath.fetch(request) ?? general(withCanonicalIds(request), env, executionCtx);
	return Object.assign(app, { calendarFastPath });
}

export type App = ReturnType<typeof createApp>;
