import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { localeFromAcceptLanguage, t } from '../../src/lib/shared/i18n';
import { uuid } from '../../src/lib/shared/schemas';
import { PushSubscriptionInput, PushUnsubscribeInput } from '../../src/lib/shared/schemas-push';
import type { AppDeps } from '../app-deps';
import { optionalDevice, optionalStaff, type OptionalDeviceEnv, type OptionalStaffEnv } from '../auth/middleware';
import { assertPrisonAccess } from '../auth/staff-identity';
import { ApiError } from '../http/errors';
import { validate } from '../http/validation';
import { normalisePushEndpoint, pushEndpointPolicy } from '../push/endpoint-policy';
import { isP256PublicKey } from '../push/keys';
import { deleteSubscription, saveSubscription, type PushOwner } from '../push/subscriptions';
import { docs, empty, error, json } from '../openapi/describe';

const PublicKeyAnswer = z.object({ publicKey: z.string() });
const SubscriptionAnswer = z.object({ id: z.string() });

type PushEnv = { Variables: OptionalDeviceEnv['Variables'] & OptionalStaffEnv['Variables'] };

/** Staff may ask for a push when a new request arrives at one of their prisons. */
const StaffSubscriptionInput = PushSubscriptionInput.extend({ prisonId: uuid('field.prison.unknown').optional() });

/**
 * Browsers register where to send notifications. A subscription belongs to the device (visitor
 * bearer) or to the staff member (session cookie) that registered it, and only they can remove it.
 */
export function pushRoutes(deps: AppDeps) {
	const owner = (c: Context<PushEnv>, prisonId?: string): PushOwner => {
		// The bearer wins: a tablet signed in as staff that also acts as a visitor says which it means.
		if (c.var.device) return { deviceId: c.var.device.id };
		if (c.var.staff) {
			if (prisonId) assertPrisonAccess(c.var.staff, prisonId);
			return { staffId: c.var.staff.id, prisonId: prisonId ?? null };
		}
		throw ApiError.unauthorized();
	};

	return new Hono<PushEnv>()
		.get(
			'/public-key',
			docs({
				summary: "The server's VAPID public key, for PushManager.subscribe",
				tags: ['push'],
				answers: { 200: json(PublicKeyAnswer, 'The key') }
			}),
			(c) => c.json({ publicKey: deps.push.publicKey }, 200)
		)
		.use('/subscriptions', optionalDevice(deps), optionalStaff(deps))
		.post(
			'/subscriptions',
			docs({
				summary: "Register a browser's push subscription, for the device (bearer) or the officer (session)",
				tags: ['push'],
				answers: {
					201: json(SubscriptionAnswer, 'Registered'),
					200: json(SubscriptionAnswer, 'Known already: updated'),
					401: error('Neither a bearer nor a session (unauthorized)')
				}
			}),
			validate('json', StaffSubscriptionInput),
			async (c) => {
				const input = c.req.valid('json');
				const who = owner(c, input.prisonId);
				// Stored and sent is the normalised URL (see endpoint-policy.ts), never the text as given.
				const endpoint = normalisePushEndpoint(input.endpoint, pushEndpointPolicy(deps.config));
				const fields: Record<string, string> = {};
				if (!endpoint.ok) fields.endpoint = t(endpoint.problem);
				if (!isP256PublicKey(input.keys.p256dh)) fields['keys.p256dh'] = t('push.keys.p256dh.invalid');
				if (!endpoint.ok || fields['keys.p256dh']) throw ApiError.badRequest(Object.values(fields)[0], fields);
				const saved = await saveSubscription(
					deps.db,
					who,
					{ ...input, endpoint: endpoint.url },
					localeFromAcceptLanguage(c.req.header('accept-language'))
				);
				return c.json({ id: saved.id }, saved.created ? 201 : 200);
			}
		)
		.delete(
			'/subscriptions',
			docs({
				summary: 'Remove a push subscription this device or officer registered',
				tags: ['push'],
				answers: {
					204: empty('Removed'),
					401: error('Neither a bearer nor a session (unauthorized)'),
					404: error('No such subscription of yours')
				}
			}),
			validate('json', PushUnsubscribeInput),
			async (c) => {
				const given = c.req.valid('json').endpoint;
				// Saved under its normalised form; a row saved before that was the text as given.
				const normalised = normalisePushEndpoint(given, pushEndpointPolicy(deps.config));
				const removed =
					(normalised.ok && normalised.url !== given && (await deleteSubscription(deps.db, owner(c), normalised.url))) ||
					(await deleteSubscription(deps.db, owner(c), given));
				if (!removed) throw ApiError.notFound(t('api.push.subscriptionNotFound'));
				return c.body(null, 204);
			}
		);
}
