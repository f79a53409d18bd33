import { Hono } from 'hono';
import { t } from '../../../src/lib/shared/i18n';
import { ReviewDecisionInput } from '../../../src/lib/shared/schemas-instant';
import type { AppDeps } from '../../app-deps';
import { requirePrisonAccess, type StaffEnv } from '../../auth/middleware';
import { ApiError } from '../../http/errors';
import { isUuid } from '../../http/ids';
import { validate } from '../../http/validation';
import { keepReviewedVisit, visitsNeedingReview } from '../../prisoners/review';
import { ReviewKeptAnswer, ReviewListAnswer } from '../../openapi/answers';
import { docs, error, json } from '../../openapi/describe';

/** Visits needing review: the list for a prison, and keeping one. Staff of the visit's prison only. */
export function staffReviewRoutes(deps: AppDeps) {
	return new Hono<StaffEnv>()
		.use('/prisons/:prisonId/review', requirePrisonAccess)
		.get(
			'/prisons/:prisonId/review',
			docs({
				summary: 'Booked visits whose facts changed after they were booked (future ones, soonest first), with why and since when',
				tags: ['review'],
				answers: {
					200: json(ReviewListAnswer, 'The visits'),
					403: error('Not one of your prisons (forbidden)'),
					404: error('No such prison')
				}
			}),
			async (c) => c.json({ visits: await visitsNeedingReview(deps.db, c.req.param('prisonId'), deps.clock()) }, 200)
		)
		.post(
			'/requests/:id/review',
			docs({
				summary: 'Keep a visit needing review (with a reason, audited): it leaves the list until a new cause appears',
				tags: ['review'],
				answers: {
					200: json(ReviewKeptAnswer, 'Kept'),
					400: error('No reason, or a decision other than keep (fields say which)'),
					403: error('Not one of your prisons (forbidden)'),
					404: error('No such request'),
					409: error('The visit has nothing waiting for review (nothing_to_review)')
				}
			}),
			validate('json', ReviewDecisionInput),
			async (c) => {
				const id = c.req.param('id');
				if (!isUuid(id)) throw ApiError.notFound(t('api.request.notFound'));
				return c.json(await keepReviewedVisit(deps.db, { requestId: id, staff: c.var.staff, now: deps.clock() }, c.req.valid('json')), 200);
			}
		);
}
