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
import { ArrivalAnswer, PrisonPassKeyAnswer } from '../../openapi/answers';
import { docs, error, json } from '../../openapi/describe';

/** At the gate: arrivals, and the prison's public key for checking passes (it also comes with the day's list). */
export function staffGateRoutes(deps: AppDeps) {
	return new Hono<StaffEnv>()
		.post(
			'/requests/:id/arrival',
			docs({
				summary: 'Record that a booked visit arrived at the gate (again: nothing changes)',
				tags: ['staff'],
				answers: {
					200: json(ArrivalAnswer, 'Recorded, or recorded before (alreadyArrived)'),
					404: error('No such request'),
					409: error('The request is not booked (not_booked; error.details.status)'),
					422: error('The visitors named are not on the request (fields say which)')
				}
			}),
			validate('json', ArrivalInput),
			async (c) => {
				const id = c.req.param('id');
				if (!isUuid(id)) throw ApiError.notFound(t('api.request.notFound'));
				const answer = await recordArrival(deps.db, { requestId: id, now: deps.clock() }, c.var.staff, c.req.valid('json'));
				if (!answer.alreadyArrived) {
					const prisonId = (await deps.db.selectFrom('visitRequests').select('prisonId').where('id', '=', id).executeTakeFirstOrThrow())
						.prisonId;
					deps.notify({ type: 'visit-request.arrived', prisonId, requestId: id });
				}
				return c.json(answer, 200);
			}
		)
		.get(
			'/prisons/:prisonId/pass-key',
			docs({
				summary: "The prison's public key for checking passes offline",
				tags: ['staff'],
				answers: { 200: json(PrisonPassKeyAnswer, 'The key'), 403: error('Not one of your prisons (forbidden)') }
			}),
			async (c) => {
				const prisonId = c.req.param('prisonId');
				assertPrisonAccess(c.var.staff, prisonId);
				return c.json({ prisonId, publicKey: (await prisonPassKey(deps.db, prisonId)).publicKey }, 200);
			}
		);
}
