import { formatDate, formatTime, formatTimeRange } from '../shared/format';
import { isRealDate } from '../shared/rules/dates';
import type { CalendarDay } from '../shared/answers';

/** A chosen time as people read it: "Saturday 5 December 2026, 2pm to 4pm" (the end when the calendar knows it). */
export function slotLine(slot: { date: string; start: string }, days: readonly CalendarDay[] = []): string {
	if (!isRealDate(slot.date)) return `${slot.date} ${slot.start}`;
	const end = days.find((d) => d.date === slot.date)?.slots.find((s) => s.start === slot.start)?.end;
	return `${formatDate(slot.date)}, ${end ? formatTimeRange(slot.start, end) : formatTime(slot.start)}`;
}
