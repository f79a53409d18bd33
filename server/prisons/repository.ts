import { sql, type Kysely, type Transaction } from 'kysely';
import type { PrisonRules } from '../../src/lib/shared/domain';
import { slotUsageKey, type PastTimetable, type SlotUsage } from '../../src/lib/shared/rules/calendar';
import { addDays, type LocalDate } from '../../src/lib/shared/rules/dates';
import type { Closure, Prison, TimetableSlot } from '../../src/lib/shared/answers';
import type { Database } from '../db/schema';
import { CALENDAR_CHANNEL, noteCalendarWrite } from './calendar-changes';

type Db = Kysely<Database> | Transaction<Database>;

export interface PrisonRecord extends Prison {
	retentionDays: number;
	calendarVersion: number;
}

/** The columns of a PrisonRecord: one list for every read of a prison (also the submit's one-statement read). */
export const PRISON_COLUMNS = [
	'id',
	'code',
	'name',
	'address',
	'visitorInfo',
	'timeZone',
	'leadDays',
	'horizonDays',
	'maxVisitors',
	'maxAdults',
	'adultAge',
	'retentionDays',
	'calendarVersion',
	'onlineBooking',
	'onlineBookingMessage',
	'bookingMode',
	'nameCy',
	'addressCy',
	'visitorInfoCy'
] as const satisfies readonly (keyof PrisonRecord)[];

export async function listPrisons(db: Db): Promise<PrisonRecord[]> {
	return db.selectFrom('prisons').select(PRISON_COLUMNS).orderBy('name').execute();
}

export async function findPrison(db: Db, prisonId: string): Promise<PrisonRecord | undefined> {
	return db.selectFrom('prisons').select(PRISON_COLUMNS).where('id', '=', prisonId).executeTakeFirst();
}

/** What devices see of a prison: its public details and rules. */
export function publicPrison(prison: PrisonRecord): Prison {
	const { retentionDays: _retention, calendarVersion: _version, ...visible } = prison;
	return visible;
}

export function rulesOf(prison: PrisonRecord): PrisonRules {
	const { timeZone, leadDays, horizonDays, maxVisitors, maxAdults, adultAge } = prison;
	return { timeZone, leadDays, horizonDays, maxVisitors, maxAdults, adultAge };
}

export async function loadTimetable(db: Db, prisonId: string): Promise<TimetableSlot[]> {
	const rows = await db
		.selectFrom('timetableSlots')
		.select(['weekday', 'startTime', 'endTime', 'capacity', 'closedCapacity'])
		.where('prisonId', '=', prisonId)
		.orderBy('weekday')
		.orderBy('startTime')
		.execute();
	return rows.map(toTimetableSlot);
}

/** The timetables in force before the current one on any day from `from` to `to`. */
export async function loadPastTimetables(db: Db, prisonId: string, from: LocalDate, to: LocalDate): Promise<PastTimetable[]> {
	const rows = await db
		.selectFrom('timetableHistory')
		.select(['validFrom', 'validUntil', 'slots'])
		.where('prisonId', '=', prisonId)
		.where('validUntil', '>=', from)
		.where((eb) => eb.or([eb('validFrom', 'is', null), eb('validFrom', '<=', to)]))
		.orderBy('validUntil')
		.execute();
	return rows.map((row) => ({ from: row.validFrom, until: row.validUntil, slots: row.slots }));
}

/** The first day the current timetable is in force: the day after the last one kept ended (null: always). */
export async function currentTimetableFrom(db: Db, prisonId: string): Promise<LocalDate | null> {
	const row = await db
		.selectFrom('timetableHistory')
		.select((eb) => eb.fn.max('validUntil').as('lastUntil'))
		.where('prisonId', '=', prisonId)
		.executeTakeFirst();
	return row?.lastUntil ? addDays(row.lastUntil, 1) : null;
}

/** A timetable row as the rules use it. */
export function toTimetableSlot(r: {
	weekday: number;
	startTime: string;
	endTime: string;
	capacity: number;
	closedCapacity: number;
}): TimetableSlot {
	return {
		weekday: r.weekday,
		start: r.startTime,
		end: r.endTime,
		capacity: r.capacity,
		...(r.closedCapacity > 0 ? { closedCapacity: r.closedCapacity } : {})
	};
}

export async function loadClosures(db: Db, prisonId: string, from: LocalDate, to: LocalDate): Promise<Closure[]> {
	const rows = await db
		.selectFrom('closures')
		.select(['date', 'startTime', 'reason', 'reasonCy'])
		.where('prisonId', '=', prisonId)
		.where('date', '>=', from)
		.where('date', '<=', to)
		.orderBy('date')
		.execute();
	return rows.map(toClosure);
}

/** A closure row as the rules use it: the whole day when it has no start time. */
export function toClosure(r: { date: string; startTime: string | null; reason: string; reasonCy?: string | null }): Closure {
	const welsh = r.reasonCy ? { reasonCy: r.reasonCy } : {};
	return r.startTime === null
		? { date: r.date, reason: r.reason, ...welsh }
		: { date: r.date, start: r.startTime, reason: r.reason, ...welsh };
}

/** Booked visits per slot in a date range, from the counters that confirms and cancels keep. */
export async function loadUsage(db: Db, prisonId: string, from: LocalDate, to: LocalDate): Promise<SlotUsage> {
	const rows = await db
		.selectFrom('slotUsage')
		.select(['date', 'startTime', 'booked'])
		.where('prisonId', '=', prisonId)
		.where('date', '>=', from)
		.where('date', '<=', to)
		.where('booked', '>', 0)
		.execute();
	return new Map(rows.map((r) => [slotUsageKey(r.date, r.startTime), r.booked]));
}

/**
 * Every write that changes what the calendar shows (a booking, a cancellation, a timetable or
 * closure edit) bumps this in its own transaction, so calendar caches in every server process
 * can tell they are stale with one primary-key read, and announces it (calendar-changes.ts) so
 * caches that are listening know without that read.
 */
export async function bumpCalendarVersion(trx: Transaction<Database>, prisonId: string): Promise<void> {
	noteCalendarWrite(prisonId);
	// One round trip: the bump, and its announcement (calendar-changes.ts) from the row it bumped.
	await sql`with bumped as (update prisons set calendar_version = calendar_version + 1 where id = ${prisonId} returning id)
		select pg_notify(${CALENDAR_CHANNEL}, bumped.id::text) from bumped`.execute(trx);
}
