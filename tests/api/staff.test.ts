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
let rochester: string;
let elsewhere: string;
let officer: { id: string; email: string; password: string; name: string };
let cookie: string;
let otherCookie: string;
const phone = newDeviceSecret();

beforeAll(async () => {
	api = await startTestApi();
	rochester = await createPrison(api.db);
	elsewhere = await createPrison(api.db);
	officer = await createStaff(api.db, { prisonIds: [rochester], name: 'Sam Officer' });
	const otherOfficer = await createStaff(api.db, { prisonIds: [elsewhere], name: 'Pat Elsewhere' });
	cookie = await signIn(api, officer);
	otherCookie = await signIn(api, otherOfficer);
});
afterAll(async () => {
	await api?.close();
});

async function requested(prisonId = rochester, overrides = {}) {
	const body = aVisitRequest(prisonId, overrides);
	const response = await call(api, 'POST', '/api/visit-requests', { body, bearer: phone });
	expect(response.status).toBe(201);
	return response.body as { id: string; slots: { date: string; start: string }[] };
}

describe('signing in', () => {
	it('gives an HttpOnly, SameSite=Strict session cookie and says who is signed in', async () => {
		const response = await call(api, 'POST', '/api/staff/login', {
			body: { email: officer.email.toUpperCase(), password: officer.password }
		});
		expect(response.status).toBe(200);
		const setCookie = response.headers.get('set-cookie') ?? '';
		expect(setCookie).toMatch(/HttpOnly/i);
		expect(setCookie).toMatch(/SameSite=Strict/i);
		const me = await call(api, 'GET', '/api/staff/me', { cookie });
		expect(me.body).toMatchObject({ email: officer.email, name: 'Sam Officer', prisons: [{ id: rochester }] });
	});

	it('answers a wrong password and an unknown email the same way', async () => {
		const wrong = await call(api, 'POST', '/api/staff/login', { body: { email: officer.email, password: 'nope' } });
		const unknown = await call(api, 'POST', '/api/staff/login', { body: { email: 'nobody@prison.example', password: 'nope' } });
		expect(wrong.status).toBe(401);
		expect(unknown.status).toBe(401);
		expect(wrong.body).toEqual(unknown.body);
	});

	it('refuses staff routes without a session, and a visitor credential is no session', async () => {
		expect((await call(api, 'GET', '/api/staff/requests')).status).toBe(401);
		expect((await call(api, 'GET', '/api/staff/requests', { bearer: phone })).status).toBe(401);
	});

	it('ends the session on the server at sign-out', async () => {
		const session = await signIn(api, officer);
		expect((await call(api, 'POST', '/api/staff/logout', { cookie: session })).status).toBe(200);
		expect((await call(api, 'GET', '/api/staff/me', { cookie: session })).status).toBe(401);
	});
});

describe('the queue and decisions', () => {
	it('lists requests awaiting a decision, oldest first, with counts', async () => {
		const first = await requested();
		const second = await requested();
		const { status, body } = await call(api, 'GET', `/api/staff/requests?prisonId=${rochester}`, { cookie });
		expect(status).toBe(200);
		const ids: string[] = body.requests.map((r: { id: string }) => r.id);
		// Both listed (indexOf would be -1 for a missing one, and -1 is "before" anything), first one first.
		expect(ids).toContain(first.id);
		expect(ids).toContain(second.id);
		expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
		expect(body.counts.requested).toBe(ids.length);
	});

	it('shows a request with its history and the places left in each choice', async () => {
		const request = await requested();
		const { body } = await call(api, 'GET', `/api/staff/requests/${request.id}`, { cookie });
		expect(body.history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'requested', actorType: 'device' })]);
		expect(body.choices).toEqual([
			expect.objectContaining({ ...request.slots[0], capacity: 20, available: expect.any(Number), bookable: true })
		]);
	});

	it('confirms a chosen slot, and the visitor sees it booked', async () => {
		const request = await requested();
		const slot = request.slots[0]!;
		const confirmed = await call(api, 'POST', `/api/staff/requests/${request.id}/confirm`, {
			cookie,
			body: { slot, message: 'See you then' }
		});
		expect(confirmed.status).toBe(200);
		expect(confirmed.body).toMatchObject({ status: 'booked', bookedSlot: { ...slot, end: '16:00' }, message: 'See you then' });
		const seen = await call(api, 'GET', `/api/visit-requests/${request.id}`, { bearer: phone });
		expect(seen.body.status).toBe('booked');
		const history = await call(api, 'GET', `/api/staff/requests/${request.id}`, { cookie });
		expect(history.body.history.at(-1)).toMatchObject({ toStatus: 'booked', actorType: 'staff', actorName: 'Sam Officer' });
	});

	it('says who decided first when a second decision comes in', async () => {
		const request = await requested();
		await call(api, 'POST', `/api/staff/requests/${request.id}/confirm`, { cookie, body: { slot: request.slots[0] } });
		const late = await call(api, 'POST', `/api/staff/requests/${request.id}/reject`, { cookie, body: { reasons: ['no_allowance'] } });
		expect(late.status).toBe(409);
		expect(late.body.error.code).toBe('state_conflict');
		expect(late.body.error.message).toContain('Sam Officer');
		expect(late.body.error.details).toMatchObject({ status: 'booked', by: 'Sam Officer' });
	});

	it('refuses a slot the visitor did not choose', async () => {
		const request = await requested();
		const response = await call(api, 'POST', `/api/staff/requests/${request.id}/confirm`, {
			cookie,
			body: { slot: { date: bookableDate(2), start: '14:00' } }
		});
		expect(response.status).toBe(422);
		expect(response.body.error.fields).toEqual({ slot: 'Choose one of the times the visitor asked for' });
	});

	it('rejects with reasons, and needs a message for "other"', async () => {
		const request = await requested();
		const noMessage = await call(api, 'POST', `/api/staff/requests/${request.id}/reject`, { cookie, body: { reasons: ['other'] } });
		expect(noMessage.status).toBe(400);
		expect(noMessage.body.error.fields).toEqual({ message: 'Enter a message explaining the reason' });
		const rejected = await call(api, 'POST', `/api/staff/requests/${request.id}/reject`, {
			cookie,
			body: { reasons: ['visitor_not_on_list', 'other'], message: 'Please ask the prisoner to add you' }
		});
		expect(rejected.status).toBe(200);
		expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReasons: ['visitor_not_on_list', 'other'] });
	});

	it('cancels a booked visit and gives its place back', async () => {
		const request = await requested(rochester, { slots: [{ date: bookableDate(6), start: '09:30' }] });
		const slot = request.slots[0]!;
		const places = async () => {
			const { body } = await call(api, 'GET', `/api/prisons/${rochester}/slots?from=${slot.date}&to=${slot.date}`);
			return body.days[0].slots.find((s: { start: string }) => s.start === slot.start).available;
		};
		const before = await places();
		await call(api, 'POST', `/api/staff/requests/${request.id}/confirm`, { cookie, body: { slot } });
		expect(await places()).toBe(before - 1);
		const cancelled = await call(api, 'POST', `/api/staff/requests/${request.id}/cancel`, { cookie, body: { reason: 'prison_closed' } });
		expect(cancelled.status).toBe(200);
		expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellationReason: 'prison_closed' });
		expect(await places()).toBe(before);
	});
});

