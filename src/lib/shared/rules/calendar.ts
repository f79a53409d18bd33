import type { CalendarDay, CalendarSlot, Closure, TimetableSlot } from '../answers';
import { isWithinWindow, type BookingWindow } from './booking-window';
import { eachDate, instantOf, isoWeekday, type LocalDate, type TimeOfDay } from './dates';

/** Booked visits per slot, keyed by slotUsageKey(date, start). */
export type SlotUsage = ReadonlyMap<string, number>;

export const slotUsageKey = (date: LocalDate, start: TimeOfDay): string => `${date}T${start}`;

/** A weekly timetable no longer in force, and the days it was: `from` null means since the prison's first. */
export interface PastTimetable {
	from: LocalDate | null;
	until: LocalDate;
	slots: readonly TimetableSlot[];
}

export interface CalendarInput {
	/** The timetable in force now (from the day it was saved on). */
	timetable: readonly TimetableSlot[];
	/** Timetables in force before it: a past date's places are those of its own time. */
	past?: readonly PastTimetable[];
	closures: readonly Closure[];
	usage: SlotUsage;
	/** Closed places taken per slot (same keys as usage); absent: none. */
	closedVisitUsage?: SlotUsage;
	window: BookingWindow;
	timeZone: string;
	now: Date;
	from: LocalDate;
	to: LocalDate;
}

/** The weekly timetable in force on `date`: the past one whose days include it, else the current one. */
export function timetableInForce(
	current: readonly TimetableSlot[],
	past: readonly PastTimetable[] | undefined,
	date: LocalDate
): readonly TimetableSlot[] {
	return past?.find((period) => (period.from === null || period.from <= date) && date <= period.until)?.slots ?? current;
}

/** The timetable's slots for one date, earliest first. */
export function timetableFor(timetable: readonly TimetableSlot[], date: LocalDate): TimetableSlot[] {
	const weekday = isoWeekday(date);
	return timetable.filter((slot) => slot.weekday === weekday).sort((a, b) => a.start.localeCompare(b.start));
}

export function findTimetableSlot(timetable: readonly TimetableSlot[], date: LocalDate, start: TimeOfDay): TimetableSlot | undefined {
	return timetableFor(timetable, date).find((slot) => slot.start === start);
}

export function closureFor(closures: readonly Closure[], date: LocalDate, start?: TimeOfDay): Closure | undefined {
	return (
		closures.find((c) => c.date === date && c.start === undefined) ??
		(start === undefined ? undefined : closures.find((c) => c.date === date && c.start === start))
	);
}

export function hasStarted(date: LocalDate, start: TimeOfDay, timeZone: string, now: Date): boolean {
	return instantOf(date, start, timeZone).getTime() <= now.getTime();
}

/** One calendar slot: capacity minus what is booked, bookable only when open, future, in the window and not full. */
export function calendarSlot(
	slot: TimetableSlot,
	date: LocalDate,
	input: Pick<CalendarInput, 'closures' | 'usage' | 'closedVisitUsage' | 'window' | 'timeZone' | 'now'>
): CalendarSlot {
	const booked = input.usage.get(slotUsageKey(date, slot.start)) ?? 0;
	const available = Math.max(0, slot.capacity - booked);
	const closure = closureFor(input.closures, date, slot.start);
	const bookable =
		!closure && available > 0 && isWithinWindow(date, input.window) && !hasStarted(date, slot.start, input.timeZone, input.now);
	const result: CalendarSlot = { start: slot.start, end: slot.end, capacity: slot.capacity, booked, available, bookable };
	if (closure) {
		result.closed = true;
		result.closedReason = closure.reason;
		if (closure.reasonCy) result.closedReasonCy = closure.reasonCy;
	}
	if (slot.closedCapacity) {
		result.closedCapacity = slot.closedCapacity;
		result.closedBooked = input.closedVisitUsage?.get(slotUsageKey(date, slot.start)) ?? 0;
	}
	return result;
}

/** The calendar from `from` to `to`: every date, with its slots and whether each can be booked. */
export function calendarDays(input: CalendarInput): CalendarDay[] {
	return eachDate(input.from, input.to).map((date) => {
		const dayClosure = input.closures.find((c) => c.date === date && c.start === undefined);
		const day: CalendarDay = {
			date,
			slots: timetableFor(timetableInForce(input.timetable, input.past, date), date).map((slot) => calendarSlot(slot, date, input))
		};
		if (dayClosure) {
			day.closed = true;
			day.closedReason = dayClosure.reason;
			if (dayClosure.reasonCy) day.closedReasonCy = dayClosure.reasonCy;
		}
		return day;
	});
}
