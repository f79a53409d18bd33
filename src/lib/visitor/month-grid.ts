import { isWithinWindow, type BookingWindow } from '../shared/rules/booking-window';
import { addDays, eachDate, isoWeekday, type LocalDate } from '../shared/rules/dates';
import type { CalendarDay, CalendarSlot } from '../shared/answers';
import { closedReasonIn } from '../shared/welsh-text';

/*
 * The month calendar of the slots page, as data: which days can be chosen and why the others
 * cannot. GOV.UK has no calendar component, so the page draws this as a table of weeks.
 */

export type DayState = 'available' | 'full' | 'closed' | 'no-visits' | 'outside' | 'unknown';

export interface DayCell {
	date: LocalDate;
	dayOfMonth: number;
	state: DayState;
	/** Places left across the day's bookable slots. */
	placesLeft: number;
	slots: CalendarSlot[];
	/** Why a closed day is closed (the closure's reason), when the prison gave one. */
	closedReason?: string;
}

export interface Month {
	/** The first of the month, 'YYYY-MM-01'. */
	first: LocalDate;
	/** Monday-first weeks; null pads the days of other months. */
	weeks: (DayCell | null)[][];
}

export function dayState(day: Pick<CalendarDay, 'closed' | 'slots'> | undefined, inWindow: boolean): DayState {
	if (!inWindow) return 'outside';
	if (!day) return 'unknown';
	if (day.closed) return 'closed';
	if (day.slots.length === 0) return 'no-visits';
	if (day.slots.some((slot) => slot.bookable)) return 'available';
	if (day.slots.every((slot) => slot.closed)) return 'closed';
	return 'full';
}

/** The day's closure reason, or the one reason its closed slots share. */
export function closedReasonOf(day: Pick<CalendarDay, 'closedReason' | 'closedReasonCy' | 'slots'> | undefined): string | undefined {
	if (!day) return undefined;
	const dayReason = closedReasonIn(day);
	if (dayReason) return dayReason;
	const reasons = [...new Set(day.slots.map((slot) => closedReasonIn(slot)).filter((r): r is string => Boolean(r)))];
	return reasons.length > 0 ? reasons.join('; ') : undefined;
}

function monthOf(date: LocalDate): LocalDate {
	return `${date.slice(0, 7)}-01`;
}

function lastOfMonth(first: LocalDate): LocalDate {
	const [year, month] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
	const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
	return addDays(next, -1);
}

/** Every month the booking window touches, each as weeks of days. */
export function monthsFor(days: readonly CalendarDay[], window: BookingWindow): Month[] {
	const byDate = new Map(days.map((day) => [day.date, day]));
	const months: Month[] = [];
	for (let first = monthOf(window.from); first <= window.to; first = addDays(lastOfMonth(first), 1)) {
		const weeks: (DayCell | null)[][] = [];
		let week: (DayCell | null)[] = Array.from({ length: isoWeekday(first) - 1 }, () => null);
		for (const date of eachDate(first, lastOfMonth(first))) {
			const day = byDate.get(date);
			const state = dayState(day, isWithinWindow(date, window));
			const slots = day?.slots ?? [];
			week.push({
				date,
				dayOfMonth: Number(date.slice(8, 10)),
				state,
				placesLeft: state === 'available' ? slots.filter((s) => s.bookable).reduce((sum, s) => sum + s.available, 0) : 0,
				slots,
				...(state === 'closed' && closedReasonOf(day) ? { closedReason: closedReasonOf(day) } : {})
			});
			if (week.length === 7) {
				weeks.push(week);
				week = [];
			}
		}
		if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
		months.push({ first, weeks });
	}
	return months;
}
