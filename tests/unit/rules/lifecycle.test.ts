import { describe, expect, it } from 'vitest';
import { REQUEST_STATUSES } from '../../../src/lib/shared/domain';
import { formatDate, formatInstant, formatTime } from '../../../src/lib/shared/format';
import { REFERENCE_PATTERN, makeReference } from '../../../src/lib/shared/rules/reference';
import { canTransition, isFinal } from '../../../src/lib/shared/rules/transitions';
import { randomBytes } from 'node:crypto';

describe('request states', () => {
	it('lets staff decide and visitors withdraw a request, and either cancel a booking', () => {
		expect(canTransition('requested', 'booked', 'staff')).toBe(true);
		expect(canTransition('requested', 'rejected', 'staff')).toBe(true);
		expect(canTransition('requested', 'withdrawn', 'device')).toBe(true);
		expect(canTransition('booked', 'cancelled', 'device')).toBe(true);
		expect(canTransition('booked', 'cancelled', 'staff')).toBe(true);
	});

	it('refuses every other move', () => {
		expect(canTransition('requested', 'booked', 'device')).toBe(false);
		expect(canTransition('requested', 'withdrawn', 'staff')).toBe(false);
		expect(canTransition('booked', 'rejected', 'staff')).toBe(false);
		expect(canTransition('rejected', 'booked', 'staff')).toBe(false);
		expect(REQUEST_STATUSES.filter(isFinal)).toEqual(['rejected', 'withdrawn', 'cancelled']);
	});
});

describe('references', () => {
	it('are eight unambiguous characters in two groups', () => {
		const references = new Set(Array.from({ length: 2000 }, () => makeReference((n) => randomBytes(n))));
		expect(references.size).toBe(2000);
		for (const reference of references) expect(reference).toMatch(REFERENCE_PATTERN);
		expect([...references].join('')).not.toMatch(/[0O1IL5S2Z8B]/);
	});
});

describe('formatting for en-GB', () => {
	it('writes dates and times the GOV.UK way', () => {
		expect(formatDate('2026-11-28')).toBe('Saturday 28 November 2026');
		expect(formatTime('14:00')).toBe('2pm');
		expect(formatTime('09:30')).toBe('9:30am');
		expect(formatTime('12:00')).toBe('12pm');
		expect(formatTime('00:15')).toBe('12:15am');
	});

	it("shows instants in the prison's time zone", () => {
		expect(formatInstant('2026-07-01T13:04:00Z', 'Europe/London')).toBe('1 July 2026 at 2:04pm');
		expect(formatInstant('2026-12-01T13:04:00Z', 'Europe/London')).toBe('1 December 2026 at 1:04pm');
	});
});
