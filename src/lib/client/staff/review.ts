import { apiPaths, callApi, params, sendStored, type OkData } from '../api';
import type { ApiResult } from '../api-result';

/*
 * Visits needing review and non-associations: staff calls that go to the server at once (no
 * outbox). Keeping a visit or changing a non-association is a judgement made on what the server
 * holds now, so a page says when there is no connection instead of queuing it.
 */

export const fetchReview = (prisonId: string) =>
	callApi((api) => api.staff.prisons[':prisonId'].review.$get({ param: params({ prisonId }) }), { auth: 'staff' });

/** A visit needing review, as the list's route answers it. */
export type ReviewVisit = OkData<Awaited<ReturnType<(typeof apiPaths.staff.prisons)[':prisonId']['review']['$get']>>>['visits'][number];

export const keepVisit = (requestId: string, reason: string): Promise<ApiResult<unknown>> =>
	sendStored(
		{ method: 'POST', path: `/api/staff/requests/${encodeURIComponent(requestId)}/review`, body: { decision: 'keep', reason } },
		{ auth: 'staff' }
	);

const nonAssociationsPath = (prisonId: string, prisonerNumber: string) =>
	`/api/staff/prisons/${encodeURIComponent(prisonId)}/prisoners/${encodeURIComponent(prisonerNumber)}/non-associations`;

export const addNonAssociation = (prisonId: string, prisonerNumber: string, body: { prisonerNumber: string; reason: string }) =>
	sendStored({ method: 'POST', path: nonAssociationsPath(prisonId, prisonerNumber), body }, { auth: 'staff' });

export const endNonAssociation = (prisonId: string, prisonerNumber: string, other: string) =>
	sendStored(
		{ method: 'DELETE', path: `${nonAssociationsPath(prisonId, prisonerNumber)}/${encodeURIComponent(other)}` },
		{ auth: 'staff' }
	);
