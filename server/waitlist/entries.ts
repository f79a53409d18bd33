import type { Kysely } from 'kysely';
import { currentLocale, plural, t, type Locale, type MessageKey, type MessageParams } from '../../src/lib/shared/i18n';
import { bookingWindow, isWithinWindow } from '../../src/lib/shared/rules/booking-window';
import { findTimetableSlot, hasStarted } from '../../src/lib/shared/rules/calendar';
import { formatDateShort } from '../../src/lib/shared/format';
import { instantOf } from '../../src/lib/shared/rules/dates';
import type { WaitlistEntry, WaitlistInput } from '../../src/lib/shared/schemas-waitlist';
import type { Database } from '../db/schema';
import { Conflict, NotFound, RuleProblems } from '../domain-errors';
import { findPrison, loadTimetable } from '../prisons/repository';
import { slotPlaces } from './slot-places';

/*
 * A device's waiting list: join a full slot, leave it, read what it waits for. Always
 * scoped to the device: another device's entry is never read, listed or removed.
 */

/** Enough for a family trying several weeks and times; far from a device filling a table. */
export const MAX_WAITING_PER_DEVICE = 20;

export interface WaitlistAction {
	prisonId: string;
	deviceId: string;
	slot: WaitlistInput;
	now: Date;
}

/**
 * Joins the waiting list for a full slot. 201 the first time, 200 (the same entry) after, so a
 * replay from the outbox is harmless. 422 for a slot that cannot be booked at all (not in the
 * timetable, closed, started, outside the booking window), 409 for one that has places.
 */
export async function joinWaitlist(
	db: Kysely<Database>,
	action: WaitlistAction & { language: Locale; tellByEmail: boolean }
): Promise<{ entry: WaitlistEntry; created: boolean }> {
	const { prisonId, deviceId, slot, now } = action;
	return db.transaction().execute(async (trx) => {
		const prison = await findPrison(trx, prisonId);
		if (!prison) throw new NotFound('api.prison.notFound');
		const existing = await entriesQuery(trx, deviceId)
			.where('w.prisonId', '=', prisonId)
			.where('w.date', '=', slot.date)
			.where('w.startTime', '=', slot.start)
			.executeTakeFirst();
		if (existing) return { entry: toEntry(existing, await loadTimetable(trx, prisonId)), created: false };

		// Lock the slot's usage row (made at 0 if the slot has no bookings yet): a cancellation
		// giving a place back updates this row, so it either commits before this reads it (and this
		// answers 409, book it) or after this entry is stored (and tells it).
		await trx
			.insertInto('slotUsage')
			.values({ prisonId, date: slot.date, startTime: slot.start, booked: 0 })
			.onConflict((oc) => oc.columns(['prisonId', 'date', 'startTime']).doNothing())
			.execute();
		await trx
			.selectFrom('slotUsage')
			.select('booked')
			.where('prisonId', '=', prisonId)
			.where('date', '=', slot.date)
			.where('startTime', '=', slot.start)
			.forUpdate()
			.executeTakeFirst();

		const places = await slotPlaces(trx, prisonId, slot.date, slot.start);
		// Every problem of the slot at once; the first one is the answer's message too.
		const problems: { field: 'date' | 'start'; key: MessageKey; params?: MessageParams }[] = [];
		const window = bookingWindow(prison, now);
		if (!isWithinWindow(slot.date, window)) {
			problems.push({
				field: 'date',
				key: 'validation.slot.outOfWindow',
				params: { from: formatDateShort(window.from), to: formatDateShort(window.to) }
			});
		}
		if (!places.inTimetable) problems.push({ field: 'start', key: 'validation.slot.unknown' });
		else if (places.closed) problems.push({ field: places.closed === 'day' ? 'date' : 'start', key: 'validation.slot.closed' });
		else if (hasStarted(slot.date, slot.start, prison.timeZone, now)) problems.push({ field: 'start', key: 'validation.slot.past' });
		const [first] = problems;
		if (first) {
			const fields = Object.fromEntries(problems.map((p) => [p.field, t(p.key, p.params)]));
			throw new RuleProblems(first.key, { params: first.params, fields });
		}
		if (places.available > 0) {
			throw new Conflict('api.waitlist.hasPlaces', { code: 'slot_has_places', details: { available: places.available }, field: 'start' });
		}

		const count = await trx
			.selectFrom('waitlistEntries')
			.select((eb) => eb.fn.countAll<number>().as('count'))
			.where('deviceId', '=', deviceId)
			.where('startsAt', '>', now)
			.executeTakeFirstOrThrow();
		if (Number(count.count) >= MAX_WAITING_PER_DEVICE) {
			throw new Conflict(plural(currentLocale(), MAX_WAITING_PER_DEVICE, 'api.waitlist.tooMany'), {
				params: { count: MAX_WAITING_PER_DEVICE },
				code: 'waitlist_too_many',
				details: { max: MAX_WAITING_PER_DEVICE }
			});
		}

		const inserted = await trx
			.insertInto('waitlistEntries')
			.values({
				prisonId,
				deviceId,
				date: slot.date,
				startTime: slot.start,
				startsAt: instantOf(slot.date, slot.start, prison.timeZone),
				language: action.language,
				tellByEmail: action.tellByEmail,
				createdAt: now
			})
			// Two joins of the same slot from one device at once: the second finds the first's.
			.onConflict((oc) => oc.columns(['deviceId', 'prisonId', 'date', 'startTime']).doNothing())
			.returning('id')
			.executeTakeFirst();
		const row = await entriesQuery(trx, deviceId)
			.where('w.prisonId', '=', prisonId)
			.where('w.date', '=', slot.date)
			.where('w.startTime', '=', slot.start)
			.executeTakeFirstOrThrow();
		return { entry: toEntry(row, await loadTimetable(trx, prisonId)), created: inserted !== undefined };
	});
}

