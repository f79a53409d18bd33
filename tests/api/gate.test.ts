// At the gate: the visitor's answer carries a pass signed with the prison's key, the
// day's list carries that key and each visit's attendance, and an arrival is recorded once, by a
// booked visit's prison only, with every bad input refused and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePass, encodePass, verifyPass, type PassPublicKey } from '../../src/lib/shared/gate/pass';
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
	type TestApi,
	yearBorn
} from '../helpers/api';

let api: TestApi;
let prisonId: string;
let otherPrisonId: string;
let cookie: string;
let otherCookie: string;
let sam: { email: string; password: string };
let other: { email: string; password: string };
let hall: { email: string; password: string } | undefined;
let hallCookie = '';
let now = new Date();
const phone = newDeviceSecret();
const saturday = bookableDate(6);
const TZ = 'Europe/London';
const at = (time: string) => instantOf(saturday, time, TZ);

beforeAll(async () => {
	api = await startTestApi({ clock: () => now });
	prisonId = await createPrison(api.db);
	otherPrisonId = await createPrison(api.db);
	sam = await createStaff(api.db, { prisonIds: [prisonId], name: 'Sam Officer' });
	other = await createStaff(api.db, { prisonIds: [otherPrisonId], name: 'Other Officer' });
	await setClock(new Date());
});

/** Moves the server's clock; sessions are signed in again, as a session from days before would have expired. */
async function setClock(instant: Date) {
	now = instant;
	// Sign-ins are rate limited per address on the app's clock, and this file signs in from one address
	// dozens of times while moving that clock days back and forth (a bucket never refills backwards): start each
	// move with full buckets. The limits themselves are tested in tests/reliability/rate-limits.test.ts.
	await api.db.deleteFrom('rateLimits').execute();
	cookie = await signIn(api, sam);
	otherCookie = await signIn(api, other);
	if (hall) hallCookie = await signIn(api, hall);
}
const onTheDay = (time: string) => setClock(at(time));
afterAll(async () => {
	await api?.close();
});

async function requested(overrides: Parameters<typeof aVisitRequest>[1] = {}) {
	const body = aVisitRequest(prisonId, overrides);
	const sent = await call(api, 'POST', '/api/visit-requests', { body, bearer: phone });
	expect(sent.status).toBe(201);
	return body.id;
}

async function booked(start: string, overrides: Parameters<typeof aVisitRequest>[1] = {}, excludedVisitors: number[] = []) {
	const id = await requested({ slots: [{ date: saturday, start }], ...overrides });
	const confirmed = await call(api, 'POST', `/api/staff/requests/${id}/confirm`, {
		cookie,
		body: { slot: { date: saturday, start }, excludedVisitors }
	});
	expect(confirmed.status).toBe(200);
	return id;
}

const arrivalRows = async (id: string) =>
	(await api.db.selectFrom('visitArrivals').selectAll().where('requestId', '=', id).execute()).length;
const auditRows = async (id: string) =>
	(await api.db.selectFrom('auditLog').select('action').where('target', '=', id).where('action', '=', 'visit.arrival').execute()).length;

describe('the visit pass', () => {
	it('comes with a booked visit, signed so that the key served with the day’s list verifies it, and a changed pass fails', async () => {
		await setClock(new Date());
		const id = await booked('14:00');
		const waiting = await requested();

		const mine = await call(api, 'GET', `/api/visit-requests/${id}`, { bearer: phone });
		expect(mine.status).toBe(200);
		const pass = decodePass(mine.body.pass.code);
		expect(pass?.claims).toEqual({ requestId: id, reference: mine.body.reference, prisonId, date: saturday, start: '14:00' });
		const list = await call(api, 'GET', `/api/visit-requests`, { bearer: phone });
		expect(list.body.requests.find((r: { id: string }) => r.id === waiting).pass).toBeNull();
		expect(decodePass(list.body.requests.find((r: { id: string }) => r.id === id).pass.code)?.claims.requestId).toBe(id);

		const day = await call(api, 'GET', `/api/staff/visits?prisonId=${prisonId}&date=${saturday}`, { cookie });
		expect(day.status).toBe(200);
		const key: PassPublicKey = day.body.passKey;
		expect(key).toMatchObject({ kty: 'EC', crv: 'P-256' });
		expect(JSON.stringify(day.body)).not.toContain('"d"');
		const served = await call(api, 'GET', `/api/staff/prisons/${prisonId}/pass-key`, { cookie });
		expect(served.body.publicKey).toEqual(key);
		expect((await call(api, 'GET', `/api/staff/prisons/${prisonId}/pass-key`, { cookie: otherCookie })).status).toBe(403);

		expect(await verifyPass(pass!, key)).toBe(true);
		// The same signature over another date, another visit, or with a flipped byte: refused.
		for (const forged of [
			encodePass({ ...pass!.claims, date: bookableDate(7) }, pass!.signature),
			encodePass({ ...pass!.claims, requestId: waiting }, pass!.signature),
			encodePass(
				pass!.claims,
				pass!.signature.map((b, i) => (i === 10 ? b ^ 1 : b))
			)
		]) {
			expect(await verifyPass(decodePass(forged)!, key)).toBe(false);
		}
		// Another prison's key does not verify this prison's pass.
		const otherKey = (await call(api, 'GET', `/api/staff/visits?prisonId=${otherPrisonId}&date=${saturday}`, { cookie: otherCookie })).body
			.passKey;
		expect(otherKey).not.toEqual(key);
		expect(await verifyPass(pass!, otherKey)).toBe(false);
		// The key stays the same: passes already on phones keep working.
		expect((await call(api, 'GET', `/api/staff/visits?prisonId=${prisonId}&date=${saturday}`, { cookie })).body.passKey).toEqual(key);
	});

	it('reads garbage as no pass at all', () => {
		for (const text of [
			'',
			'hello',
			'https://example.com',
			'BAPV1|x|y|z|2026-01-01|14:00|sig',
			'BAPV2' + '|a'.repeat(6),
			'A'.repeat(1000)
		]) {
			expect(decodePass(text)).toBeNull();
		}
	});
});

