import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { t } from '../../src/lib/shared/i18n';
import { IntegrationEventAnswer, IntegrationEventEnvelope } from '../../src/lib/shared/schemas-integrations';
import type { AppDeps } from '../app-deps';
import { ApiError, respondWithError } from '../http/errors';
import { rateLimitedError, RateLimiter } from '../http/rate-limit';
import { integrationClientOf, type IntegrationClient } from '../integrations/clients';
import { APPLIED_EVENT_TYPES, receiveEvent } from '../integrations/events';
import { serviceChannels } from '../messages/channels';
import { documentedAuth, docs, error, INTEGRATION, json } from '../openapi/describe';

type IntegrationEnv = { Variables: { integration: IntegrationClient } };

/** Events one integration may post per minute, unless INTEGRATION_EVENTS_PER_MINUTE says. */
export const INTEGRATION_EVENTS_PER_MINUTE = 600;

/** Only an integration client's live token: a staff session or a visitor's bearer is no such thing. */
const requireIntegration = (deps: AppDeps) =>
	documentedAuth(
		createMiddleware<IntegrationEnv>(async (c, next) => {
			const client = await integrationClientOf(deps.db, c.req.header('Authorization'));
			if (!client) return respondWithError(c, new ApiError(401, 'unauthorized', t('integrations.unauthorized')));
			c.set('integration', client);
			await next();
		}),
		INTEGRATION,
		{
			401: error('No integration token, or one revoked or unknown (unauthorized)'),
			429: error('Too many events from this integration (rate_limited); Retry-After says when to send again')
		}
	);

/** /api/integration: domain events from the prison's own system of record (docs/system-of-record.md). */
export function integrationEventRoutes(deps: AppDeps) {
	const perMinute = deps.config.integrationEventsPerMinute ?? INTEGRATION_EVENTS_PER_MINUTE;
	const limiter = new RateLimiter(deps.db, 'integration-events', {
		capacity: perMinute,
		refillEveryMs: 60_000 / perMinute,
		clock: deps.clock
	});
	const channels = serviceChannels(deps.config);
	return new Hono<IntegrationEnv>().use(requireIntegration(deps)).post(
		'/events',
		docs({
			summary: 'One domain event from the prison’s system of record (HMPPS shape), applied once',
			description:
				`Handled types: ${APPLIED_EVENT_TYPES.join(', ')}. Any other type is answered 202 and ignored. ` +
				'The identity is eventId, or the sha256 of the body with its keys sorted: the same event again changes nothing (200, duplicate true).',
			tags: ['integration'],
			requestBody: {
				schema: IntegrationEventEnvelope,
				description: 'An HMPPS domain event: eventType, occurredAt, additionalInformation, and optionally eventId, version, personReference'
			},
			answers: {
				200: json(IntegrationEventAnswer, 'Applied (or stale: a newer fact was already applied), or a duplicate of one already received'),
				202: json(IntegrationEventAnswer, 'A type this service does not use: ignored'),
				400: error('Not JSON (invalid_json), or the event lacks what its type needs (validation_failed, every field named)')
			}
		}),
		async (c) => {
			const client = c.var.integration;
			const taken = await limiter.take(client.id);
			if (!taken.allowed) throw rateLimitedError(taken.retryAfterSeconds);
			let body: unknown;
			try {
				body = JSON.parse(await c.req.text());
			} catch {
				throw new ApiError(400, 'invalid_json', t('platform.error.invalidJson'));
			}
			const result = await receiveEvent(deps.db, client, body, { now: deps.clock(), channels });
			if (result.kind === 'ignored') {
				// The type only, and only when it looks like one: a publisher's text could carry anything.
				const eventType = /^[A-Za-z0-9._-]{1,100}$/.test(result.eventType) ? result.eventType : '(not shown)';
				deps.logger.info({ eventType, integration: client.id }, 'integration event ignored');
				return c.json(result.answer, 202);
			}
			for (const changed of result.rejected) {
				deps.announce({ type: 'visit-request.status-changed', ...changed, from: 'requested', to: 'rejected' });
			}
			return c.json(result.answer, 200);
		}
	);
}
