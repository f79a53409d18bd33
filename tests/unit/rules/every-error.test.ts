// Every problem in one round: the schema's and the rules' together, also when one field's check
// fails in a way that used to stop the cross-field checks (a missing value, a wrong type).
import { describe, expect, it } from 'vitest';
import { t, tPlural } from '../../../src/lib/shared/i18n';
import { checkRequestBody, type RequestContext } from '../../../src/lib/shared/rules/visit-request';
import { prisonerNumber, TimetableInput } from '../../../src/lib/shared/schemas';
import { fieldErrorsOf } from '../../../src/lib/shared/validation';
import { aRequest, now, prison, rochesterTimetable } from './fixtures';

const context: RequestContext = { prison, timetable: rochesterTimetable, closures: [], now };
const adult = (firstName: string) => ({ firstName, lastName: 'Lovelace', dateOfBirth: '1970-01-01' });

describe('a visit request with several problems', () => {
	it('names an under-age lead visitor and the missing contact together', () => {
		const result = checkRequestBody(
			aRequest({ visitors: [{ firstName: 'Kit', lastName: 'Lovelace', dateOfBirth: '2015-06-01' }] }),
			context
		);
		expect(result).toEqual({
			ok: false,
			fields: {
				'visitors.0.dateOfBirth': t('validation.lead.underAge', { age: 18 }),
				'visitors.0.email': t('validation.lead.contact')
			}
		});
	});

	it('names too many adults and a date of birth that is not a real date together', () => {
		const visitors = [
			{ ...adult('Mary'), email: 'mary@example.com' },
			adult('Ann'),
			adult('Bea'),
			adult('Cy'),
			{ ...adult('Di'), dateOfBirth: '1980-02-31' }
		];
		const result = checkRequestBody(aRequest({ visitors }), context);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.fields).toEqual({
			visitors: tPlural('validation.visitors.tooManyAdults', 3, { age: 18 }),
			'visitors.4.dateOfBirth': t('visitorField.dateOfBirth.invalid.numbered', { number: 5 })
		});
		// In the order the page asks: the party's problem first, then the visitor's field.
		expect(Object.keys(result.fields)).toEqual(['visitors', 'visitors.4.dateOfBirth']);
	});

	it('judges the good times even when one time is malformed, and the party beside a missing name', () => {
		const result = checkRequestBody(
			aRequest({
				prisoner: { firstName: '', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: 'A1234BC' },
				visitors: [{ firstName: 'Kit', lastName: 'Lovelace', dateOfBirth: '2015-06-01', email: 'kit@example.com' }],
				slots: [
					{ date: '2026-11-30', start: '09:30' },
					{ date: 'soon', start: '14:00' }
				]
			}),
			context
		);
		expect(result.ok ? {} : result.fields).toEqual({
			'prisoner.firstName': t('field.prisoner.firstName.required'),
			'visitors.0.dateOfBirth': t('validation.lead.underAge', { age: 18 }),
			'slots.0': t('validation.slot.unknown'),
			'slots.1.date': t('validation.date.invalid')
		});
	});

	it('still checks the lead visitor’s contact when a field is missing altogether (a wrong type, not an empty box)', () => {
		const body = { ...aRequest({ visitors: [{ lastName: 'Lovelace', dateOfBirth: '1965-02-03' }] as never }) };
		const result = checkRequestBody(body, context);
		expect(result.ok ? {} : Object.keys(result.fields)).toEqual(['visitors.0.firstName', 'visitors.0.email']);
	});

	it('answers a body of the wrong shape without throwing', () => {
		for (const body of [null, 3, 'text', [], { visitors: 'x', slots: [null] }]) {
			const result = checkRequestBody(body, context);
			expect(result.ok).toBe(false);
		}
	});
});

describe('a timetable with several problems', () => {
	it('names an end before the start beside a bad or missing capacity', () => {
		for (const capacity of [undefined, Number.NaN, 501, 'ten']) {
			const result = TimetableInput.safeParse({ slots: [{ weekday: 1, start: '14:00', end: '13:00', capacity }] });
			expect(result.success).toBe(false);
			expect(result.error && fieldErrorsOf(result.error.issues)).toEqual({
				'slots.0.capacity': t('field.capacity.invalid', { max: 500 }),
				'slots.0.end': t('validation.time.order')
			});
		}
	});

	it('still finds overlapping rows when another row has a missing weekday', () => {
		const result = TimetableInput.safeParse({
			slots: [
				{ weekday: 2, start: '14:00', end: '16:00', capacity: 10 },
				{ weekday: 2, start: '15:00', end: '17:00', capacity: 10 },
				{ start: '09:00', end: '10:00', capacity: 10 }
			]
		});
		expect(result.error && fieldErrorsOf(result.error.issues)).toEqual({
			'slots.1.start': t('field.timetable.overlap'),
			'slots.2.weekday': t('field.weekday.invalid')
		});
	});
});

describe('prisoner number as people write it', () => {
	it('drops spaces and upper-cases: a 1234 bc is A1234BC', () => {
		expect(prisonerNumber.parse('a 1234 bc')).toBe('A1234BC');
		expect(prisonerNumber.parse('  A1234 BC ')).toBe('A1234BC');
		expect(prisonerNumber.safeParse('a 1234 b').success).toBe(false);
	});
});
