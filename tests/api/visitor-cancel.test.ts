// A visitor cancels a booked visit from their phone: allowed until the visit starts, never after,
// and the place goes back on the calendar. The server's clock is the test's, so "after" is exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROCHESTER } from '../../server/demo-prison';
import { instantOf } from '../../src/lib/shared/rules/dates';
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
let now = new Date();
const phone = newDeviceSecret();

beforeAll(async () => {
	api = await startTestApi({ clock: () => now });
	prisonId = await createPrison(api.db);
	cookie = await signIn(api, await createStaff(api.db, { prisonIds: [prisonId], name: 'Sam Officer' }));
});
afterAll(async () => {
	await api?.close();
});

async function bookedVisit(slot: { date: string; start: string }) {
	const body = aVisitRequest(prisonId, { slots: [slot] });
	expect((await call(api, 'POST', '/api/visit-requests', { body, bearer: phone })).status).toBe(201);
	const confirmed = await call(api, 'POST', `/api/staff/requests/${body.id}/confirm`, { cookie, body: { slot } });
	expect(confirmed.status).toBe(200);
	return body.id;
}

async function placesLeft(slot: { date: string; start: string }): Promise<number> {
	const { body } = await call(api, 'GET', `/api/prisons/${prisonId}/slots?from=${slot.date}&to=${slot.date}`);
	return body.days[0].slots.find((s: { start: string }) => s.start === slot.start).available;
}

describe('a visitor cancelling a booked visit', () => {
	it('cancels it before it starts, harmlessly twice, and the place goes back', async () => {
		const slot = { date: bookableDate(6), start: '09:30' };
		const free = await placesLeft(slot);
		const id = await bookedVisit(slot);
		expect(await placesLeft(slot)).toBe(free - 1);

		const cancelled = await call(api, 'POST', `/api/visit-requests/${id}/cancel`, { bearer: phone, body: {} });
		expect(cancelled.status).toBe(200);
		expect(cancelled.body).toMatchObject({ id, status: 'cancelled', cancellationReason: 'visitor_asked' });
		// A phone that never heard the first answer sends it again.
		expect((await call(api, 'POST', `/api/visit-requests/${id}/cancel`, { bearer: phone, body: {} })).status).toBe(200);
		expect(await placesLeft(slot)).toBe(free);

		const seen = await call(api, 'GET', `/api/visit-requests/${id}`, { bearer: phone });
		expect(seen.body.status).toBe('cancelled');
		const history = await call(api, 'GET', `/api/staff/requests/${id}`, { cookie });
		expect(history.body.history.map((h: { toStatus: string; actorType: string }) => [h.toStatus, h.actorType])).toEqual([
			['requested', 'device'],
			['booked', 'staff'],
			['cancelled', 'device']
		]);
	});

	it('cannot cancel a visit that has started, and another phone cannot cancel it at all', async () => {
		const slot = { date: bookableDate(7), start: '14:00' };
		const id = await bookedVisit(slot);
		expect((await call(api, 'POST', `/api/visit-requests/${id}/cancel`, { bearer: newDeviceSecret(), body: {} })).status).toBe(404);

		const saved = now;
		now = new Date(instantOf(slot.date, slot.start, ROCHESTER.timeZone!).getTime() + 60_000);
		try {
			const late = await call(api, 'POST', `/api/visit-requests/${id}/cancel`, { bearer: phone, body: {} });
			expect(late.status).toBe(409);
			expect(late.body.error.message).toEqual(expect.any(String));
			expect((await call(api, 'GET', `/api/visit-requests/${id}`, { bearer: phone })).body.status).toBe('booked');
		} finally {
			now = saved;
		}
	});
});
