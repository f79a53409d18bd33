// Bad input gets every problem in one 4xx: the schema's and the product's rules together, so a
// device is never sent back a second time for a problem that was there the first time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t, tPlural, translate } from '../../src/lib/shared/i18n';
import {
	aVisitRequest,
	bookableDate,
	call,
	createPrison,
	createStaff,
	newDeviceSecret,
	signIn,
	startTestApi,
	type TestApi
} from '../helpers/api';

let api: TestApi;
let prisonId: string;
let cookie: string;
const phone = newDeviceSecret();

beforeAll(async () => {
	api = await startTestApi();
	prisonId = await createPrison(api.db);
	cookie = await signIn(api, await createStaff(api.db, { prisonIds: [prisonId] }));
});
afterAll(async () => {
	await api?.close();
});

const submit = (body: unknown) => call(api, 'POST', '/api/visit-requests', { body, bearer: phone });
const stored = async (id: string) => (await api.db.selectFrom('visitRequests').select('id').where('id', '=', id).execute()).length;
const adult = (firstName: string) => ({ firstName, lastName: 'Lovelace', dateOfBirth: '1970-01-01' });
/** A ten-year-old, whatever year the tests run in (a fixed year would turn adult one day). */
const childBorn = `${new Date().getUTCFullYear() - 10}-06-01`;

describe('a visit request with several problems', () => {
	it('names an under-age lead visitor and the missing contact in one 400', async () => {
		const request = aVisitRequest(prisonId, { visitors: [{ firstName: 'Kit', lastName: 'Lovelace', dateOfBirth: childBorn }] });
		const { status, body } = await submit(request);
		expect(status).toBe(400);
		expect(body.error.fields).toEqual({
			'visitors.0.dateOfBirth': t('validation.lead.underAge', { age: 18 }),
			'visitors.0.email': t('validation.lead.contact')
		});
		expect(await stored(request.id)).toBe(0);
	});

	it('names too many adults, a date of birth that is not real and a time not in the timetable in one 400', async () => {
		const visitors = [
			{ ...adult('Mary'), email: 'mary@example.com' },
			adult('Ann'),
			adult('Bea'),
			adult('Cy'),
			{ ...adult('Di'), dateOfBirth: '1980-02-31' }
		];
		const request = aVisitRequest(prisonId, {
			visitors,
			slots: [
				{ date: bookableDate(1), start: '09:30' },
				{ date: '2026-13-01', start: '14:00' }
			]
		});
		const { status, body } = await submit(request);
		expect(status).toBe(400);
		expect(body.error.fields).toEqual({
			visitors: tPlural('validation.visitors.tooManyAdults', 3, { age: 18 }),
			'visitors.4.dateOfBirth': t('visitorField.dateOfBirth.invalid.numbered', { number: 5 }),
			'slots.0': t('validation.slot.unknown'),
			'slots.1.date': t('validation.date.invalid')
		});
		expect(await stored(request.id)).toBe(0);
	});

	it('says which visitor each problem is about: the lead visitor, or visitor N, in English and Welsh', async () => {
		const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
		const request = aVisitRequest(prisonId, {
			visitors: [
				{ firstName: '', lastName: 'Lovelace', dateOfBirth: '1970-01-01', email: 'mary@example.com' },
				adult('Ann'),
				{ firstName: 'Bea', lastName: '', dateOfBirth: '' },
				{ firstName: 'Cy', lastName: 'Lovelace', dateOfBirth: tomorrow }
			]
		});
		for (const locale of ['en', 'cy'] as const) {
			const { status, body } = await call(api, 'POST', '/api/visit-requests', {
				body: request,
				bearer: phone,
				headers: { 'accept-language': locale }
			});
			expect(status).toBe(400);
			expect(body.error.fields).toEqual({
				'visitors.0.firstName': translate(locale, 'visitorField.firstName.required.lead'),
				'visitors.2.lastName': translate(locale, 'visitorField.lastName.required.numbered', { number: 3 }),
				'visitors.2.dateOfBirth': translate(locale, 'visitorField.dateOfBirth.required.numbered', { number: 3 }),
				'visitors.3.dateOfBirth': translate(locale, 'visitorField.dateOfBirth.future.numbered', { number: 4 })
			});
		}
		expect(translate('cy', 'visitorField.lastName.required.numbered', { number: 3 })).toBe('Rhowch gyfenw ymwelydd 3');
		expect(await stored(request.id)).toBe(0);
	});

	it('keeps the 422 for a well-formed request that breaks several rules, with all of them', async () => {
		const request = aVisitRequest(prisonId, {
			visitors: [
				{ firstName: 'Kit', lastName: 'Lovelace', dateOfBirth: childBorn, phone: '07700 900123' },
				adult('Ann'),
				adult('Bea'),
				adult('Cy'),
				adult('Dee')
			],
			slots: [{ date: bookableDate(1), start: '09:30' }]
		});
		const { status, body } = await submit(request);
		expect(status).toBe(422);
		expect(body.error.fields).toEqual({
			visitors: tPlural('validation.visitors.tooManyAdults', 3, { age: 18 }),
			'visitors.0.dateOfBirth': t('validation.lead.underAge', { age: 18 }),
			'slots.0': t('validation.slot.unknown')
		});
	});

	it('answers the schema alone for an unknown prison, and a body of the wrong shape with a 400', async () => {
		const unknown = await submit(
			aVisitRequest('5b0f7c1e-0000-4000-8000-000000000000', { visitors: [{ firstName: 'Kit', lastName: 'L', dateOfBirth: childBorn }] })
		);
		expect(unknown.status).toBe(400);
		expect(unknown.body.error.fields).toEqual({ 'visitors.0.email': t('validation.lead.contact') });
		for (const body of [null, [], { prisonId, visitors: 'x', slots: [null, 5] }]) {
			const answer = await submit(body);
			expect(answer.status).toBe(400);
			expect(answer.body.error.code).toBe('validation_failed');
		}
	});

	it('accepts a prisoner number typed with spaces and in lower case, and stores it as A1234BC', async () => {
		const request = aVisitRequest(prisonId, {
			prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: ' a 1234 bc ' }
		});
		const { status, body } = await submit(request);
		expect(status).toBe(201);
		expect(body.prisoner.prisonerNumber).toBe('A1234BC');
		const row = await api.db.selectFrom('visitRequests').select('prisonerNumber').where('id', '=', request.id).executeTakeFirstOrThrow();
		expect(row.prisonerNumber).toBe('A1234BC');
	});
});

