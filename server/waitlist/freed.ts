import type { Transaction } from 'kysely';
import type { Locale } from '../../src/lib/shared/i18n';
import { isoWeekday } from '../../src/lib/shared/rules/dates';
import type { Database } from '../db/schema';
import { queuePlaceNotice, type WaitingEntry } from '../messages/notices';
import { findPrison } from '../prisons/repository';
import { slotPlaces } from './slot-places';
import { prisonName } from '../../src/lib/shared/welsh-text';

/*
 * "A place came up". Every path that gives places back calls this inside its own
 * transaction, after the change: a cancellation or a moved visit (releaseVisitPlace in
 * requests/places.ts), a closure lifted and capacity raised (schedule/timetable.ts). It
 * tells every device waiting for a slot that now has an open place, at once (no reservation:
 * first request wins), by writing push and email jobs in that same transaction. The place is
 * freed by exactly one transaction (the request row, or the prison row, is locked while it
 * does), so with any number of server processes each freed place is told exactly once, and
 * never for a change that rolled back.
 */

/** Which waiting entries a change may have freed places for. */
export type FreedWhere =
	/** One slot on one date (a visit's place given back). */
	| { date: string; start: string }
	/** Every slot on a date, or one slot on it (a closure lifted). */
	| { date: string; start?: undefined }
	/** A weekly slot on every coming date (its capacity raised in the timetable). */
	| { weekly: { weekday: number; start: string }[] };

/** `now`: the caller's clock, when its email jobs become due (the database's time when not given). */
export async function tellWaiting(trx: Transaction<Database>, prisonId: string, where: FreedWhere, now?: Date): Promise<number> {
	let query = trx
		.selectFrom('waitlistEntries')
		.select(['id', 'prisonId', 'deviceId', 'date', 'startTime', 'language', 'tellByEmail'])
		.where('prisonId', '=', prisonId)
		// Lock them: a visitor leaving at this moment either goes first (and is not told) or waits.
		.forUpdate();
	if ('weekly' in where) {
		if (where.weekly.length === 0) return 0;
		query = query.where(
			'startTime',
			'in',
			where.weekly.map((slot) => slot.start)
		);
	} else {
		query = query.where('date', '=', where.date);
		if (where.start !== undefined) query = query.where('startTime', '=', where.start);
	}
	let entries = await query.orderBy('createdAt').execute();
	if ('weekly' in where) {
		const wanted = new Set(where.weekly.map((slot) => `${slot.weekday}|${slot.start}`));
		entries = entries.filter((entry) => wanted.has(`${isoWeekday(entry.date)}|${entry.startTime}`));
	}
	if (entries.length === 0) return 0;

	const prison = await findPrison(trx, prisonId);
	let told = 0;
	const bySlot = new Map<string, typeof entries>();
	for (const entry of entries) {
		const key = `${entry.date}T${entry.startTime}`;
		bySlot.set(key, [...(bySlot.get(key) ?? []), entry]);
	}
	for (const waiting of bySlot.values()) {
		const { date, startTime } = waiting[0]!;
		const places = await slotPlaces(trx, prisonId, date, startTime);
		if (!places.inTimetable || places.closed || places.available < 1) continue;
		for (const entry of waiting) {
			await queuePlaceNotice(trx, { ...entry, language: entry.language as Locale } satisfies WaitingEntry, {
				prisonName: prison ? prisonName(prison, entry.language as Locale) : '',
				now
			});
			told += 1;
		}
	}
	return told;
}
