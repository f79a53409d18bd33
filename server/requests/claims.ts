// A visit booked by staff (or made on another phone) can be added to a device by its reference and
// the lead visitor's date of birth. From then on it belongs to that device too (accounts/ownership.ts).
import type { Kysely } from 'kysely';
import type { ClaimInput } from '../../src/lib/shared/schemas-prisoners';
import type { VisitRequest } from '../../src/lib/shared/answers';
import type { Database } from '../db/schema';
import { NotFound } from '../domain-errors';
import { requestsQuery, toVisitRequest } from './repository';

/**
 * Adds the request with this reference to the device, if the lead visitor's date of birth matches.
 * Every wrong pair (no such reference, another date of birth, personal data purged) is the same 404.
 * Claiming again, or claiming a request the device made, is harmless.
 */
export async function claimRequest(db: Kysely<Database>, claim: ClaimInput & { deviceId: string; now: Date }): Promise<VisitRequest> {
	return db.transaction().execute(async (trx) => {
		const row = await requestsQuery(trx)
			.where('reference', '=', claim.reference)
			.where('purgedAt', 'is', null)
			.where((eb) =>
				eb.exists(
					eb
						.selectFrom('requestVisitors')
						.select('requestVisitors.requestId')
						.whereRef('requestVisitors.requestId', '=', 'visitRequests.id')
						.where('requestVisitors.position', '=', 0)
						.where('requestVisitors.dateOfBirth', '=', claim.leadVisitorDateOfBirth)
				)
			)
			.executeTakeFirst();
		if (!row) throw new NotFound('api.claim.notFound');
		if (row.deviceId !== claim.deviceId) {
			await trx
				.insertInto('requestDevices')
				.values({ requestId: row.id, deviceId: claim.deviceId, addedAt: claim.now })
				.onConflict((oc) => oc.columns(['requestId', 'deviceId']).doNothing())
				.execute();
		}
		return toVisitRequest(trx, row);
	});
}
