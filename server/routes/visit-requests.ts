import { Hono } from 'hono';
import { t } from '../../src/lib/shared/i18n';
import { VisitRequestInput } from '../../src/lib/shared/schemas';
import { ClaimInput } from '../../src/lib/shared/schemas-prisoners';
import type { VisitRequest } from '../../src/lib/shared/types';
import type { AppDeps } from '../app-deps';
import { requireDevice, type DeviceEnv } from '../auth/middleware';
import { ApiError } from '../http/errors';
import { isUuid } from '../http/ids';
import { clientAddress } from '../http/client-address';
import { rateLimit, TokenBucketLimiter } from '../http/rate-limit';
import { validate } from '../http/validation';
import { queueStaffPush, queueVisitorPush } from '../requests/notifications';
import { claimRequest, ownedBy } from '../requests/claims';
import { withPass, withPasses } from '../gate/pass';
import { requestsQuery, toVisitRequest, toVisitRequests } from '../requests/repository';
import { submitVisitRequest } from '../requests/submit';
import { cancelByVisitor, withdrawRequest } from '../requests/visitor-actions';

/**
 * Submissions per device, not per address (many phones share a carrier's address). A phone that was
 * offline for a week may send ten requests at once (PRODUCT.md), plus retries of lost answers, so a
 * burst of 20 passes; then one a minute.
 */
export const SUBMIT_LIMIT = { capacity: 20, refillEveryMs: 60_000 } as const;

/**
 * Claims by reference, per device and per address: enough for a family to mistype a few times, far
 * too few to guess references (25^8 of them, and the lead visitor's date of birth must match too).
 */
export const CLAIM_LIMITS = {
	device: { capacity: 5, refillEveryMs: 10 * 60_000 },
	address: { capacity: 30, refillEveryMs: 60_000 }
} as const;

/** The visitor's side: a device sees and acts on only the requests it made. */
export function visitRequestRoutes(deps: AppDeps) {
	const submits = new TokenBucketLimiter({ ...SUBMIT_LIMIT, clock: deps.clock });
	const claimsPerDevice = new TokenBucketLimiter({ ...CLAIM_LIMITS.device, clock: deps.clock });
	const claimsPerAddress = new TokenBucketLimiter({ ...CLAIM_LIMITS.address, clock: deps.clock });

	return new Hono<DeviceEnv>()
		.use(requireDevice(deps))
		.post('/', rateLimit<DeviceEnv>(submits, (c) => c.var.device.id), validate('json', VisitRequestInput), async (c) => {
			const result = await submitVisitRequest(deps.db, {
				input: c.req.valid('json'),
				deviceId: c.var.device.id,
				now: deps.clock(),
				onCreated: queueStaffPush
			});
			if (result.created) deps.notify({ type: 'visit-request.created', prisonId: result.request.prisonId, requestId: result.request.id });
			return c.json(result.request, result.created ? 201 : 200);
		})
		.post(
			'/claim',
			rateLimit<DeviceEnv>(claimsPerAddress, (c) => clientAddress(c)),
			rateLimit<DeviceEnv>(claimsPerDevice, (c) => c.var.device.id),
			validate('json', ClaimInput),
			async (c) => {
				const claimed = await claimRequest(deps.db, { ...c.req.valid('json'), deviceId: c.var.device.id, now: deps.clock() });
				return c.json(await withPass(deps.db, claimed));
			}
		)
		.get('/', async (c) => {
			const rows = await requestsQuery(deps.db)
				.where(ownedBy(c.var.device.id))
				.orderBy('createdAt', 'desc')
				.limit(200)
				.execute();
			return c.json({ requests: await withPasses(deps.db, await toVisitRequests(deps.db, rows)) }, 200);
		})
		.get('/:id', async (c) => {
			const id = c.req.param('id');
			const row = isUuid(id)
				? await requestsQuery(deps.db).where('id', '=', id).where(ownedBy(c.var.device.id)).executeTakeFirst()
				: undefined;
			if (!row) throw ApiError.notFound(t('api.request.notFound'));
			return c.json(await withPass(deps.db, await toVisitRequest(deps.db, row)), 200);
		})
		.post('/:id/withdraw', async (c) => {
			const request = await withdrawRequest(deps.db, visitorAction(deps, c.req.param('id'), c.var.device.id));
			notifyChanged(deps, request, 'requested');
			return c.json(request, 200);
		})
		.post('/:id/cancel', async (c) => {
			const request = await cancelByVisitor(deps.db, visitorAction(deps, c.req.param('id'), c.var.device.id));
			notifyChanged(deps, request, 'booked');
			return c.json(request, 200);
		});
}

function visitorAction(deps: AppDeps, requestId: string, deviceId: string) {
	if (!isUuid(requestId)) throw ApiError.notFound(t('api.request.notFound'));
	return { requestId, deviceId, now: deps.clock(), onChanged: queueVisitorPush };
}

function notifyChanged(deps: AppDeps, request: VisitRequest, from: VisitRequest['status']) {
	deps.notify({ type: 'visit-request.status-changed', prisonId: request.prisonId, requestId: request.id, from, to: request.status });
}
