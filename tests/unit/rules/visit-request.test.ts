import { describe, expect, it } from 'vitest';
import { slotUsageKey } from '../../../src/lib/shared/rules/calendar';
import { checkVisitRequest, type RequestContext } from '../../../src/lib/shared/rules/visit-request';
import { VisitRequestInput } from '../../../src/lib/shared/schemas';
import { aRequest, now, prison, rochesterTimetable } from './fixtures';

const context: RequestContext = { prison, timetable: rochesterTimetable, closures: [], now };
const check = (overrides: Parameters<typeof aRequest>[0], extra: Partial<RequestContext> = {}) =>
	checkVisitRequest(VisitRequestInput.parse(aRequest(overrides)), { ...context, ...extra });

describe('visit request rules', () => {
	it('accepts a party and slots that keep every rule', () => {
		expect(check({})).toEqual({});
	});

	it('refuses slots that are not in the timetable, closed, full or outside the window', () => {
		const errors = check(
			{
				slots: [
					{ date: '2026-11-30', start: '09:30' }, // Monday: no morning slot
					{ date: '2026-11-29', start: '14:00' }, // closed below
					{ date: '2026-11-27', start: '14:00' } // before today + 3
				]
			},
			{ closures: [{ date: '2026-11-29', reason: 'Staff training' }] }
		);
		expect(errors).toEqual({
			'slots.0': 'This time is not available at this prison',
			'slots.1': 'This time is closed: choose another',
			'slots.2': 'Choose a date between 28 November 2026 and 23 December 2026'
		});
		expect(check({ slots: [{ date: '2026-12-24', start: '14:00' }] })).toEqual({
			'slots.0': 'Choose a date between 28 November 2026 and 23 December 2026'
		});
		expect(check({}, { usage: new Map([[slotUsageKey('2026-11-28', '09:30'), 12]]) })).toEqual({
			'slots.0': 'This time is fully booked: choose another'
		});
	});

	it('judges the lead visitor’s age on the first chosen date', () => {
		const lead = { firstName: 'Sam', lastName: 'Young', email: 'sam@example.com' };
		// Turns 18 on 29 November: too young on the 28th, old enough on the 29th.
		expect(check({ visitors: [{ ...lead, dateOfBirth: '2008-11-29' }] })).toEqual({
			'visitors.0.dateOfBirth': 'The lead visitor must be 18 or older on the date of the visit'
		});
		expect(check({ visitors: [{ ...lead, dateOfBirth: '2008-11-29' }], slots: [{ date: '2026-11-29', start: '14:00' }] })).toEqual({});
	});

	it('keeps to the limits on visitors and adults', () => {
		const adult = { firstName: 'A', lastName: 'B', dateOfBirth: '1980-01-01' };
		const child = { firstName: 'C', lastName: 'D', dateOfBirth: '2020-01-01' };
		const lead = { ...adult, email: 'lead@example.com' };
		expect(check({ visitors: [lead, adult, adult, adult] })).toEqual({
			visitors: 'You can bring up to 3 visitors aged 18 or over'
		});
		expect(check({ visitors: [lead, adult, adult, child, child, child] })).toEqual({});
		expect(
			checkVisitRequest(VisitRequestInput.parse(aRequest({ visitors: [lead, adult, child, child] })), {
				...context,
				prison: { ...prison, maxVisitors: 3 }
			})
		).toEqual({ visitors: 'You can bring up to 3 visitors in total' });
	});

	it('refuses dates of birth in the future or over 120 years ago', () => {
		expect(check({ prisoner: { firstName: 'A', lastName: 'B', dateOfBirth: '2027-01-01', prisonerNumber: 'A1234BC' } })).toEqual({
			'prisoner.dateOfBirth': 'Date of birth must be in the past'
		});
		expect(check({ prisoner: { firstName: 'A', lastName: 'B', dateOfBirth: '1906-11-24', prisonerNumber: 'A1234BC' } })).toEqual({
			'prisoner.dateOfBirth': 'Date of birth must be within the last 120 years'
		});
	});
});
