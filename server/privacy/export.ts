// "Download your data" (PRODUCT.md, Privacy): everything the service holds for one device, and
// nothing of any other device's.
import type { Kysely } from 'kysely';
import type { DataExport } from '../../src/lib/shared/schemas-privacy';
import type { Database } from '../db/schema';
import { ownedBy } from '../accounts/ownership';
import { history, requestsQuery, toVisitRequests } from '../requests/repository';
import { listWaitlist } from '../waitlist/entries';
import { accountOfDevice, savedVisitors } from '../accounts/accounts';

export async function exportDevice(db: Kysely<Database>, deviceId: string, now: Date): Promise<DataExport> {
	const device = await db
		.selectFrom('visitorDevices')
		.select(['createdAt', 'lastSeenAt'])
		.where('id', '=', deviceId)
		.executeTakeFirstOrThrow();
	const accountId = await accountOfDevice(db, deviceId);
	const rows = await requestsQuery(db).where(ownedBy(deviceId)).orderBy('createdAt').orderBy('id').execute();
	const requests = await toVisitRequests(db, rows);
	const histories = await Promise.all(requests.map((r) => history(db, r.id)));
	const subscriptions = await db
		.selectFrom('pushSubscriptions')
		.select(['endpoint', 'createdAt'])
		.where('deviceId', '=', deviceId)
		.orderBy('createdAt')
		.execute();
	return {
		exportedAt: now.toISOString(),
		device: { firstSeenAt: device.createdAt.toISOString(), lastSeenAt: device.lastSeenAt.toISOString() },
		requests: requests.map((request, i) => ({ ...request, history: histories[i] ?? [] })),
		pushSubscriptions: subscriptions.map((s) => ({ endpoint: s.endpoint, createdAt: s.createdAt.toISOString() })),
		waitingList: await listWaitlist(db, deviceId, now),
		account: accountId ? { signedIn: true, visitors: await savedVisitors(db, accountId) } : { signedIn: false, visitors: [] }
	};
}
