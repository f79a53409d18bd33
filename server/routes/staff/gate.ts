import { Hono } from 'hono';
import { t } from '../../../src/lib/shared/i18n';
import { ArrivalInput } from '../../../src/lib/shared/schemas-gate';
import type { AppDeps } from '../../app-deps';
import type { StaffEnv } from '../../auth/middleware';
import { recordArrival } from '../../gate/arrival';
import { prisonPassKey } from '../../gate/keys';
import { ApiError } from '../../http/errors';
import { isUuid } from '../../http/ids';
import { validate } from '../../http/validation';
import { assertPrisonAccess } from '../../auth/staff-identity';

/** At the gate: arrivals, and the prison's public key for checking passes (it also comes with the day's list). */
export function staffGateRoutes(deps: AppDeps) {
	return new Hono<StaffEnv>()
		.post('/requests/:id/arrival', validate('json', ArrivalInput), async (c) => {
			const id = c.req.param('id');
			if (!isUuid(id)) throw ApiError.notFound(t('api.request.notFound'));
			const answer = await recordArrival(deps.db, { requestId: id, now: deps.clock() }, c.var.staff, c.req.valid('json'));
			if (!answer.alreadyArrived) {
				const prisonId = (await deps.db.selectFrom('visitRequests').select('prisonId').where('id', '=', id).executeTakeFirstOrThrow()).prisonId;
				deps.notify({ type: 'visit-request.arrived', prisonId, requestId: id });
			}
			return c.json(answer, 200);
		})
		.get('/prisons/:prisonId/pass-key', async (c) => {
			const prisonId = c.req.param('prisonId');
			assertPrisonAccess(c.var.staff, prisonId);
			return c.json({ prisonId, publicKey: (await prisonPassKey(deps.db, prisonId)).publicKey }, 200);
		});
}
