// Dates and times in English and Welsh, as Node 20's ICU (full-icu) writes en-GB and cy-GB.
import { afterEach, describe, expect, it } from 'vitest';
import {
	WELSH_MONTHS,
	WELSH_WEEKDAYS,
	formatDate,
	formatDateShort,
	formatInstant,
	formatMonth,
	formatPhone,
	formatSettings,
	formatTime,
	formatTimeRange
} from '../../src/lib/shared/format';
import { setLocale } from '../../src/lib/shared/i18n';

describe('dates and times', () => {
	it('writes dates in English', () => {
		expect(formatDate('2026-11-28', 'en')).toBe('Saturday 28 November 2026');
		expect(formatDateShort('2026-11-28', 'en')).toBe('28 November 2026');
		expect(formatMonth('2026-11-28', 'en')).toBe('November 2026');
	});

	it('writes dates in Welsh, with Welsh day and month names', () => {
		expect(formatDate('2026-11-28', 'cy')).toBe('Dydd Sadwrn 28 Tachwedd 2026');
		expect(formatDate('2026-03-02', 'cy')).toBe('Dydd Llun 2 Mawrth 2026');
		expect(formatDate('2027-01-01', 'cy')).toBe('Dydd Gwener 1 Ionawr 2027');
		expect(formatDateShort('2026-06-21', 'cy')).toBe('21 Mehefin 2026');
		expect(formatMonth('2026-07-01', 'cy')).toBe('Gorffennaf 2026');
	});

	it('writes times the GOV.UK way in English and with yb, yh and canol dydd in Welsh', () => {
		expect([formatTime('09:30', 'en'), formatTime('12:00', 'en'), formatTime('14:00', 'en'), formatTime('00:15', 'en')]).toEqual([
			'9:30am',
			'12pm',
			'2pm',
			'12:15am'
		]);
		expect([formatTime('09:30', 'cy'), formatTime('12:00', 'cy'), formatTime('14:00', 'cy'), formatTime('18:30', 'cy')]).toEqual([
			'9:30yb',
			'canol dydd',
			'2yh',
			'6:30yh'
		]);
		expect([formatTime('12:30', 'cy'), formatTime('00:00', 'cy'), formatTime('00:15', 'cy')]).toEqual(['12:30yh', 'canol nos', '12:15yb']);
		expect(formatTimeRange('14:00', '16:00', 'en')).toBe('2pm to 4pm');
		expect(formatTimeRange('14:00', '16:00', 'cy')).toBe('2yh i 4yh');
		// "i" mutates "canol": to midday is "i ganol dydd".
		expect(formatTimeRange('10:00', '12:00', 'cy')).toBe('10yb i ganol dydd');
		expect(formatTimeRange('12:00', '14:00', 'cy')).toBe('canol dydd i 2yh');
	});

	it('writes an instant in the prison’s time zone, in both languages', () => {
		// 15:04 UTC in winter is 3:04pm in London; in summer 13:04 UTC is 2:04pm BST, and 23:30 UTC is 12:30am the next day.
		expect(formatInstant('2026-11-25T15:04:00Z', 'Europe/London', 'en')).toBe('25 November 2026 at 3:04pm');
		expect(formatInstant('2026-11-25T15:04:00Z', 'Europe/London', 'cy')).toBe('25 Tachwedd 2026 am 3:04yh');
		expect(formatInstant('2026-07-01T13:04:00Z', 'Europe/London', 'cy')).toBe('1 Gorffennaf 2026 am 2:04yh');
		expect(formatInstant('2026-11-25T12:00:00Z', 'Europe/London', 'cy')).toBe('25 Tachwedd 2026 am ganol dydd');
		expect(formatInstant('2026-07-01T23:30:00Z', 'Europe/London', 'cy')).toBe('2 Gorffennaf 2026 am 12:30yb');
	});

	it('follows the current language when none is given', () => {
		setLocale('cy');
		try {
			expect(formatDate('2026-11-29')).toBe('Dydd Sul 29 Tachwedd 2026');
			expect(formatTimeRange('10:00', '11:30')).toBe('10yb i 11:30yb');
		} finally {
			setLocale('en');
		}
		expect(formatDate('2026-11-29')).toBe('Sunday 29 November 2026');
	});
});

describe('phone numbers', () => {
	it('groups UK numbers the way people read them, whatever spacing was typed', () => {
		expect(formatPhone('07700900982')).toBe('07700 900 982');
		expect(formatPhone('+44 7700 900982')).toBe('07700 900 982');
		expect(formatPhone('0044 (0)7700-900-982')).toBe('07700 900 982');
		expect(formatPhone('02079460018')).toBe('020 7946 0018');
		expect(formatPhone('029 2018 0123')).toBe('029 2018 0123');
		expect(formatPhone('08088082003')).toBe('0808 808 2003');
		expect(formatPhone('03001234567')).toBe('0300 123 4567');
		expect(formatPhone('01632960001')).toBe('01632 960 001');
	});

	it('leaves what is not an 11-digit UK number as typed', () => {
		expect(formatPhone(' 999 ')).toBe('999');
		expect(formatPhone('+33 1 23 45 67 89')).toBe('+33 1 23 45 67 89');
	});
});

// Chromium has no Welsh in its Intl, so the browser uses the tables: they must say what ICU says.
describe('Welsh without Intl support (as in Chromium)', () => {
	afterEach(() => {
		formatSettings.welshFromTables = false;
	});

	it('has the month and day names ICU cy-GB writes', () => {
		expect(new Intl.DateTimeFormat('cy-GB').resolvedOptions().locale).toBe('cy-GB');
		const months = Array.from({ length: 12 }, (_, m) =>
			new Intl.DateTimeFormat('cy-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, m, 5)))
		);
		expect(WELSH_MONTHS).toEqual(months);
		// 30 November 2026 is a Monday.
		const days = Array.from({ length: 7 }, (_, d) =>
			new Intl.DateTimeFormat('cy-GB', { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 30 + d)))
		);
		expect(WELSH_WEEKDAYS).toEqual(days);
	});

	it('writes every date and instant exactly as Intl cy-GB does', () => {
		const dates = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
		const instants = [
			'2026-11-25T15:04:00Z',
			'2026-07-01T13:04:00Z',
			'2026-07-01T23:30:00Z',
			'2026-03-29T00:59:00Z',
			'2026-10-25T01:30:00Z'
		];
		const render = () => [
			...dates.map((d) => `${formatDate(d, 'cy')}|${formatDateShort(d, 'cy')}|${formatMonth(d, 'cy')}`),
			...instants.map((i) => formatInstant(i, 'Europe/London', 'cy'))
		];
		const viaIntl = render();
		formatSettings.welshFromTables = true;
		expect(render()).toEqual(viaIntl);
		expect(formatDate('2026-11-28', 'cy')).toBe('Dydd Sadwrn 28 Tachwedd 2026');
	});
});