describe('recording an arrival', () => {
	it('records it once: a second scan says when they arrived and changes nothing', async () => {
		await setClock(new Date());
		const id = await booked('14:00', {
			visitors: [
				{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email: 'mary@example.com' },
				{ firstName: 'Tom', lastName: 'Lovelace', dateOfBirth: `${yearBorn(11)}-03-15` }
			]
		});
		await onTheDay('13:55');
		const first = await call(api, 'POST', `/api/staff/requests/${id}/arrival`, {
			cookie,
			body: { arrivedAt: at('13:52').toISOString(), visitors: [0] }
		});
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({
			requestId: id,
			alreadyArrived: false,
			message: 'Arrival recorded at 1:52pm',
			arrival: { visitors: [0], recordedBy: 'Sam Officer' }
		});
		expect([await arrivalRows(id), await auditRows(id)]).toEqual([1, 1]);

		const again = await call(api, 'POST', `/api/staff/requests/${id}/arrival`, { cookie, body: { visitors: [0, 1] } });
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ alreadyArrived: true, message: 'Already arrived at 1:52pm', arrival: { visitors: [0] } });
		expect([await arrivalRows(id), await auditRows(id)]).toEqual([1, 1]);
		const stored = await api.db.selectFrom('visitArrivals').selectAll().where('requestId', '=', id).executeTakeFirstOrThrow();
		expect(stored.arrivedAt.toISOString()).toBe(at('13:52').toISOString());
	});

	it('records every booked visitor when none are named, at the server’s time; two tablets at once still make one row', async () => {
		await setClock(new Date());
		const id = await booked('14:00');
		await onTheDay('13:40');
		const answers = await Promise.all([1, 2].map(() => call(api, 'POST', `/api/staff/requests/${id}/arrival`, { cookie, body: {} })));
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		expect(answers.map((a) => a.body.alreadyArrived).sort()).toEqual([false, true]);
		expect(answers[0]!.body.arrival).toEqual({
			arrivedAt: at('13:40').toISOString(),
			visitors: [0],
			recordedBy: 'Sam Officer',
			outcome: 'attended',
			note: null
		});
		expect(await arrivalRows(id)).toBe(1);
	});

	it('refuses bad input with every problem at once, and writes nothing', async () => {
		await setClock(new Date());
		const id = await booked('14:00');
		await onTheDay('13:50');
		const garbage = await call(api, 'POST', `/api/staff/requests/${id}/arrival`, {
			cookie,
			body: { arrivedAt: 'yesterday', visitors: ['x', -1], extra: 1 }
		});
		expect(garbage.status).toBe(400);
		// The unknown field, the time and both positions, in one answer.
		expect(Object.keys(garbage.body.error.fields).sort()).toEqual(['arrivedAt', 'body', 'visitors.0', 'visitors.1']);
		expect((await call(api, 'POST', `/api/staff/requests/${id}/arrival`, { cookie, raw: '{not json' })).status).toBe(400);
		expect((await call(api, 'POST', `/api/staff/requests/${id}/arrival`, { cookie, body: { visitors: [] } })).status).toBe(400);

		// A visitor who is not on the booking, and a time on another day: both named.
		const wrong = await call(api, 'POST', `/api/staff/requests/${id}/arrival`, {
			cookie,
			body: { visitors: [0, 4], arrivedAt: instantOf(bookableDate(7), '13:00', TZ).toISOString() }
		});
		expect(wrong.status).toBe(422);
		expect(wrong.body.error.fields).toMatchObject({
			'visitors.1': expect.any(String),
			arrivedAt: expect.stringContaining('an arrival can only be recorded on the day')
		});

		expect((await call(api, 'POST', `/api/staff/requests/00000000-0000-4000-8000-000000000000/arrival`, { cookie, body: {} })).status).toBe(
			404
		);
		expect((await call(api, 'POST', `/api/staff/requests/not-an-id/arrival`, { cookie, body: {} })).status).toBe(404);
		expect((await call(api, 'POST', `/api/staff/requests/${id}/arrival`, { cookie: otherCookie, body: {} })).status).toBe(403);
		expect((await call(api, 'POST', `/api/staff/requests/${id}/arrival`, { body: {} })).status).toBe(401);
		expect(await arrivalRows(id)).toBe(0);
	});

	it('refuses a visit that is not booked, or an excluded visitor', async () => {
		await setClock(new Date());
		const waiting = await requested();
		const family = await booked(
			'14:00',
			{
				visitors: [
					{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email: 'mary@example.com' },
					{ firstName: 'Ann', lastName: 'Lovelace', dateOfBirth: '1990-01-01' }
				]
			},
			[1]
		);
		await onTheDay('13:50');
		const notBooked = await call(api, 'POST', `/api/staff/requests/${waiting}/arrival`, { cookie, body: {} });
		expect(notBooked.status).toBe(409);
		expect(notBooked.body.error).toMatchObject({
			code: 'not_booked',
			message: 'This visit is requested: an arrival can only be recorded for a booked visit'
		});
		const excluded = await call(api, 'POST', `/api/staff/requests/${family}/arrival`, { cookie, body: { visitors: [1] } });
		expect(excluded.status).toBe(422);
		expect(excluded.body.error.fields).toEqual({ 'visitors.0': 'Choose a visitor who is booked on this visit' });
		expect([await arrivalRows(waiting), await arrivalRows(family)]).toEqual([0, 0]);
	});
});

