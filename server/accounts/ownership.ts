// Which devices a visit request belongs to: the one that made it, those that claimed it by reference
// (requests/claims.ts) and, while signed in, every device of the same account. Every read and action
// a device may take, and every message about a request, go through here.
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { devicesVisibleTo } from './accounts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * A where-clause for visit requests: made by a device visible to this one, or claimed onto one
 * (devicesVisibleTo: the device itself and, signed in, every device of its account).
 */
export function ownedBy(deviceId: string) {
	return (eb: ExpressionBuilder<Database, 'visitRequests'>) =>
		eb.or([
			devicesVisibleTo('visitRequests.deviceId', deviceId),
			eb.exists(
				eb
					.selectFrom('requestDevices')
					.select('requestDevices.requestId')
					.whereRef('requestDevices.requestId', '=', 'visitRequests.id')
					.where(devicesVisibleTo('requestDevices.deviceId', deviceId))
			)
		]);
}

export async function ownsRequest(db: Db, request: { id: string; deviceId: string }, deviceId: string): Promise<boolean> {
	if (request.deviceId === deviceId) return true;
	const owned = await db.selectFrom('visitRequests').select('id').where('id', '=', request.id).where(ownedBy(deviceId)).executeTakeFirst();
	return owned !== undefined;
}

/**
 * Every device a request belongs to, as ownedBy sees it from the other side: the one that made it,
 * those that claimed it, then every device signed in now to an account one of those was ever linked
 * to (each of them lists and acts on the request, so each is told about it).
 */
export async function deviceIdsOf(db: Db, requestId: string): Promise<string[]> {
	const [maker, claimed] = await Promise.all([
		db.selectFrom('visitRequests').select('deviceId').where('id', '=', requestId).executeTakeFirst(),
		db.selectFrom('requestDevices').select('deviceId').where('requestId', '=', requestId).orderBy('addedAt').execute()
	]);
	const owners = [...(maker ? [maker.deviceId] : []), ...claimed.map((c) => c.deviceId)];
	if (owners.length === 0) return [];
	const signedIn = await db
		.selectFrom('accountDevices')
		.select('deviceId')
		.where('unlinkedAt', 'is', null)
		.where('accountId', 'in', (eb) =>
			eb.selectFrom('accountDevices as linked').select('linked.accountId').where('linked.deviceId', 'in', owners)
		)
		.orderBy('linkedAt')
		.execute();
	return [...new Set([...owners, ...signedIn.map((d) => d.deviceId)])];
}
