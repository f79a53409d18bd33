import { t } from '../shared/i18n';
import { ClaimInput } from '../shared/schemas-prisoners';
import { parseInput } from '../shared/validation';
import { callApi } from '../client/api';
import { fetchPrisons, cachedPrisonRow } from '../client/cached-reads';
import type { ApiFailure } from '../client/api-result';
import type { BookAPrisonVisitDb } from '../client/db';
import { mergeServerRequests } from '../client/requests';
import type { VisitRequest } from '../shared/answers';
import { toLocalDate, type DateFields } from './date-fields';

/*
 * "Add a visit you booked by phone": the reference staff read out and the lead visitor's date of
 * birth. The server then counts the visit as this phone's too, so it is stored here like one the
 * phone sent (and "Your visits" shows it, offline as well).
 */

export interface ClaimForm {
	reference: string;
	dateOfBirth: DateFields;
}

export function checkClaim(form: ClaimForm): { ok: true; body: ClaimInput } | { ok: false; errors: Record<string, string> } {
	const parsed = parseInput(ClaimInput, { reference: form.reference, leadVisitorDateOfBirth: toLocalDate(form.dateOfBirth) });
	if (parsed.ok) return { ok: true, body: parsed.value };
	const errors: Record<string, string> = {};
	if (parsed.fields.reference) errors['claim-reference'] = parsed.fields.reference;
	if (parsed.fields.leadVisitorDateOfBirth) errors['claim-dateOfBirth-day'] = parsed.fields.leadVisitorDateOfBirth;
	return { ok: false, errors };
}

export async function claimVisit(db: BookAPrisonVisitDb, body: ClaimInput): Promise<{ ok: true; id: string } | ApiFailure> {
	const answer = await callApi((api) => api['visit-requests'].claim.$post({ json: body }), { auth: 'device', db });
	if (!answer.ok) return answer;
	const result = { ...answer, data: answer.data as unknown as VisitRequest | undefined };
	if (!result.data?.id) return { ok: false, status: result.status, code: 'unexpected_response', message: t('sync.error.unexpected') };
	await mergeServerRequests(db, [result.data]);
	// The prison's name and address for the visit's page, kept for offline use.
	if (!(await cachedPrisonRow(db, result.data.prisonId))) await fetchPrisons(db);
	return { ok: true, id: result.data.id };
}
