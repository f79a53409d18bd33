// A visit booked by staff (or made on another phone) can be added to a device by its reference and
// the lead visitor's date of birth. From then on it belongs to that device too: every read and
// action a device may take, and every push about the request, go through ownership here.
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { ClaimInput } from '../../src/lib/shared/schemas-prisoners';
import type { VisitRequest } from '../../src/lib/shared/types';
import type { Database } from '../db/schema';
import { NotFound } from '../domain-errors';
import { requestsQuery, toVisitRequest } from './repository';

type Db = Kysely<Database> | Transaction<Database>;

/** A where-clause for visit requests: made by this device, or claimed onto it. */
export function ownedBy(deviceId: string) {
	return (eb: ExpressionBuilder<Database, 'visitRequests'>) =>
		eb.or([
			eb('visitRequests.deviceId', '=', deviceId),
			eb.exists(
				eb
					.selectFrom('requestDevices')
					.select('requestDevices.requestId')
					.whereRef('requestDevices.requestId', '=', 'visitRequests.id')
					.where('requestDevices.deviceId', '=', deviceId)
			)
		]);
}

export async function ownsRequest(db: Db, request: { id: string; deviceId: string }, deviceId: string): Promise<boolean> {
	if (request.deviceId === deviceId) return true;
	const claimed = await db
		.selectFrom('requestDevices')
		.select('requestId')
		.where('requestId', '=', request.id)
		.where('deviceId', '=', deviceId)
		.executeTakeFirst();
	return claimed !== undefined;
}

/** Every device a request belongs to: the one that made it, then those that claimed it. */
export async function deviceIdsOf(db: Db, requestId: string): Promise<string[]> {
	const [maker, claimed] = await Promise.all([
		db.selectFrom('visitRequests').select('deviceId').where('id', '=', requestId).executeTakeFirst(),
		db.selectFrom('requestDevices').select('deviceId').where('requestId', '=', requestId).orderBy('addedAt').execute()
	]);
	return [...new Set([...(maker ? [maker.deviceId] : []), ...claimed.map((c) => c.deviceId)])];
}

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
