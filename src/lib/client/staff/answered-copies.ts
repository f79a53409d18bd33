import type { Closure, TimetableSlot } from '../../shared/answers';
import type { Ban } from '../../shared/rules/flags';
import type { BookAPrisonVisitDb, OutboxItem, OutboxKind } from '../db';
import { STAFF_META, readStaffMeta, writeStaffMeta } from './staff-meta';

/*
 * The tablet's copies of what officers change through the outbox (a prison's timetable and
 * closures, a prisoner's record), kept so that a change never flickers: the server's answer to it
 * goes into the copy in the same transaction as the outbox item is marked done, and a copy
 * fetched before that answer never overwrites it. Otherwise the page would show the change as
 * queued, lose it when the item is done (the old copy, nothing queued), then show it again when
 * the next refresh lands.
 */

export interface PrisonSettings {
	slots: TimetableSlot[];
	closures: Closure[];
	fetchedAt: number;
}

export const settingsKey = (prisonId: string) => `${STAFF_META.settingsPrefix}${prisonId}`;
export const recordKey = (prisonId: string, prisonerNumber: string) => `${STAFF_META.prisonerPrefix}${prisonId}|${prisonerNumber}`;
const markKey = (copyKey: string) => `${copyKey}${STAFF_META.acknowledgedSuffix}`;

/** A mark to take before asking the server for a copy, for `storeServerCopy`. */
export async function copyMark(db: BookAPrisonVisitDb, copyKey: string): Promise<number> {
	return (await readStaffMeta<number>(db, markKey(copyKey))) ?? 0;
}

/**
 * Stores what the server sent, unless a change to that copy was acknowledged since `mark` was
 * taken: what was sent may predate it, and the copy already holds the change.
 */
export async function storeServerCopy(db: BookAPrisonVisitDb, copyKey: string, value: unknown, mark: number): Promise<boolean> {
	return db.transaction('rw', db.meta, async () => {
		if ((await copyMark(db, copyKey)) !== mark) return false;
		await writeStaffMeta(db, copyKey, value);
		return true;
	});
}

const isObject = (data: unknown): data is Record<string, unknown> => typeof data === 'object' && data !== null;

/** A closure is one day, or one time on a day: that pair names it, on the tablet and on the server. */
export const closureKey = (closure: Pick<Closure, 'date' | 'start'>) => `${closure.date}|${closure.start ?? ''}`;

const sameClosure = (a: Pick<Closure, 'date' | 'start'>, b: Pick<Closure, 'date' | 'start'>) => closureKey(a) === closureKey(b);

/** The closure a POST answered with, without what the answer adds (the visits it cancelled). */
function closureOf(data: unknown): Closure | null {
	if (!isObject(data) || typeof data.date !== 'string' || typeof data.reason !== 'string') return null;
	return {
		date: data.date,
		reason: data.reason,
		...(typeof data.start === 'string' ? { start: data.start } : {}),
		...(typeof data.reasonCy === 'string' ? { reasonCy: data.reasonCy } : {})
	};
}

function settingsAnswer(item: OutboxItem, data: unknown, copy: PrisonSettings): PrisonSettings {
	if (item.kind === 'staff-timetable') {
		return isObject(data) && Array.isArray(data.slots) ? { ...copy, slots: data.slots as TimetableSlot[] } : copy;
	}
	if (item.kind === 'staff-closure-add') {
		const added = closureOf(data);
		return added ? { ...copy, closures: [...copy.closures.filter((closure) => !sameClosure(closure, added)), added] } : copy;
	}
	const removed = item.body as Pick<Closure, 'date' | 'start'>;
	return { ...copy, closures: copy.closures.filter((closure) => !sameClosure(closure, removed)) };
}

/** The part of a cached prisoner's record an answer changes. */
interface RecordCopy {
	record: { prisonerNumber: string; bans: Ban[] };
	fetchedAt: number;
}

export const banIdOfPath = (path: string) => decodeURIComponent(path.split('/').at(-1) ?? '');

function recordAnswer(item: OutboxItem, data: unknown, copy: RecordCopy): RecordCopy {
	if (item.kind === 'staff-allowance') {
		// The answer is the whole record as it is now.
		return isObject(data) && typeof data.prisonerNumber === 'string' ? { ...copy, record: data as unknown as RecordCopy['record'] } : copy;
	}
	if (item.kind === 'staff-ban-add') {
		if (!isObject(data) || typeof data.id !== 'string') return copy;
		const added = data as unknown as Ban;
		return { ...copy, record: { ...copy.record, bans: [...copy.record.bans.filter((ban) => ban.id !== added.id), added] } };
	}
	const removed = banIdOfPath(item.path);
	return { ...copy, record: { ...copy.record, bans: copy.record.bans.filter((ban) => ban.id !== removed) } };
}

const SETTINGS_CHANGES = new Set<OutboxKind>(['staff-timetable', 'staff-closure-add', 'staff-closure-remove']);
const RECORD_CHANGES = new Set<OutboxKind>(['staff-allowance', 'staff-ban-add', 'staff-ban-remove']);

/** The copy an item's answer lands in (found from the item's order key: commands.ts), and how. */
function copyOf(item: OutboxItem): { key: string; apply: (copy: unknown, data: unknown) => unknown } | null {
	const colon = item.orderKey.indexOf(':');
	const scope = item.orderKey.slice(0, colon);
	const id = item.orderKey.slice(colon + 1);
	if (SETTINGS_CHANGES.has(item.kind) && scope === 'prison')
		return { key: settingsKey(id), apply: (copy, data) => settingsAnswer(item, data, copy as PrisonSettings) };
	if (RECORD_CHANGES.has(item.kind) && scope === 'prisoner')
		return { key: `${STAFF_META.prisonerPrefix}${id}`, apply: (copy, data) => recordAnswer(item, data, copy as RecordCopy) };
	return null;
}

/**
 * Lays the server's answer to an officer's change over the copy it changes. Called inside the
 * transaction that settles the outbox item, which must include `db.meta`.
 */
export async function applyStaffAnswer(db: BookAPrisonVisitDb, item: OutboxItem, data: unknown): Promise<void> {
	const target = copyOf(item);
	if (!target) return;
	// Whatever the copy holds, one fetched before this answer is older than it.
	await writeStaffMeta(db, markKey(target.key), (await copyMark(db, target.key)) + 1);
	const copy = await readStaffMeta<unknown>(db, target.key);
	if (copy !== undefined) await writeStaffMeta(db, target.key, target.apply(copy, data));
}
