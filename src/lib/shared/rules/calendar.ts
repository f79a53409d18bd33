import type { CalendarDay, CalendarSlot, Closure, TimetableSlot } from '../types';
import { isWithinWindow, type BookingWindow } from './booking-window';
import { eachDate, instantOf, isoWeekday, type LocalDate, type TimeOfDay } from './dates';

/** Booked visits per slot, keyed by slotUsageKey(date, start). */
export type SlotUsage = ReadonlyMap<string, number>;

export const slotUsageKey = (date: LocalDate, start: TimeOfDay): string => `${date}T${start}`;

export interface CalendarInput {
	timetable: readonly TimetableSlot[];
	closures: readonly Closure[];
	usage: SlotUsage;
	/** Closed places taken per slot (same keys as usage); absent: none. */
	closedUsage?: SlotUsage;
	window: BookingWindow;
	timeZone: string;
	now: Date;
	from: LocalDate;
	to: LocalDate;
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
	input: Pick<CalendarInput, 'closures' | 'usage' | 'closedUsage' | 'window' | 'timeZone' | 'now'>
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
	}
	if (slot.closedCapacity) {
		result.closedCapacity = slot.closedCapacity;
		result.closedBooked = input.closedUsage?.get(slotUsageKey(date, slot.start)) ?? 0;
	}
	return result;
}

/** The calendar from `from` to `to`: every date, with its slots and whether each can be booked. */
export function calendarDays(input: CalendarInput): CalendarDay[] {
	return eachDate(input.from, input.to).map((date) => {
		const dayClosure = input.closures.find((c) => c.date === date && c.start === undefined);
		const day: CalendarDay = {
			date,
			slots: timetableFor(input.timetable, date).map((slot) => calendarSlot(slot, date, input))
		};
		if (dayClosure) {
			day.closed = true;
			day.closedReason = dayClosure.reason;
		}
		return day;
	});
}
