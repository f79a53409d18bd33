// Every staff read of a request's personal data is recorded (PRODUCT.md, Privacy): who, which
// request, which view, when. One insert per read; a list is one multi-row insert, so the queue
// costs one statement more, whatever its length.
import type { Kysely } from 'kysely';
import type { RequestRead } from '../../src/lib/shared/schemas-privacy';
import type { Database } from '../db/schema';

export type ReadView = 'request' | 'queue' | 'day-list';

export async function recordReads(
	db: Kysely<Database>,
	staff: { id: string; name: string },
	what: ReadView,
	requestIds: readonly string[],
	now: Date
): Promise<void> {
	if (requestIds.length === 0) return;
	await db
		.insertInto('requestReads')
		.values(requestIds.map((requestId) => ({ requestId, staffId: staff.id, staffName: staff.name, what, at: now })))
		.execute();
}

export async function readsOf(db: Kysely<Database>, requestId: string): Promise<RequestRead[]> {
	const rows = await db
		.selectFrom('requestReads')
		.select(['staffName', 'what', 'at'])
		.where('requestId', '=', requestId)
		.orderBy('id')
		.execute();
	return rows.map((r) => ({ staffName: r.staffName, what: r.what as RequestRead['what'], at: r.at.toISOString() }));
}