describe('attendance on the day’s list', () => {
	it('shows arrived, not yet and (after the slot ends) not attended, counted per slot, and names cancelled visits', async () => {
		const listed = await call(api, 'GET', `/api/staff/visits?prisonId=${otherPrisonId}&date=${saturday}`, { cookie: otherCookie });
		expect(listed.body.slots.every((s: { attendance: object }) => 'attendance' in s)).toBe(true);

		await setClock(new Date());
		const prison = await createPrison(api.db);
		hall = await createStaff(api.db, { prisonIds: [prison], name: 'Hall Officer' });
		await setClock(new Date());
		const book = async (start: string) => {
			const body = aVisitRequest(prison, { slots: [{ date: saturday, start }] });
			expect((await call(api, 'POST', '/api/visit-requests', { body, bearer: phone })).status).toBe(201);
			expect(
				(
					await call(api, 'POST', `/api/staff/requests/${body.id}/confirm`, {
						cookie: hallCookie,
						body: { slot: { date: saturday, start } }
					})
				).status
			).toBe(200);
			return body.id;
		};
		const morningMissed = await book('09:30');
		const afternoonArrived = await book('14:00');
		const afternoonLate = await book('14:00');
		const cancelled = await book('14:00');
		expect(
			(await call(api, 'POST', `/api/staff/requests/${cancelled}/cancel`, { cookie: hallCookie, body: { reason: 'prison_closed' } })).status
		).toBe(200);
		await onTheDay('13:50');
		expect((await call(api, 'POST', `/api/staff/requests/${afternoonArrived}/arrival`, { cookie: hallCookie, body: {} })).status).toBe(200);

		const day = await call(api, 'GET', `/api/staff/visits?prisonId=${prison}&date=${saturday}`, { cookie: hallCookie });
		const slot = (start: string) => day.body.slots.find((s: { start: string }) => s.start === start);
		const state = (id: string) =>
			day.body.slots.flatMap((s: { visits: { id: string; attendance: string }[] }) => s.visits).find((v: { id: string }) => v.id === id)
				?.attendance;
		expect(slot('09:30').attendance).toEqual({ arrived: 0, expected: 0, notAttended: 1 });
		expect(slot('14:00').attendance).toEqual({ arrived: 1, expected: 1, notAttended: 0 });
		expect([state(morningMissed), state(afternoonArrived), state(afternoonLate)]).toEqual(['not_attended', 'arrived', 'expected']);
		expect(day.body.cancelled.map((c: { id: string }) => c.id)).toEqual([cancelled]);
		expect(day.body.timeZone).toBe(TZ);

		// After the afternoon ends, the family that never came is not attended too.
		await onTheDay('16:00');
		const later = await call(api, 'GET', `/api/staff/visits?prisonId=${prison}&date=${saturday}`, { cookie: hallCookie });
		expect(later.body.slots.find((s: { start: string }) => s.start === '14:00').attendance).toEqual({
			arrived: 1,
			expected: 0,
			notAttended: 1
		});
	});
});