/** Leaves the waiting list for a slot. Leaving what the device is not on is harmless (a replayed leave). */
export async function leaveWaitlist(db: Kysely<Database>, action: Omit<WaitlistAction, 'now'>): Promise<void> {
	await db
		.deleteFrom('waitlistEntries')
		.where('deviceId', '=', action.deviceId)
		.where('prisonId', '=', action.prisonId)
		.where('date', '=', action.slot.date)
		.where('startTime', '=', action.slot.start)
		.execute();
}

/** What the device waits for, soonest first; entries whose slot has started are over even before the lifecycle job removes them. */
export async function listWaitlist(db: Kysely<Database>, deviceId: string, now: Date): Promise<WaitlistEntry[]> {
	const rows = await entriesQuery(db, deviceId)
		.where('w.startsAt', '>', now)
		.orderBy('w.startsAt')
		.limit(MAX_WAITING_PER_DEVICE * 2)
		.execute();
	const timetables = new Map<string, Awaited<ReturnType<typeof loadTimetable>>>();
	const entries: WaitlistEntry[] = [];
	for (const row of rows) {
		if (!timetables.has(row.prisonId)) timetables.set(row.prisonId, await loadTimetable(db, row.prisonId));
		entries.push(toEntry(row, timetables.get(row.prisonId)!));
	}
	return entries;
}

/** Ends the entries whose slot has started (the lifecycle job, every process: a delete is safe twice). */
export async function endStartedEntries(db: Kysely<Database>, now: Date): Promise<number> {
	const result = await db.deleteFrom('waitlistEntries').where('startsAt', '<=', now).executeTakeFirst();
	return Number(result.numDeletedRows);
}

function entriesQuery(db: Kysely<Database>, deviceId: string) {
	return db
		.selectFrom('waitlistEntries as w')
		.innerJoin('prisons as p', 'p.id', 'w.prisonId')
		.select(['w.id', 'w.prisonId', 'p.name as prisonName', 'w.date', 'w.startTime', 'w.createdAt'])
		.where('w.deviceId', '=', deviceId);
}

type EntryRow = { id: string; prisonId: string; prisonName: string; date: string; startTime: string; createdAt: Date };

function toEntry(row: EntryRow, timetable: Awaited<ReturnType<typeof loadTimetable>>): WaitlistEntry {
	const end = findTimetableSlot(timetable, row.date, row.startTime)?.end ?? row.startTime;
	return {
		id: row.id,
		prisonId: row.prisonId,
		prisonName: row.prisonName,
		date: row.date,
		start: row.startTime,
		end,
		createdAt: new Date(row.createdAt).toISOString()
	};
}
