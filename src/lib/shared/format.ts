import { currentLocale, type Locale } from './i18n';
import { minutesOfDay, parseLocalDate, type LocalDate, type TimeOfDay } from './rules/dates';

/*
 * Dates and times as people in the UK read them, in English (GOV.UK style: "Saturday 28 November
 * 2026", "2pm", "9:30am") or Welsh ("Dydd Sadwrn 28 Tachwedd 2026", "2yp", "9:30yb"). Day and
 * month names come from Intl (en-GB, cy-GB). Local dates are already in the prison's time zone, so
 * they are formatted as they are; instants (history, "fetched at") are shown in the prison's time
 * zone. Every function takes the language, defaulting to the current one (t()'s).
 */

const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', cy: 'cy-GB' };
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: Locale, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const cacheKey = `${locale}:${key}`;
	let format = dateFormats.get(cacheKey);
	if (!format) {
		format = new Intl.DateTimeFormat(INTL_LOCALE[locale], options);
		dateFormats.set(cacheKey, format);
	}
	return format;
}

function utcNoon(date: LocalDate): Date {
	const parts = parseLocalDate(date);
	if (!parts) throw new RangeError(`Not a real date: ${date}`);
	return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, 12));
}

/** "Saturday 28 November 2026", "Dydd Sadwrn 28 Tachwedd 2026" */
export function formatDate(date: LocalDate, locale: Locale = currentLocale()): string {
	return dateFormat(locale, 'long', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
		.format(utcNoon(date))
		.replace(',', '');
}

/** "28 November 2026", "28 Tachwedd 2026" */
export function formatDateShort(date: LocalDate, locale: Locale = currentLocale()): string {
	return dateFormat(locale, 'short', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utcNoon(date));
}

/** "November 2026", "Tachwedd 2026" */
export function formatMonth(date: LocalDate, locale: Locale = currentLocale()): string {
	return dateFormat(locale, 'month', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utcNoon(date));
}

/**
 * "2pm", "9:30am", "12pm" (midday). Welsh: "yb" (y bore) before midday, "yp" (y prynhawn) until
 * 6pm, "yh" (yr hwyr) after: "2yp", "9:30yb", "6:30yh".
 */
export function formatTime(time: TimeOfDay, locale: Locale = currentLocale()): string {
	const minutes = minutesOfDay(time);
	const hours24 = Math.floor(minutes / 60);
	const mins = minutes % 60;
	const suffix = locale === 'cy' ? (hours24 < 12 ? 'yb' : hours24 < 18 ? 'yp' : 'yh') : hours24 < 12 ? 'am' : 'pm';
	const hours12 = hours24 % 12 === 0 ? 12 : hours24 % 12;
	return mins === 0 ? `${hours12}${suffix}` : `${hours12}:${String(mins).padStart(2, '0')}${suffix}`;
}

/** "2pm to 4pm", "2yp i 4yp" */
export function formatTimeRange(start: TimeOfDay, end: TimeOfDay, locale: Locale = currentLocale()): string {
	return `${formatTime(start, locale)} ${locale === 'cy' ? 'i' : 'to'} ${formatTime(end, locale)}`;
}

/** An instant in the prison's time zone: "25 November 2026 at 3:04pm", "25 Tachwedd 2026 am 3:04yp". */
export function formatInstant(instant: string | Date, timeZone: string, locale: Locale = currentLocale()): string {
	const date = typeof instant === 'string' ? new Date(instant) : instant;
	const parts = dateFormat(locale, `instant:${timeZone}`, {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone
	}).formatToParts(date);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	const at = locale === 'cy' ? 'am' : 'at';
	return `${get('day')} ${get('month')} ${get('year')} ${at} ${formatTime(`${get('hour')}:${get('minute')}`, locale)}`;
}
