import { TZDate } from '@date-fns/tz';

/**
 * Local dates are 'YYYY-MM-DD' strings and times of day 'HH:MM' strings, always meant in the
 * prison's time zone. Arithmetic on local dates goes through UTC midnight, where every day has
 * 24 hours, so a clock change can never move a date.
 */
export type LocalDate = string;
export type TimeOfDay = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;

export interface DateParts {
	year: number;
	month: number;
	day: number;
}

export function parseLocalDate(date: string): DateParts | null {
	const match = DATE_PATTERN.exec(date);
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (month < 1 || month > 12 || day < 1) return null;
	if (day > daysInMonth(year, month)) return null;
	return { year, month, day };
}

/** A real calendar date: `2026-02-30` and `2025-02-29` are not. */
export function isRealDate(date: string): boolean {
	return parseLocalDate(date) !== null;
}

export function isTimeOfDay(time: string): boolean {
	return TIME_PATTERN.test(time);
}

export function minutesOfDay(time: TimeOfDay): number {
	const match = TIME_PATTERN.exec(time);
	if (!match) throw new RangeError(`Not a time of day: ${time}`);
	return Number(match[1]) * 60 + Number(match[2]);
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtcMidnight(date: LocalDate): number {
	const parts = parseLocalDate(date);
	if (!parts) throw new RangeError(`Not a real date: ${date}`);
	return Date.UTC(parts.year, parts.month - 1, parts.day);
}

function fromUtcMidnight(ms: number): LocalDate {
	return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
	return fromUtcMidnight(toUtcMidnight(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
	return Math.round((toUtcMidnight(to) - toUtcMidnight(from)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
	const day = new Date(toUtcMidnight(date)).getUTCDay();
	return day === 0 ? 7 : day;
}

/** Every date from `from` to `to`, both included. */
export function eachDate(from: LocalDate, to: LocalDate): LocalDate[] {
	const dates: LocalDate[] = [];
	for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
	return dates;
}

// Making an Intl.DateTimeFormat is far dearer than using one (it was 3% of a submit's CPU),
// so there is one per time zone; a service has a handful of prisons' zones.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
	let format = dayFormats.get(timeZone);
	if (!format) {
		// en-CA formats as YYYY-MM-DD; formatToParts keeps us independent of that detail.
		format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
		dayFormats.set(timeZone, format);
	}
	return format;
}

/** Today's date in `timeZone` at the instant `now`. */
export function todayIn(timeZone: string, now: Date): LocalDate {
	const parts = dayFormat(timeZone).formatToParts(now);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The instant at which a local date and time happen in `timeZone` (clock changes included). */
export function instantOf(date: LocalDate, time: TimeOfDay, timeZone: string): Date {
	const parts = parseLocalDate(date);
	if (!parts) throw new RangeError(`Not a real date: ${date}`);
	const minutes = minutesOfDay(time);
	const zoned = new TZDate(parts.year, parts.month - 1, parts.day, Math.floor(minutes / 60), minutes % 60, timeZone);
	return new Date(zoned.getTime());
}

/**
 * Age in whole years on `onDate`. Someone born on 29 February comes of age on 1 March in a
 * year without one, as the law in England and Wales reads it.
 */
export function ageOn(dateOfBirth: LocalDate, onDate: LocalDate): number {
	const birth = parseLocalDate(dateOfBirth);
	const on = parseLocalDate(onDate);
	if (!birth || !on) throw new RangeError('Not a real date');
	let age = on.year - birth.year;
	const beforeBirthday = on.month < birth.month || (on.month === birth.month && on.day < birth.day);
	if (beforeBirthday) age -= 1;
	return age;
}
