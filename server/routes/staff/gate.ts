import { Hono } from 'hono';
import { t } from '../../../src/lib/shared/i18n';
import { ArrivalInput, OutcomeInput } from '../../../src/lib/shared/schemas-gate';
import type { AppDeps } from '../../app-deps';
import type { StaffEnv } from '../../auth/middleware';
import { recordArrival, recordOutcome } from '../../gate/arrival';
import { prisonPassKey } from '../../gate/keys';
import { visitByReference } from '../../gate/lookup';
import { ApiError } from '../../http/errors';
import { isUuid } from '../../http/ids';
import { validate } from '../../http/validation';
import { assertPrisonAccess } from '../../auth/staff-identity';
import { ArrivalAnswer, GateReferenceAnswer, PrisonPassKeyAnswer } from '../../openapi/answers';
import { docs, error, json } from '../../openapi/describe';

function prisonOf(deps: AppDeps, requestId: string) {
	return deps.db.selectFrom('visitRequests').select('prisonId').where('id', '=', requestId).executeTakeFirstOrThrow();
}

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
					deps.announce({ type: 'visit-request.arrived', prisonId: (await prisonOf(deps, id)).prisonId, requestId: id });
				}
				return c.json(answer, 200);
			}
		)
		.patch(
			'/requests/:id/arrival',
			docs({
				summary: 'Change how an arrived visit went (outcome and note)',
				tags: ['staff'],
				answers: {
					200: json(ArrivalAnswer, 'Saved (alreadyArrived is true: the arrival itself is unchanged)'),
					404: error('No such request, or no arrival recorded for it yet (no_arrival)')
				}
			}),
			validate('json', OutcomeInput),
			async (c) => {
				const id = c.req.param('id');
				if (!isUuid(id)) throw ApiError.notFound(t('api.request.notFound'));
				const answer = await recordOutcome(deps.db, { requestId: id, now: deps.clock() }, c.var.staff, c.req.valid('json'));
				deps.announce({ type: 'visit-request.arrived', prisonId: (await prisonOf(deps, id)).prisonId, requestId: id });
				return c.json(answer, 200);
			}
		)
		.get(
			'/prisons/:prisonId/visits/by-reference/:reference',
			docs({
				summary: "Which day a visit is on, by its reference: for a pass not on the gate's list for today",
				tags: ['staff'],
				answers: {
					200: json(GateReferenceAnswer, "The visit's state and booked slot (nothing personal)"),
					403: error('Not one of your prisons (forbidden)'),
					404: error('No visit with that reference at this prison')
				}
			}),
			async (c) => {
				const prisonId = c.req.param('prisonId');
				assertPrisonAccess(c.var.staff, prisonId);
				return c.json(await visitByReference(deps.db, prisonId, c.req.param('reference')), 200);
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
