import type { Kysely } from 'kysely';
import { flagsFor, NO_RECORD, type Flag } from '../../src/lib/shared/rules/flags';
import type { VisitRequest } from '../../src/lib/shared/types';
import type { Database } from '../db/schema';
import { keyOf, loadFlagRecords, type PrisonerKey } from './repository';

/**
 * Adds `flags` to each request, computed now from the prisoners' records with the shared rules
 * (src/lib/shared/rules/flags.ts). A whole page costs the same three queries as one request.
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
		return { ...request, flags: flagsFor(request, record ?? NO_RECORD) };
	});
}