describe('a timetable with several problems', () => {
	it('names each time that is not a 24-hour HH:MM time at its own field in one 400', async () => {
		const { status, body } = await call(api, 'PUT', `/api/staff/prisons/${prisonId}/timetable`, {
			cookie,
			body: {
				slots: [
					{ weekday: 1, start: '2pm', end: '16:00', capacity: 10 },
					{ weekday: 2, start: '14:00', end: '25:00', capacity: 10 },
					{ weekday: 3, start: '', end: '16:00', capacity: 10 }
				]
			}
		});
		expect(status).toBe(400);
		expect(body.error.fields).toEqual({
			'slots.0.start': t('validation.time.format'),
			'slots.1.end': t('validation.time.format'),
			'slots.2.start': t('validation.time.format')
		});
	});

	it('names an end before the start and a bad capacity in one 400, and changes nothing', async () => {
		const before = await api.db.selectFrom('timetableSlots').selectAll().where('prisonId', '=', prisonId).execute();
		const { status, body } = await call(api, 'PUT', `/api/staff/prisons/${prisonId}/timetable`, {
			cookie,
			body: {
				slots: [
					{ weekday: 1, start: '14:00', end: '13:00', capacity: 10 },
					{ weekday: 2, start: '14:00', end: '16:00', capacity: -1 },
					{ weekday: 3, start: '15:00', end: '14:00' }
				]
			}
		});
		expect(status).toBe(400);
		expect(body.error.fields).toEqual({
			'slots.0.end': t('validation.time.order'),
			'slots.1.capacity': t('field.capacity.invalid', { max: 500 }),
			'slots.2.capacity': t('field.capacity.invalid', { max: 500 }),
			'slots.2.end': t('validation.time.order')
		});
		expect(await api.db.selectFrom('timetableSlots').selectAll().where('prisonId', '=', prisonId).execute()).toEqual(before);
	});
});
