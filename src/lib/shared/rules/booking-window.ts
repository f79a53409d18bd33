import type { PrisonRules } from '../domain';
import { addDays, eachDate, isoWeekday, todayIn, type LocalDate } from './dates';

export interface BookingWindow {
	from: LocalDate;
	to: LocalDate;
}

/** The dates a visit can be booked for, counted from today in the prison's time zone. */
export function bookingWindow(prison: Pick<PrisonRules, 'timeZone' | 'leadDays' | 'horizonDays'>, now: Date): BookingWindow {
	const today = todayIn(prison.timeZone, now);
	return { from: addDays(today, prison.leadDays), to: addDays(today, prison.horizonDays) };
}

/**
 * The places a prison offers over its booking window as its timetable stands (closures and
 * bookings aside): how many visits it could take if every family booked at once.
 */
export function placesInWindow(timetable: readonly { weekday: number; capacity: number }[], window: BookingWindow): number {
	const perWeekday = new Map<number, number>();
	for (const slot of timetable) perWeekday.set(slot.weekday, (perWeekday.get(slot.weekday) ?? 0) + slot.capacity);
	return eachDate(window.from, window.to).reduce((sum, date) => sum + (perWeekday.get(isoWeekday(date)) ?? 0), 0);
}

export function isWithinWindow(date: LocalDate, window: BookingWindow): boolean {
	return date >= window.from && date <= window.to;
}
