import { minutesOfDay, parseLocalDate, type LocalDate, type TimeOfDay } from './rules/dates';

/*
 * Dates and times as people in the UK read them (GOV.UK style): "Saturday 28 November 2026",
 * "2pm", "9:30am". Local dates are already in the prison's time zone, so they are formatted as
 * they are; instants (history, "fetched at") are shown in the prison's time zone.
 */

const LOCALE = 'en-GB';
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	let format = dateFormats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(LOCALE, options);
		dateFormats.set(key, format);
	}
	return format;
}

function utcNoon(date: LocalDate): Date {
	const parts = parseLocalDate(date);
	if (!parts) throw new RangeError(`Not a real date: ${date}`);
	return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, 12));
}

/** "Saturday 28 November 2026" */
export function formatDate(date: LocalDate): string {
	return dateFormat('long', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
		.format(utcNoon(date))
		.replace(',', '');
}

/** "28 November 2026" */
export function formatDateShort(date: LocalDate): string {
	return dateFormat('short', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utcNoon(date));
}

/** "November 2026" */
export function formatMonth(date: LocalDate): string {
	return dateFormat('month', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utcNoon(date));
}

/** "2pm", "9:30am", "12pm" (midday). */
export function formatTime(time: TimeOfDay): string {
	const minutes = minutesOfDay(time);
	const hours24 = Math.floor(minutes / 60);
	const mins = minutes % 60;
	const suffix = hours24 < 12 ? 'am' : 'pm';
	const hours12 = hours24 % 12 === 0 ? 12 : hours24 % 12;
	return mins === 0 ? `${hours12}${suffix}` : `${hours12}:${String(mins).padStart(2, '0')}${suffix}`;
}

/** "2pm to 4pm" */
export function formatTimeRange(start: TimeOfDay, end: TimeOfDay): string {
	return `${formatTime(start)} to ${formatTime(end)}`;
}

/** An instant in the prison's time zone: "25 November 2026 at 3:04pm". */
export function formatInstant(instant: string | Date, timeZone: string): string {
	const date = typeof instant === 'string' ? new Date(instant) : instant;
	const parts = dateFormat(`instant:${timeZone}`, {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone
	}).formatToParts(date);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${get('day')} ${get('month')} ${get('year')} at ${formatTime(`${get('hour')}:${get('minute')}`)}`;
}
