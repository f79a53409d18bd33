import type { WaitlistEntry } from '../shared/schemas-waitlist';
import { waitlistOrderKey } from './commands';
import { getMeta, META, setMeta, type BookAPrisonVisitDb, type OutboxItem } from './db';

/*
 * The device's copy of the server's waiting list (`meta`), kept so that a join or leave never
 * flickers: the server's answer to a join or leave goes into the copy in the same transaction as
 * the outbox item is marked done, and a list fetched before that answer never overwrites it.
 */

const keyOf = (entry: { prisonId: string; date: string; start: string }) => waitlistOrderKey(entry.prisonId, entry);

/** A mark to take before asking for the list, for `storeServerWaitlist`. */
export async function waitlistMark(db: BookAPrisonVisitDb): Promise<number> {
	return (await getMeta<number>(db, META.waitlistAcknowledged)) ?? 0;
}

/**
 * Stores the list GET /api/waitlist returned, unless a join or leave was acknowledged since
 * `mark` was taken: that list may predate it, and the copy already holds the change.
 */
export async function storeServerWaitlist(db: BookAPrisonVisitDb, entries: readonly WaitlistEntry[], mark: number): Promise<boolean> {
	return db.transaction('rw', db.meta, async () => {
		if ((await waitlistMark(db)) !== mark) return false;
		await setMeta(db, META.waitlist, entries);
		return true;
	});
}

function isEntry(data: unknown): data is WaitlistEntry {
	if (typeof data !== 'object' || data === null) return false;
	const entry = data as Record<string, unknown>;
	return ['id', 'prisonId', 'date', 'start'].every((field) => typeof entry[field] === 'string');
}

/**
 * Lays the server's answer to a join (the entry) or a leave (204) over the copy. Called inside
 * the transaction that settles the outbox item, which must include `db.meta`.
 */
export async function applyWaitlistAnswer(db: BookAPrisonVisitDb, item: OutboxItem, data: unknown): Promise<void> {
	if (item.kind !== 'waitlist-join' && item.kind !== 'waitlist-leave') return;
	if (item.kind === 'waitlist-join' && !isEntry(data)) return;
	const copy = ((await getMeta<WaitlistEntry[]>(db, META.waitlist)) ?? []).filter((entry) => keyOf(entry) !== item.orderKey);
	if (item.kind === 'waitlist-join' && isEntry(data)) copy.push(data);
	await setMeta(db, META.waitlist, copy);
	await setMeta(db, META.waitlistAcknowledged, (await waitlistMark(db)) + 1);
}
