import { describe, expect, it } from 'vitest';
import { DEFAULT_PRISON_RULES } from '../../../src/lib/shared/domain';
import { bookingWindow, placesInWindow } from '../../../src/lib/shared/rules/booking-window';

describe('booking window', () => {
	it('runs from today + leadDays to today + horizonDays in the prison time zone', () => {
		expect(bookingWindow(DEFAULT_PRISON_RULES, new Date('2026-11-25T10:00:00Z'))).toEqual({
			from: '2026-11-28',
			to: '2026-12-23'
		});
	});

	it('moves on at midnight in London, not at midnight UTC', () => {
		// 23:59:59 on 30 June in London (BST) is still 30 June there.
		const justBefore = new Date('2026-06-30T22:59:59Z');
		const justAfter = new Date('2026-06-30T23:00:00Z');
		expect(bookingWindow(DEFAULT_PRISON_RULES, justBefore).from).toBe('2026-07-03');
		expect(bookingWindow(DEFAULT_PRISON_RULES, justAfter).from).toBe('2026-07-04');
	});

	it('spans the spring clock change with the same number of days', () => {
		const window = bookingWindow(DEFAULT_PRISON_RULES, new Date('2026-03-27T12:00:00Z'));
		expect(window).toEqual({ from: '2026-03-30', to: '2026-04-24' });
	});

	it('counts the places a timetable offers over the window, each date by its weekday', () => {
		// Saturday 28 November to Wednesday 23 December 2026: four Saturdays, four Wednesdays.
		const window = { from: '2026-11-28', to: '2026-12-23' };
		const timetable = [
			{ weekday: 6, capacity: 10 },
			{ weekday: 6, capacity: 5 },
			{ weekday: 3, capacity: 2 }
		];
		expect(placesInWindow(timetable, window)).toBe(4 * 15 + 4 * 2);
		expect(placesInWindow([], window)).toBe(0);
	});
});
