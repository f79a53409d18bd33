import { Hono } from 'hono';
import { t } from '../../../src/lib/shared/i18n';
import { ConfirmInput, RejectInput, StaffCancelInput, StaffRequestsQuery } from '../../../src/lib/shared/schemas';
import type { VisitRequest } from '../../../src/lib/shared/answers';
import type { AppDeps } from '../../app-deps';
import type { StaffEnv } from '../../auth/middleware';
import { ApiError } from '../../http/errors';
import { isUuid } from '../../http/ids';
import { validate } from '../../http/validation';
import { serviceChannels } from '../../messages/channels';
import { statusNoticeHook } from '../../messages/notices';
import { cancelByStaff, confirmRequest, rejectRequest } from '../../requests/decisions';
import { staffQueue, staffRequest } from '../../requests/staff-views';
import { confirmChange, rejectChange } from '../../requests/changes';
import { ChangeConfirmInput, ChangeRejectInput } from '../../../src/lib/shared/schemas-change';
import { scopedPrisonIds } from '../../auth/staff-identity';
import { MessageRecordAnswer, QueueAnswer, StaffVisitRequestAnswer, VisitRequestAnswer } from '../../openapi/answers';
import { resendMessage } from '../../messages/record';
import { docs, error, json } from '../../openapi/describe';

/** The queue and the decisions on it. Staff see and decide only for their own prisons. */
function decision(summary: string, conflict: string) {
	return {
		summary,
		tags: ['staff'],
		answers: {
			200: json(VisitRequestAnswer, 'Decided; the visitor is told'),
			404: error('No such request'),
			409: error(conflict),
			422: error('The decision does not fit the request (fields say why), or a blocking flag needs an override reason')
		}
	};
}

export function staffRequestRoutes(deps: AppDeps) {
	const channels = serviceChannels(deps.config);
	const onDecided = statusNoticeHook(channels);
	const context = (id: string) => {
		if (!isUuid(id)) throw ApiError.notFound(t('api.request.notFound'));
		return { requestId: id, now: deps.clock(), onDecided };
	};
	const decided = (request: VisitRequest, from: VisitRequest['status']) =>
		deps.announce({ type: 'visit-request.status-changed', prisonId: request.prisonId, requestId: request.id, from, to: request.status });

	return (
		new Hono<StaffEnv>()
			.get(
				'/',
				docs({
					summary: 'The queue: requests of one status at your prisons, oldest first, with counts',
					tags: ['staff'],
					answers: { 200: json(QueueAnswer, 'The queue'), 403: error('Not one of your prisons (forbidden)') }
				}),
				validate('query', StaffRequestsQuery),
				async (c) => {
					const query = c.req.valid('query');
					const prisonIds = scopedPrisonIds(c.var.staff, query.prisonId);
					return c.json(
						await staffQueue(deps.db, { prisonIds, status: query.status ?? 'requested', date: query.date }, c.var.staff, deps.clock()),
						200
					);
				}
			)
			.get(
				'/:id',
				docs({
					summary: 'One request with its history, live places per choice, flags and reads',
					tags: ['staff'],
					answers: {
						200: json(StaffVisitRequestAnswer, 'The request'),
						403: error('Not one of your prisons (forbidden)'),
						404: error('No such request')
					}
				}),
				async (c) => {
					const id = c.req.param('id');
					if (!isUuid(id)) throw ApiError.notFound(t('api.request.notFound'));
					return c.json(await staffRequest(deps.db, id, c.var.staff, deps.clock()), 200);
				}
			)
			.post(
				'/:id/messages/:messageId/resend',
				docs({
					summary: 'Send one of the messages about a request again (audited), to the family as they are now',
					tags: ['staff'],
					answers: {
						201: json(MessageRecordAnswer, 'Queued again: the new message'),
						403: error('Not one of your prisons (forbidden)'),
						404: error('No such request or message'),
						409: error('It cannot go that way any more: no address, browser unsubscribed, or the channel is off (not_resendable)')
					}
				}),
				async (c) => {
					const id = c.req.param('id');
					const messageId = c.req.param('messageId');
					if (!isUuid(id) || !isUuid(messageId)) throw ApiError.notFound(t('api.request.notFound'));
					const message = await resendMessage(deps.db, { staff: c.var.staff, requestId: id, messageId, now: deps.clock(), channels });
					return c.json(message, 201);
				}
			)
			.post(
				'/:id/confirm',
				docs(
					decision(
						'Book one of the chosen slots',
						'Decided already (error.details: status, by, at), or the slot is full, closed or past (slot_full, slot_closed, slot_past)'
					)
				),
				validate('json', ConfirmInput),
				async (c) => {
					const request = await confirmRequest(deps.db, context(c.req.param('id')), c.var.staff, c.req.valid('json'));
					decided(request, 'requested');
					return c.json(request, 200);
				}
			)
			.post(
				'/:id/reject',
				docs(decision('Refuse a request, with reasons', 'Decided already (error.details: status, by, at)')),
				validate('json', RejectInput),
				async (c) => {
					const request = await rejectRequest(deps.db, context(c.req.param('id')), c.var.staff, c.req.valid('json'));
					decided(request, 'requested');
					return c.json(request, 200);
				}
			)
			.post(
				'/:id/cancel',
				docs(decision('Cancel a booked visit, with a reason', 'Not booked, or the visit has started (visit_started)')),
				validate('json', StaffCancelInput),
				async (c) => {
					const request = await cancelByStaff(deps.db, context(c.req.param('id')), c.var.staff, c.req.valid('json'));
					decided(request, 'booked');
					return c.json(request, 200);
				}
			)
			// A change the visitor asked to a booked visit: move the booking, or keep it.
			.post(
				'/:id/change/confirm',
				docs(
					decision(
						'Apply a change to a booked visit: move it to one of the times the change asks for (`slot`, absent when only who is coming changes) and replace the visitors with the new party, if any',
						'No change is pending, the visit is not booked, the new slot is full, closed or past, or a banned visitor (of the new party, if any) is coming on the date and no override reason was given (flagged)'
					)
				),
				validate('json', ChangeConfirmInput),
				async (c) => {
					const { requestId, now } = context(c.req.param('id'));
					const request = await confirmChange(deps.db, { requestId, now, channels }, c.var.staff, c.req.valid('json'));
					decided(request, 'booked');
					return c.json(request, 200);
				}
			)
			.post(
				'/:id/change/reject',
				docs(decision('Refuse a change, with reasons (the booking stands)', 'No change is pending, or the visit is not booked')),
				validate('json', ChangeRejectInput),
				async (c) => {
					const { requestId, now } = context(c.req.param('id'));
					const request = await rejectChange(deps.db, { requestId, now, channels }, c.var.staff, c.req.valid('json'));
					decided(request, 'booked');
					return c.json(request, 200);
				}
			)
	);
}
