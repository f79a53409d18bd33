import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsCalendar, icsDateTime } from '../../../src/lib/client/ics';
import { instantOf } from '../../../src/lib/shared/rules/dates';
import { bookedVisitIcs } from '../../../src/lib/visitor/visit-ics';

const octets = (line: string) => new TextEncoder().encode(line).length;

describe('ics', () => {
	it('writes instants in UTC basic format', () => {
		expect(icsDateTime(new Date('2026-11-28T14:00:00.000Z'))).toBe('20261128T140000Z');
	});

	it('escapes backslashes, semicolons, commas and line breaks in text', () => {
		expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
	});

	it('folds long lines at 75 octets with CRLF and a space, never splitting a character', () => {
		const line = `DESCRIPTION:${'é'.repeat(100)}`;
		const folded = foldLine(line);
		const parts = folded.split('\r\n');
		expect(parts.length).toBeGreaterThan(1);
		for (const part of parts) expect(octets(part)).toBeLessThanOrEqual(75);
		for (const part of parts.slice(1)) expect(part.startsWith(' ')).toBe(true);
		expect(parts.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
	});

	it('leaves short lines alone', () => {
		expect(foldLine('SUMMARY:Visit')).toBe('SUMMARY:Visit');
	});

	it('makes a calendar whose every line ends in CRLF', () => {
		const file = icsCalendar([{ uid: 'x@y', stamp: new Date(0), start: new Date(0), end: new Date(3600_000), summary: 'Visit' }]);
		expect(file.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
		expect(file.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(file.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		expect(file).toContain('DTSTART:19700101T000000Z\r\nDTEND:19700101T010000Z');
	});

	it('puts a booked visit at its local time in the prison, in summer and in winter', () => {
		const prison = { name: 'HMP Rochester', address: '1 Sir Evelyn Road, Rochester', timeZone: 'Europe/London' };
		const summer = bookedVisitIcs(
			{ id: 'r1', reference: 'K7PQ-XHDW', bookedSlot: { date: '2026-07-04', start: '14:00', end: '16:00' }, prisonerName: 'John Smith' },
			prison,
			new Date('2026-06-01T00:00:00Z')
		);
		expect(summer).toContain('DTSTART:20260704T130000Z');
		expect(summer).toContain('DTEND:20260704T150000Z');
		expect(summer).toContain('LOCATION:HMP Rochester\\, 1 Sir Evelyn Road\\, Rochester');
		const winter = bookedVisitIcs(
			{ id: 'r2', reference: null, bookedSlot: { date: '2026-12-05', start: '09:30', end: '11:30' } },
			prison,
			new Date('2026-11-01T00:00:00Z')
		);
		expect(winter).toContain('DTSTART:20261205T093000Z');
		expect(instantOf('2026-12-05', '09:30', 'Europe/London').toISOString()).toBe('2026-12-05T09:30:00.000Z');
	});

	describe('a visit that moves or is cancelled', () => {
		const prison = { name: 'HMP Rochester', address: '1 Sir Evelyn Road', timeZone: 'Europe/London' };
		const visit = { id: 'r3', reference: 'K7PQ-XHDW', bookedSlot: { date: '2026-12-05', start: '14:00', end: '16:00' } };
		const now = new Date('2026-11-01T00:00:00Z');
		const line = (file: string, name: string) => file.split('\r\n').find((l) => l.startsWith(`${name}:`));

		it('keeps the UID and writes a higher SEQUENCE when the visit has moved', () => {
			const first = bookedVisitIcs({ ...visit, calendarSequence: 0 }, prison, now);
			const moved = bookedVisitIcs(
				{ ...visit, bookedSlot: { date: '2026-12-06', start: '09:30', end: '11:30' }, calendarSequence: 1 },
				prison,
				now
			);
			expect(line(moved, 'UID')).toBe(line(first, 'UID'));
			expect(line(first, 'SEQUENCE')).toBe('SEQUENCE:0');
			expect(line(moved, 'SEQUENCE')).toBe('SEQUENCE:1');
			expect(line(moved, 'DTSTART')).toBe('DTSTART:20261206T093000Z');
			expect(line(moved, 'METHOD')).toBe('METHOD:PUBLISH');
			expect(line(moved, 'STATUS')).toBe('STATUS:CONFIRMED');
		});

		it('writes METHOD:CANCEL and STATUS:CANCELLED, same UID, for a cancelled visit', () => {
			const booked = bookedVisitIcs({ ...visit, calendarSequence: 1 }, prison, now);
			const cancelled = bookedVisitIcs({ ...visit, calendarSequence: 2, cancelled: true }, prison, now);
			expect(line(cancelled, 'METHOD')).toBe('METHOD:CANCEL');
			expect(line(cancelled, 'STATUS')).toBe('STATUS:CANCELLED');
			expect(line(cancelled, 'UID')).toBe(line(booked, 'UID'));
			expect(line(cancelled, 'SEQUENCE')).toBe('SEQUENCE:2');
			// METHOD belongs to the calendar, before the event.
			expect(cancelled.indexOf('METHOD:CANCEL')).toBeLessThan(cancelled.indexOf('BEGIN:VEVENT'));
		});
	});
});
