// Every staff read of a request's personal data is recorded (PRODUCT.md, Privacy): who, which
// request, which view, when. One insert per read; a list is one multi-row insert, so the queue
// costs one statement more, whatever its length.
import type { Kysely } from 'kysely';
import type { RequestRead } from '../../src/lib/shared/schemas-privacy';
import type { Database } from '../db/schema';

export type ReadView = 'request' | 'queue' | 'day-list' | 'record';

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

/** Reads by the same person of the same view within this long of their first are shown as one line. */
export const READ_FOLD_MINUTES = 5;

/**
 * The request's reads as its history shows them: every read is stored, but a person opening the same
 * view again within a few minutes (a reload, the page refreshing itself) is one line, with how many
 * more times and until when, so the list says who looked rather than how often a page refreshed.
 */
export async function readsOf(db: Kysely<Database>, requestId: string): Promise<RequestRead[]> {
	const rows = await db
		.selectFrom('requestReads')
		.select(['staffName', 'what', 'at'])
		.where('requestId', '=', requestId)
		.orderBy('id')
		.execute();
	const shown: RequestRead[] = [];
	const open = new Map<string, { read: RequestRead; first: number }>();
	for (const row of rows) {
		const key = `${row.staffName ?? ''}|${row.what}`;
		const at = row.at.getTime();
		const group = open.get(key);
		if (group && at - group.first <= READ_FOLD_MINUTES * 60_000) {
			group.read.repeats = (group.read.repeats ?? 0) + 1;
			group.read.until = row.at.toISOString();
			continue;
		}
		const read: RequestRead = { staffName: row.staffName, what: row.what as RequestRead['what'], at: row.at.toISOString() };
		open.set(key, { read, first: at });
		shown.push(read);
	}
	return shown;
}
