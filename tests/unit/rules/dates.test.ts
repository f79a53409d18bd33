import { describe, expect, it } from 'vitest';
import { addDays, ageOn, daysBetween, instantOf, isRealDate, isoWeekday, todayIn } from '../../../src/lib/shared/rules/dates';

describe('local dates', () => {
	it('knows real dates from impossible ones', () => {
		expect(isRealDate('2028-02-29')).toBe(true);
		expect(isRealDate('2026-02-29')).toBe(false);
		expect(isRealDate('2026-02-30')).toBe(false);
		expect(isRealDate('2026-13-01')).toBe(false);
		expect(isRealDate('2026-1-01')).toBe(false);
		expect(isRealDate('26-01-01')).toBe(false);
	});

	it('adds days across the clock change without losing or gaining a date', () => {
		expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
		expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
		expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
		expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
	});

	it('numbers weekdays from Monday (1) to Sunday (7)', () => {
		expect(isoWeekday('2026-11-23')).toBe(1);
		expect(isoWeekday('2026-11-28')).toBe(6);
		expect(isoWeekday('2026-11-29')).toBe(7);
	});

	it("takes today from the prison's time zone, not UTC", () => {
		// 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
		expect(todayIn('Europe/London', new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
		// In winter London is on UTC.
		expect(todayIn('Europe/London', new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
	});

	it('places a local time on the right instant either side of the clock change', () => {
		expect(instantOf('2026-03-28', '14:00', 'Europe/London').toISOString()).toBe('2026-03-28T14:00:00.000Z');
		expect(instantOf('2026-03-29', '14:00', 'Europe/London').toISOString()).toBe('2026-03-29T13:00:00.000Z');
		expect(instantOf('2026-10-25', '09:30', 'Europe/London').toISOString()).toBe('2026-10-25T09:30:00.000Z');
	});

	it('counts ages in whole years, with 29 February birthdays on 1 March in other years', () => {
		expect(ageOn('2008-11-25', '2026-11-24')).toBe(17);
		expect(ageOn('2008-11-25', '2026-11-25')).toBe(18);
		expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
		expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
		expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
	});
});
