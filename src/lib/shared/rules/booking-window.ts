import type { PrisonRules } from '../domain';
import { addDays, todayIn, type LocalDate } from './dates';

export interface BookingWindow {
	from: LocalDate;
	to: LocalDate;
}

/** The dates a visit can be booked for, counted from today in the prison's time zone. */
export function bookingWindow(prison: Pick<PrisonRules, 'timeZone' | 'leadDays' | 'horizonDays'>, now: Date): BookingWindow {
	const today = todayIn(prison.timeZone, now);
	return { from: addDays(today, prison.leadDays), to: addDays(today, prison.horizonDays) };
}

export function isWithinWindow(date: LocalDate, window: BookingWindow): boolean {
	return date >= window.from && date <= window.to;
}
