import { describe, expect, it } from 'vitest';
import { bookingWindow } from '../../../src/lib/shared/rules/booking-window';
import { calendarDays, slotUsageKey } from '../../../src/lib/shared/rules/calendar';
import { now, prison, rochesterTimetable } from './fixtures';

const base = {
	timetable: rochesterTimetable,
	closures: [],
	usage: new Map<string, number>(),
	window: bookingWindow(prison, now),
	timeZone: prison.timeZone,
	now
};

describe('calendar', () => {
	it('lists every date with its slots, and marks what can be booked', () => {
		const days = calendarDays({ ...base, from: '2026-11-27', to: '2026-11-29' });
		expect(days.map((d) => [d.date, d.slots.map((s) => `${s.start}:${s.bookable}`)])).toEqual([
			['2026-11-27', ['14:00:false']], // before the window opens
			['2026-11-28', ['09:30:true', '14:00:true']], // Saturday has a morning slot
			['2026-11-29', ['14:00:true']]
		]);
	});

	it('shows remaining places and marks a full slot unbookable', () => {
		const usage = new Map([
			[slotUsageKey('2026-11-28', '09:30'), 12],
			[slotUsageKey('2026-11-28', '14:00'), 5]
		]);
		const [day] = calendarDays({ ...base, usage, from: '2026-11-28', to: '2026-11-28' });
		expect(day?.slots).toEqual([
			{ start: '09:30', end: '11:30', capacity: 12, booked: 12, available: 0, bookable: false },
			{ start: '14:00', end: '16:00', capacity: 20, booked: 5, available: 15, bookable: true }
		]);
	});

	it('closes a whole day or a single slot, with the reason', () => {
		const closures = [
			{ date: '2026-11-28', start: '09:30', reason: 'Fire drill' },
			{ date: '2026-11-29', reason: 'Staff training' }
		];
		const [saturday, sunday] = calendarDays({ ...base, closures, from: '2026-11-28', to: '2026-11-29' });
		expect(saturday?.closed).toBeUndefined();
		expect(saturday?.slots[0]).toMatchObject({ start: '09:30', bookable: false, closed: true, closedReason: 'Fire drill' });
		expect(saturday?.slots[1]).toMatchObject({ start: '14:00', bookable: true });
		expect(sunday).toMatchObject({ closed: true, closedReason: 'Staff training' });
		expect(sunday?.slots.every((s) => !s.bookable)).toBe(true);
	});

	it('does not offer a slot that has already started', () => {
		const afternoon = new Date('2026-11-28T14:30:00Z');
		const window = { from: '2026-11-28', to: '2026-12-23' };
		const [day] = calendarDays({ ...base, window, now: afternoon, from: '2026-11-28', to: '2026-11-28' });
		expect(day?.slots.map((s) => s.bookable)).toEqual([false, false]);
	});
});
