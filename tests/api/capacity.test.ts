import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

beforeAll(async () => {
	api = await startTestApi();
});
afterAll(async () => {
	await api?.close();
});

describe('capacity', () => {
	it('books exactly 10 of 50 concurrent confirms into a slot of 10, and refuses 40 with 409', async () => {
		const prisonId = await createPrison(api.db, {
			timetable: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '14:00', end: '16:00', capacity: 10 }))
		});
		const officer = await createStaff(api.db, { prisonIds: [prisonId] });
		const cookie = await signIn(api, officer);
		const slot = { date: bookableDate(2), start: '14:00' };

		const ids: string[] = [];
		for (let i = 0; i < 50; i += 1) {
			const body = aVisitRequest(prisonId, { slots: [slot] });
			const response = await call(api, 'POST', '/api/visit-requests', { body, bearer: newDeviceSecret() });
			expect(response.status).toBe(201);
			ids.push(body.id);
		}

		const answers = await Promise.all(ids.map((id) => call(api, 'POST', `/api/staff/requests/${id}/confirm`, { cookie, body: { slot } })));
		const statuses = answers.map((a) => a.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(10);
		expect(statuses.filter((s) => s === 409)).toHaveLength(40);
		expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'slot_full')).toBe(true);

		const booked = await api.db
			.selectFrom('visitRequests')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('prisonId', '=', prisonId)
			.where('status', '=', 'booked')
			.executeTakeFirstOrThrow();
		expect(booked.n).toBe(10);
		const usage = await api.db.selectFrom('slotUsage').select('booked').where('prisonId', '=', prisonId).executeTakeFirstOrThrow();
		expect(usage.booked).toBe(10);
	});
});
