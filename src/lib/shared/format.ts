import { currentLocale, type Locale } from './i18n';
import { fitWelshValue } from './i18n/welsh';
import { minutesOfDay, parseLocalDate, type LocalDate, type TimeOfDay } from './rules/dates';

/*
 * Dates and times as people in the UK read them, in English (GOV.UK style: "Saturday 28 November
 * 2026", "2pm", "9:30am") or Welsh ("Dydd Sadwrn 28 Tachwedd 2026", "2yh", "9:30yb"). Day and
 * month names come from Intl (en-GB, cy-GB). Local dates are already in the prison's time zone, so
 * they are formatted as they are; instants (history, "fetched at") are shown in the prison's time
 * zone. Every function takes the language, defaulting to the current one (t()'s).
 *
 * Not every browser's Intl has Welsh: Chromium's ICU data has no cy locale and silently answers in
 * English. Where Intl cannot say it in Welsh, the Welsh names come from the tables below, which
 * tests/unit/format.test.ts checks are exactly what ICU's cy-GB writes (Node 20, full ICU).
 */

export const WELSH_MONTHS = [
	'Ionawr',
	'Chwefror',
	'Mawrth',
	'Ebrill',
	'Mai',
	'Mehefin',
	'Gorffennaf',
	'Awst',
	'Medi',
	'Hydref',
	'Tachwedd',
	'Rhagfyr'
];
/** Monday first (ISO weekday 1 … 7). */
export const WELSH_WEEKDAYS = ['Dydd Llun', 'Dydd Mawrth', 'Dydd Mercher', 'Dydd Iau', 'Dydd Gwener', 'Dydd Sadwrn', 'Dydd Sul'];

/** For tests: use the tables even where Intl has Welsh. */
export const formatSettings = { welshFromTables: false };

let intlWelsh: boolean | undefined;
function welshFromTables(): boolean {
	intlWelsh ??= new Intl.DateTimeFormat('cy-GB').resolvedOptions().locale.startsWith('cy');
	return formatSettings.welshFromTables || !intlWelsh;
}

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

/**
 * "Saturday 28 November 2026", "Dydd Sadwrn 28 Tachwedd 2026": the date standing alone (a heading,
 * a list item, a table cell). In running Welsh text pass it to a message as a {placeholder}:
 * translate() writes it "dydd Sadwrn …" inside the sentence and "ddydd Sadwrn …" after "ar", "i",
 * "tan" (i18n/welsh.ts), so one value serves both.
 */
export function formatDate(date: LocalDate, locale: Locale = currentLocale()): string {
	if (locale === 'cy' && welshFromTables()) {
		const noon = utcNoon(date);
		return `${WELSH_WEEKDAYS[(noon.getUTCDay() + 6) % 7]} ${noon.getUTCDate()} ${WELSH_MONTHS[noon.getUTCMonth()]} ${noon.getUTCFullYear()}`;
	}
	return dateFormat(locale, 'long', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
		.format(utcNoon(date))
		.replace(',', '');
}

/** "28 November 2026", "28 Tachwedd 2026" */
export function formatDateShort(date: LocalDate, locale: Locale = currentLocale()): string {
	if (locale === 'cy' && welshFromTables()) {
		const noon = utcNoon(date);
		return `${noon.getUTCDate()} ${WELSH_MONTHS[noon.getUTCMonth()]} ${noon.getUTCFullYear()}`;
	}
	return dateFormat(locale, 'short', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utcNoon(date));
}

/** "November 2026", "Tachwedd 2026" */
export function formatMonth(date: LocalDate, locale: Locale = currentLocale()): string {
	if (locale === 'cy' && welshFromTables()) {
		const noon = utcNoon(date);
		return `${WELSH_MONTHS[noon.getUTCMonth()]} ${noon.getUTCFullYear()}`;
	}
	return dateFormat(locale, 'month', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utcNoon(date));
}

/**
 * "2pm", "9:30am", "12pm" (midday). Welsh: "yb" (y bore) before midday, "yh" (yr hwyr) after it,
 * and "canol dydd" / "canol nos" for 12 o'clock: "2yh", "9:30yb", "canol dydd", "12:30yh".
 * Inside a Welsh sentence "canol dydd" mutates after "am", "i", "tan" ("am ganol dydd"):
 * translate() does that (i18n/welsh.ts).
 */
export function formatTime(time: TimeOfDay, locale: Locale = currentLocale()): string {
	const minutes = minutesOfDay(time);
	const hours24 = Math.floor(minutes / 60);
	const mins = minutes % 60;
	if (locale === 'cy' && mins === 0 && hours24 % 12 === 0) return hours24 === 12 ? 'canol dydd' : 'canol nos';
	const suffix = locale === 'cy' ? (hours24 < 12 ? 'yb' : 'yh') : hours24 < 12 ? 'am' : 'pm';
	const hours12 = hours24 % 12 === 0 ? 12 : hours24 % 12;
	return mins === 0 ? `${hours12}${suffix}` : `${hours12}:${String(mins).padStart(2, '0')}${suffix}`;
}

/** "2pm to 4pm", "2yh i 4yh", "10yb i ganol dydd" */
export function formatTimeRange(start: TimeOfDay, end: TimeOfDay, locale: Locale = currentLocale()): string {
	if (locale !== 'cy') return `${formatTime(start, locale)} to ${formatTime(end, locale)}`;
	const from = formatTime(start, locale);
	const fitted = fitWelshValue(`${from} i `, formatTime(end, locale));
	return `${fitted.before}${fitted.value}`;
}

/** An instant in the prison's time zone: "25 November 2026 at 3:04pm", "25 Tachwedd 2026 am 3:04yh". */
export function formatInstant(instant: string | Date, timeZone: string, locale: Locale = currentLocale()): string {
	const date = typeof instant === 'string' ? new Date(instant) : instant;
	const tables = locale === 'cy' && welshFromTables();
	// With the tables, Intl (en-GB) only moves the instant into the time zone; the month is named here.
	const parts = dateFormat(tables ? 'en' : locale, `instant:${timeZone}${tables ? ':numeric' : ''}`, {
		day: 'numeric',
		month: tables ? 'numeric' : 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone
	}).formatToParts(date);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	const month = tables ? WELSH_MONTHS[Number(get('month')) - 1] : get('month');
	const day = tables ? String(Number(get('day'))) : get('day');
	const time = formatTime(`${get('hour')}:${get('minute')}`, locale);
	if (locale !== 'cy') return `${day} ${month} ${get('year')} at ${time}`;
	const fitted = fitWelshValue(`${day} ${month} ${get('year')} am `, time);
	return `${fitted.before}${fitted.value}`;
}

/**
 * A UK phone number as people read it (GOV.UK style): "07700 900 982", "020 7946 0018",
 * "0808 808 2003", "01632 960 001". +44 becomes 0. Anything that is not an 11-digit UK number is
 * shown as it was typed.
 */
export function formatPhone(phone: string): string {
	let digits = phone.replace(/[\s\-().]/g, '');
	if (/^\+44/.test(digits)) digits = `0${digits.slice(3).replace(/^0/, '')}`;
	else if (/^0044/.test(digits)) digits = `0${digits.slice(4).replace(/^0/, '')}`;
	if (!/^0\d{10}$/.test(digits)) return phone.trim();
	if (/^02/.test(digits)) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
	if (/^0[3589]/.test(digits)) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
	return `${digits.slice(0, 5)} ${digits.slice(5, 8)} ${digits.slice(8)}`;
}
