import type { Kysely } from 'kysely';
import { t } from '../../src/lib/shared/i18n';
import { flagsFor, NO_RECORD, type Flag } from '../../src/lib/shared/rules/flags';
import type { ReviewReason, VisitRequest } from '../../src/lib/shared/answers';
import type { Database } from '../db/schema';
import { keyOf, loadFlagRecords, type PrisonerKey } from './repository';

/**
 * Adds `flags` to each request, computed now from the prisoners' records with the shared rules
 * (src/lib/shared/rules/flags.ts). A whole page costs the same four queries as one request.
 * A request waiting for staff also gets `review` in staff's words: the flags as they stand now,
 * and what else it was left to a person for when it arrived (the prison checks every request,
 * closed visits only).
 */
export async function withFlags<R extends VisitRequest>(db: Kysely<Database>, requests: R[]): Promise<(R & { flags: Flag[] })[]> {
	const keys: PrisonerKey[] = [];
	for (const request of requests) {
		if (request.prisoner && (request.status === 'requested' || request.status === 'booked')) {
			keys.push({ prisonId: request.prisonId, prisonerNumber: request.prisoner.prisonerNumber });
		}
	}
	const records = await loadFlagRecords(db, keys);
	return requests.map((request) => {
		const record = request.prisoner
			? records.get(keyOf({ prisonId: request.prisonId, prisonerNumber: request.prisoner.prisonerNumber }))
			: undefined;
		const flags = flagsFor(request, record ?? NO_RECORD);
		return request.review ? { ...request, flags, review: staffReview(request.review, flags) } : { ...request, flags };
	});
}

/** Reasons a flag does not compute when read: kept from when the request arrived. */
const STORED_REASONS: Record<string, () => string> = {
	request_mode: () => t('instant.reason.request_mode'),
	closed_visit: () => t('flags.tag.closed_visit')
};

function staffReview(stored: readonly ReviewReason[], flags: readonly Flag[]): ReviewReason[] {
	const live = flags.map((flag) => ({ code: flag.code, message: flag.message }));
	const kept = stored.filter((reason) => STORED_REASONS[reason.code] && !live.some((l) => l.code === reason.code));
	return [...live, ...kept.map((reason) => ({ code: reason.code, message: STORED_REASONS[reason.code]!() }))];
}
