import { describe, expect, it } from 'vitest';
import { RejectInput, TimetableInput, VisitRequestInput, DateRangeQuery } from '../../../src/lib/shared/schemas';
import { parseInput } from '../../../src/lib/shared/validation';
import { aRequest } from './fixtures';

describe('visit request form', () => {
	it('accepts a complete request and normalises what people type', () => {
		const parsed = parseInput(VisitRequestInput, aRequest());
		expect(parsed.ok).toBe(true);
		if (parsed.ok) expect(parsed.value.prisoner.prisonerNumber).toBe('A1234BC');
	});

	it('names each missing or malformed field', () => {
		const parsed = parseInput(VisitRequestInput, {
			...aRequest(),
			prisoner: { firstName: ' ', lastName: 'Lovelace', dateOfBirth: '1990-02-30', prisonerNumber: '1234ABC' }
		});
		expect(parsed).toEqual({
			ok: false,
			fields: {
				'prisoner.firstName': 'Enter the prisoner’s first name',
				'prisoner.dateOfBirth': 'Enter a real date',
				'prisoner.prisonerNumber': 'Enter a prisoner number like A1234BC'
			}
		});
	});

	it('needs a way to contact the lead visitor', () => {
		const parsed = parseInput(
			VisitRequestInput,
			aRequest({ visitors: [{ firstName: 'Mary', lastName: 'L', dateOfBirth: '1965-02-03', email: '', phone: '' }] })
		);
		expect(parsed.ok ? {} : parsed.fields).toEqual({ 'visitors.0.email': 'Enter an email address or a UK phone number' });
	});

	it('accepts UK phone numbers written the usual ways, and refuses others', () => {
		for (const phone of ['07700 900982', '+44 7700 900982', '(020) 7946 0000']) {
			const parsed = parseInput(
				VisitRequestInput,
				aRequest({ visitors: [{ firstName: 'M', lastName: 'L', dateOfBirth: '1965-02-03', phone }] })
			);
			expect(parsed.ok, phone).toBe(true);
		}
		const parsed = parseInput(
			VisitRequestInput,
			aRequest({ visitors: [{ firstName: 'M', lastName: 'L', dateOfBirth: '1965-02-03', phone: '+1 555 0100' }] })
		);
		expect(parsed.ok ? {} : parsed.fields).toEqual({ 'visitors.0.phone': 'Enter a UK phone number, like 07700 900 982' });
	});

	it('takes one to three different slots', () => {
		const none = parseInput(VisitRequestInput, aRequest({ slots: [] }));
		expect(none.ok ? {} : none.fields).toEqual({ slots: 'Choose at least one time' });
		const slot = { date: '2026-11-28', start: '14:00' };
		const same = parseInput(VisitRequestInput, aRequest({ slots: [slot, { ...slot }] }));
		expect(same.ok ? {} : same.fields).toEqual({ 'slots.1': 'Choose different times' });
		const four = parseInput(VisitRequestInput, aRequest({ slots: [1, 2, 3, 4].map((d) => ({ date: `2026-12-0${d}`, start: '14:00' })) }));
		expect(four.ok ? {} : four.fields).toEqual({ slots: 'Choose up to 3 times' });
	});

	it('refuses fields it does not know, including prototype keys', () => {
		const parsed = parseInput(VisitRequestInput, JSON.parse(JSON.stringify(aRequest()).replace('{', '{"__proto__":{"admin":true},')));
		expect(parsed.ok).toBe(false);
		expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
	});
});

describe('staff forms', () => {
	it('needs a message when the reason is other', () => {
		const parsed = parseInput(RejectInput, { reasons: ['other'] });
		expect(parsed.ok ? {} : parsed.fields).toEqual({ message: 'Enter a message explaining the reason' });
		expect(parseInput(RejectInput, { reasons: ['other'], message: 'Visits suspended' }).ok).toBe(true);
		expect(parseInput(RejectInput, { reasons: [] }).ok).toBe(false);
		expect(parseInput(RejectInput, { reasons: ['because'] }).ok).toBe(false);
	});

	it('refuses timetable slots that end before they start or overlap', () => {
		const parsed = parseInput(TimetableInput, {
			slots: [
				{ weekday: 1, start: '14:00', end: '16:00', capacity: 20 },
				{ weekday: 1, start: '15:00', end: '17:00', capacity: 20 },
				{ weekday: 2, start: '14:00', end: '13:00', capacity: 20 }
			]
		});
		expect(parsed.ok ? {} : parsed.fields).toEqual({
			'slots.1.start': 'This slot overlaps another on the same day',
			'slots.2.end': 'End time must be after the start time'
		});
	});

	it('limits calendar queries to a sensible range', () => {
		expect(parseInput(DateRangeQuery, { from: '2026-12-01', to: '2026-11-01' }).ok).toBe(false);
		expect(parseInput(DateRangeQuery, { from: '2026-01-01', to: '2026-12-31' }).ok).toBe(false);
		expect(parseInput(DateRangeQuery, { from: '2026-11-28', to: '2026-12-23' }).ok).toBe(true);
	});
});
