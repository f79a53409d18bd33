import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { t } from '../../src/lib/shared/i18n';
import { PushSubscriptionInput, PushUnsubscribeInput } from '../../src/lib/shared/schemas-push';
import type { AppDeps } from '../app-deps';
import { assertStaffPrison, optionalDevice, optionalStaff, type OptionalDeviceEnv, type OptionalStaffEnv } from '../auth/middleware';
import { ApiError } from '../http/errors';
import { validate } from '../http/validation';
import { checkPushEndpoint } from '../push/endpoint-policy';
import { deleteSubscription, saveSubscription, type PushOwner } from '../push/subscriptions';

type PushEnv = { Variables: OptionalDeviceEnv['Variables'] & OptionalStaffEnv['Variables'] };

/** Staff may ask for a push when a new request arrives at one of their prisons. */
const StaffSubscriptionInput = PushSubscriptionInput.extend({ prisonId: z.uuid().optional() });

/**
 * Browsers register where to send notifications. A subscription belongs to the device (visitor
 * bearer) or to the staff member (session cookie) that registered it, and only they can remove it.
 */
export function pushRoutes(deps: AppDeps) {
	const owner = (c: Context<PushEnv>, prisonId?: string): PushOwner => {
		// The bearer wins: a tablet signed in as staff that also acts as a visitor says which it means.
		if (c.var.device) return { deviceId: c.var.device.id };
		if (c.var.staff) {
			if (prisonId) assertStaffPrison(c.var.staff, prisonId);
			return { staffId: c.var.staff.id, prisonId: prisonId ?? null };
		}
		throw ApiError.unauthorized();
	};

	return new Hono<PushEnv>()
		.get('/public-key', (c) => c.json({ publicKey: deps.push.publicKey }, 200))
		.use('/subscriptions', optionalDevice(deps), optionalStaff(deps))
		.post('/subscriptions', validate('json', StaffSubscriptionInput), async (c) => {
			const input = c.req.valid('json');
			const problem = checkPushEndpoint(input.endpoint, { allowInsecure: deps.config.pushAllowInsecure });
			if (problem) throw ApiError.badRequest(t(problem), { endpoint: t(problem) });
			const saved = await saveSubscription(deps.db, owner(c, input.prisonId), input);
			return c.json({ id: saved.id }, saved.created ? 201 : 200);
		})
		.delete('/subscriptions', validate('json', PushUnsubscribeInput), async (c) => {
			const removed = await deleteSubscription(deps.db, owner(c), c.req.valid('json').endpoint);
			if (!removed) throw ApiError.notFound(t('api.push.subscriptionNotFound'));
			return c.body(null, 204);
		});
}
