import { Hono } from 'hono';
import { t } from '../../../src/lib/shared/i18n';
import { ConfirmInput, RejectInput, StaffCancelInput, StaffRequestsQuery } from '../../../src/lib/shared/schemas';
import type { VisitRequest } from '../../../src/lib/shared/types';
import type { AppDeps } from '../../app-deps';
import type { StaffEnv } from '../../auth/middleware';
import { ApiError } from '../../http/errors';
import { isUuid } from '../../http/ids';
import { validate } from '../../http/validation';
import { notifyChannels } from '../../lifecycle/channels';
import { visitorNotifier } from '../../lifecycle/notify';
import { cancelByStaff, confirmRequest, rejectRequest } from '../../requests/decisions';
import { staffQueue, staffRequest } from '../../requests/staff-views';
import { scopedPrisonIds } from '../../auth/staff-identity';

/** The queue and the decisions on it. Staff see and decide only for their own prisons. */
export function staffRequestRoutes(deps: AppDeps) {
	const onDecided = visitorNotifier(notifyChannels(deps.config));
	const context = (id: string) => {
		if (!isUuid(id)) throw ApiError.notFound(t('api.request.notFound'));
		return { requestId: id, now: deps.clock(), onDecided };
	};
	const decided = (request: VisitRequest, from: VisitRequest['status']) =>
		deps.notify({ type: 'visit-request.status-changed', prisonId: request.prisonId, requestId: request.id, from, to: request.status });

	return new Hono<StaffEnv>()
		.get('/', validate('query', StaffRequestsQuery), async (c) => {
			const query = c.req.valid('query');
			const prisonIds = scopedPrisonIds(c.var.staff, query.prisonId);
			return c.json(await staffQueue(deps.db, { prisonIds, status: query.status ?? 'requested', date: query.date }, c.var.staff, deps.clock()), 200);
		})
		.get('/:id', async (c) => {
			const id = c.req.param('id');
			if (!isUuid(id)) throw ApiError.notFound(t('api.request.notFound'));
			return c.json(await staffRequest(deps.db, id, c.var.staff, deps.clock()), 200);
		})
		.post('/:id/confirm', validate('json', ConfirmInput), async (c) => {
			const request = await confirmRequest(deps.db, context(c.req.param('id')), c.var.staff, c.req.valid('json'));
			decided(request, 'requested');
			return c.json(request, 200);
		})
		.post('/:id/reject', validate('json', RejectInput), async (c) => {
			const request = await rejectRequest(deps.db, context(c.req.param('id')), c.var.staff, c.req.valid('json'));
			decided(request, 'requested');
			return c.json(request, 200);
		})
		.post('/:id/cancel', validate('json', StaffCancelInput), async (c) => {
			const request = await cancelByStaff(deps.db, context(c.req.param('id')), c.var.staff, c.req.valid('json'));
			decided(request, 'booked');
			return c.json(request, 200);
		});
}
