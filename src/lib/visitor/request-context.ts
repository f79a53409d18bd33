import { slotUsageKey } from '../shared/rules/calendar';
import { isoWeekday } from '../shared/rules/dates';
import type { CalendarDay, Closure, TimetableSlot } from '../shared/answers';

export interface CalendarContext {
	timetable: TimetableSlot[];
	closures: Closure[];
	usage: Map<string, number>;
}

/**
 * The shared rules want a weekly timetable, closures and bookings per slot; offline the device
 * has only the cached calendar. This rebuilds them from it so that checkVisitRequest judges each
 * cached date exactly as the calendar shows it: a weekday slot missing on one date becomes a
 * closure of that slot, and a date whose capacity differs from the weekly one is expressed through
 * its usage (booked + the difference), so "full" means the same thing.
 */
export function contextFromCalendar(days: readonly Pick<CalendarDay, 'date' | 'closed' | 'slots'>[]): CalendarContext {
	const weekly = new Map<string, TimetableSlot>();
	for (const day of days) {
		const weekday = isoWeekday(day.date);
		for (const slot of day.slots) {
			const key = `${weekday}|${slot.start}`;
			if (!weekly.has(key)) weekly.set(key, { weekday, start: slot.start, end: slot.end, capacity: slot.capacity });
		}
	}
	const timetable = [...weekly.values()];
	const closures: Closure[] = [];
	const usage = new Map<string, number>();
	for (const day of days) {
		if (day.closed) closures.push({ date: day.date, reason: '' });
		const weekday = isoWeekday(day.date);
		for (const weeklySlot of timetable.filter((s) => s.weekday === weekday)) {
			const slot = day.slots.find((s) => s.start === weeklySlot.start);
			if (!slot || slot.closed) {
				closures.push({ date: day.date, start: weeklySlot.start, reason: '' });
				continue;
			}
			const taken = slot.capacity - slot.available;
			usage.set(slotUsageKey(day.date, slot.start), Math.max(0, taken + weeklySlot.capacity - slot.capacity));
		}
	}
	return { timetable, closures, usage };
}
