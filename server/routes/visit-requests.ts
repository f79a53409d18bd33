import { Hono } from 'hono';
import { t } from '../../src/lib/shared/i18n';
import { VisitRequestInput } from '../../src/lib/shared/schemas';
import type { AppDeps } from '../app-deps';
import { requireDevice } from '../auth/middleware';
import { ApiError } from '../http/errors';
import { isUuid } from '../http/ids';
import { validate } from '../http/validation';
import { requestsQuery, toVisitRequest, toVisitRequests } from '../requests/repository';
import { submitVisitRequest } from '../requests/submit';
import { cancelByVisitor, withdrawRequest } from '../requests/visitor-actions';

/** The visitor's side: a device sees and acts on only the requests it made. */
export function visitRequestRoutes(deps: AppDeps) {
	return new Hono<DeviceEnv>()
		.use(requireDevice(deps))
		.post('/', deps.limits.submit, validate('json', VisitRequestInput), async (c) => {
			const result = await submitVisitRequest(deps.db, {
				input: c.req.valid('json'),
				deviceId: c.var.device.id,
				now: deps.clock(),
				onCreated: deps.events.requestCreated
			});
			if (result.created) deps.events.afterCommit({ type: 'request.created', prisonId: result.request.prisonId, requestId: result.request.id });
			return c.json(result.request, result.created ? 201 : 200);
		})
		.get('/', async (c) => {
			const rows = await requestsQuery(deps.db)
				.where('deviceId', '=', c.var.device.id)
				.orderBy('createdAt', 'desc')
				.limit(200)
				.execute();
			return c.json({ requests: await toVisitRequests(deps.db, rows) });
		})
		.get('/:id', async (c) => {
			const id = c.req.param('id');
			const row = isUuid(id)
				? await requestsQuery(deps.db).where('id', '=', id).where('deviceId', '=', c.var.device.id).executeTakeFirst()
				: undefined;
			if (!row) throw ApiError.notFound(t('api.request.notFound'));
			return c.json(await toVisitRequest(deps.db, row));
		})
		.post('/:id/withdraw', async (c) => {
			const request = await withdrawRequest(deps.db, visitorAction(deps, c.req.param('id'), c.var.device.id));
			deps.events.afterCommit({ type: 'request.changed', prisonId: request.prisonId, requestId: request.id });
			return c.json(request);
		})
		.post('/:id/cancel', async (c) => {
			const request = await cancelByVisitor(deps.db, visitorAction(deps, c.req.param('id'), c.var.device.id));
			deps.events.afterCommit({ type: 'request.changed', prisonId: request.prisonId, requestId: request.id });
			return c.json(request);
		});
}

function visitorAction(deps: AppDeps, requestId: string, deviceId: string) {
	if (!isUuid(requestId)) throw ApiError.notFound(t('api.request.notFound'));
	return { requestId, deviceId, now: deps.clock(), onChanged: deps.events.requestChangedByVisitor };
}
