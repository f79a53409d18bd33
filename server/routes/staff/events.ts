import { Hono } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { STAFF_EVENTS_READY, type StaffEvent } from '../../../src/lib/shared/staff-events';
import type { AppDeps } from '../../app-deps';
import type { StaffEnv } from '../../auth/middleware';
import { onSessionEnd } from '../../auth/session-streams';
import { liveSessionPrisons } from '../../auth/sessions';
import { scopedPrisonIds } from '../../auth/staff-identity';
import { docs, error } from '../../openapi/describe';

/** Often enough that proxies keep an idle stream open, and a signed-out session's stream ends soon. */
const DEFAULT_KEEPALIVE_MS = 25_000;
/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 5_000;

/**
 * GET /api/staff/events: server-sent events for the officer's prisons (or the one asked for with
 * ?prisonId, 403 if not theirs). Each says what changed, never who it is about; the page fetches
 * the rest through the scoped API. The stream ends when the session does.
 */
export function staffEventRoutes(deps: AppDeps) {
	const keepAliveMs = deps.config.staffEventsKeepAliveMs ?? DEFAULT_KEEPALIVE_MS;
	return new Hono<StaffEnv>().get(
		'/',
		docs({
			summary: "Server-sent events about your prisons' requests and calendars",
			description:
				'First a `ready` event ({"prisonIds":[…]}), then one event per change ({"prisonId","requestId"?}), named for what changed. ' +
				'Fetch the rest through the API. The stream ends when the session does.',
			tags: ['staff'],
			parameters: [
				{
					in: 'query',
					name: 'prisonId',
					required: false,
					schema: { type: 'string', format: 'uuid' },
					description: 'Only this prison (403 if not yours)'
				}
			],
			answers: {
				200: { description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
				403: error('Not one of your prisons (forbidden)')
			}
		}),
		(c) => {
			const asked = c.req.query('prisonId');
			let scope = new Set(scopedPrisonIds(c.var.staff, asked || undefined));
			const token = c.var.sessionToken;
			const response = streamSSE(c, async (stream) => {
				await stream.writeSSE({ event: STAFF_EVENTS_READY, data: JSON.stringify({ prisonIds: [...scope] }), retry: RETRY_MS });
				await new Promise<void>((done) => {
					const send = (event: StaffEvent) => {
						if (!scope.has(event.prisonId)) return;
						const data = JSON.stringify({ prisonId: event.prisonId, ...(event.requestId ? { requestId: event.requestId } : {}) });
						stream.writeSSE({ event: event.name, data }).catch(end);
					};
					const heartbeat = setInterval(() => void keepAlive(stream), keepAliveMs);
					const unsubscribe = deps.staffEvents.subscribe(send);
					const stopOnClose = deps.staffEvents.onClose(end);
					// Signing out or being deactivated in this process ends the stream at once; a sign-out through another process
					// is caught by the keep-alive check below (liveSessionPrisons), the cross-process fallback.
					const stopOnSignOut = onSessionEnd({ token, staffId: c.var.staff.id }, end);
					stream.onAbort(end);

					async function keepAlive(open: SSEStreamingApi) {
						const prisons = await liveSessionPrisons(deps.db, token, deps.clock()).catch(() => undefined);
						if (prisons === null) return end();
						// An officer moved off a prison stops hearing about it.
						if (prisons) scope = new Set([...scope].filter((id) => prisons.includes(id)));
						await open.write(': keep-alive\n\n').catch(end);
					}
					function end() {
						clearInterval(heartbeat);
						unsubscribe();
						stopOnClose();
						stopOnSignOut();
						done();
					}
				});
			});
			// The connection carries nothing else; closing it with the stream lets a stopping server stop.
			response.headers.set('Connection', 'close');
			return response;
		}
	);
}