describe('prison scope', () => {
	it("keeps staff out of another prison's requests and settings", async () => {
		const request = await requested();
		const read = await call(api, 'GET', `/api/staff/requests/${request.id}`, { cookie: otherCookie });
		expect(read.status).toBe(403);
		const confirm = await call(api, 'POST', `/api/staff/requests/${request.id}/confirm`, {
			cookie: otherCookie,
			body: { slot: request.slots[0] }
		});
		expect(confirm.status).toBe(403);
		const queue = await call(api, 'GET', `/api/staff/requests?prisonId=${rochester}`, { cookie: otherCookie });
		expect(queue.status).toBe(403);
		const own = await call(api, 'GET', '/api/staff/requests', { cookie: otherCookie });
		expect(own.body.requests.map((r: { id: string }) => r.id)).not.toContain(request.id);
		const timetable = await call(api, 'PUT', `/api/staff/prisons/${rochester}/timetable`, { cookie: otherCookie, body: { slots: [] } });
		expect(timetable.status).toBe(403);
		const stillRequested = await call(api, 'GET', `/api/visit-requests/${request.id}`, { bearer: phone });
		expect(stillRequested.body.status).toBe('requested');
	});

	it('refuses a write from a foreign Origin', async () => {
		const request = await requested();
		const response = await call(api, 'POST', `/api/staff/requests/${request.id}/confirm`, {
			cookie,
			origin: 'https://evil.example',
			body: { slot: request.slots[0] }
		});
		expect(response.status).toBe(403);
	});
});

describe('timetable, closures and the day list', () => {
	it('changes what the visitor calendar offers', async () => {
		const prison = await createPrison(api.db);
		const admin = await createStaff(api.db, { prisonIds: [prison] });
		const session = await signIn(api, admin);
		const monday = bookableDate(1);
		const calendarDay = async () => {
			const { body } = await call(api, 'GET', `/api/prisons/${prison}/slots?from=${monday}&to=${monday}`);
			return body.days[0];
		};

		const put = await call(api, 'PUT', `/api/staff/prisons/${prison}/timetable`, {
			cookie: session,
			body: { slots: [{ weekday: 1, start: '10:00', end: '11:00', capacity: 4 }] }
		});
		expect(put.status).toBe(200);
		expect((await calendarDay()).slots).toEqual([expect.objectContaining({ start: '10:00', capacity: 4, available: 4, bookable: true })]);

		const closed = await call(api, 'POST', `/api/staff/prisons/${prison}/closures`, {
			cookie: session,
			body: { date: monday, reason: 'Water leak' }
		});
		expect(closed.status).toBe(201);
		expect(await calendarDay()).toMatchObject({ closed: true, closedReason: 'Water leak' });

		const reopened = await call(api, 'DELETE', `/api/staff/prisons/${prison}/closures`, { cookie: session, body: { date: monday } });
		expect(reopened.status).toBe(204);
		expect((await calendarDay()).closed).toBeUndefined();

		const audit = await api.db.selectFrom('auditLog').select('action').where('prisonId', '=', prison).orderBy('id').execute();
		expect(audit.map((a) => a.action)).toEqual(['timetable.replace', 'closure.add', 'closure.remove']);
	});

	it("lists the day's visits by slot", async () => {
		const request = await requested();
		const slot = request.slots[0]!;
		await call(api, 'POST', `/api/staff/requests/${request.id}/confirm`, { cookie, body: { slot } });
		const { status, body } = await call(api, 'GET', `/api/staff/visits?prisonId=${rochester}&date=${slot.date}`, { cookie });
		expect(status).toBe(200);
		const afternoon = body.slots.find((s: { start: string }) => s.start === slot.start);
		expect(afternoon.visits.map((v: { id: string }) => v.id)).toContain(request.id);
	});
});
