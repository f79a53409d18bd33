import { randomUUID } from 'node:crypto';
// Findings of an outside black-box test, each with the request that showed it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toVisitRequests } from '../../server/requests/repository';
import { staffQueue } from '../../server/requests/staff-views';
import { stillRunning } from '../../server/messages/store';
import {
	aVisitRequest,
	bookableDate,
	call,
	createPrison,
	createStaff,
	newDeviceSecret,
	signIn,
	startTestApi,
	ONE_WEEK_WINDOW,
	type TestApi
} from '../helpers/api';
import { rowCounts } from '../helpers/db-fingerprint';

let api: TestApi;
let prisonId: string;
let cookie: string;

beforeAll(async () => {
	api = await startTestApi();
	prisonId = await createPrison(api.db);
	cookie = await signIn(api, await createStaff(api.db, { prisonIds: [prisonId] }));
});
afterAll(async () => {
	await api?.close();
});

const tally = (statuses: number[]) =>
	statuses.reduce<Record<number, number>>((counts, s) => ({ ...counts, [s]: (counts[s] ?? 0) + 1 }), {});

describe('a staff user with no prisons yet', () => {
	it('gets an empty queue, not a 500 from `in ()`', async () => {
		const newcomer = await createStaff(api.db, { prisonIds: [] });
		const session = await signIn(api, newcomer);
		for (const query of ['', '?status=booked', `?date=${bookableDate(3)}`]) {
			const queue = await call(api, 'GET', `/api/staff/requests${query}`, { cookie: session });
			expect(queue.status, query).toBe(200);
			expect(queue.body.requests).toEqual([]);
			expect(Object.values(queue.body.counts).every((count) => count === 0)).toBe(true);
		}
		const me = await call(api, 'GET', '/api/staff/me', { cookie: session });
		expect(me.status).toBe(200);
		expect(me.body.prisons).toEqual([]);
	});

	it('every `in` list in server/ copes with an empty list', async () => {
		expect(
			await staffQueue(
				api.db,
				{ prisonIds: [], status: 'requested' },
				{ id: randomUUID(), email: 'no.prisons@prison.example', name: 'No Prisons', prisonIds: [], admin: false, serviceAdmin: false },
				new Date()
			)
		).toMatchObject({ requests: [] });
		expect(await toVisitRequests(api.db, [])).toEqual([]);
		expect((await stillRunning(api.db, [])).size).toBe(0);
	});
});

describe('staff saving the same thing at the same moment', () => {
	it('10 parallel PUTs of a timetable: every one 200, and the last one written is whole', async () => {
		const timetables = Array.from({ length: 10 }, (_, i) => ({
			slots: [
				{ weekday: 1, start: '09:00', end: '10:30', capacity: 10 + i },
				{ weekday: 3, start: '14:00', end: '16:00', capacity: 5 }
			]
		}));
		const answers = await Promise.all(
			timetables.map((body) => call(api, 'PUT', `/api/staff/prisons/${prisonId}/timetable`, { cookie, body }))
		);
		expect(tally(answers.map((a) => a.status))).toEqual({ 200: 10 });
		const stored = await api.db
			.selectFrom('timetableSlots')
			.select(['weekday', 'startTime', 'capacity'])
			.where('prisonId', '=', prisonId)
			.execute();
		expect(stored).toHaveLength(2);
		expect(timetables.map((t) => t.slots[0]!.capacity)).toContain(stored.find((s) => s.weekday === 1)!.capacity);
	});

	it('10 identical closures at once: never 5xx, one closure stored', async () => {
		const date = bookableDate(2);
		const answers = await Promise.all(
			Array.from({ length: 10 }, () =>
				call(api, 'POST', `/api/staff/prisons/${prisonId}/closures`, { cookie, body: { date, reason: 'Staff training' } })
			)
		);
		expect(tally(answers.map((a) => a.status))).toEqual({ 201: 10 });
		const stored = await api.db.selectFrom('closures').select('id').where('prisonId', '=', prisonId).where('date', '=', date).execute();
		expect(stored).toHaveLength(1);

		const slotDate = bookableDate(4);
		const slotAnswers = await Promise.all(
			Array.from({ length: 10 }, () =>
				call(api, 'POST', `/api/staff/prisons/${prisonId}/closures`, { cookie, body: { date: slotDate, start: '14:00', reason: 'Flood' } })
			)
		);
		expect(tally(slotAnswers.map((a) => a.status))).toEqual({ 201: 10 });
		const removed = await Promise.all(
			Array.from({ length: 10 }, () =>
				call(api, 'DELETE', `/api/staff/prisons/${prisonId}/closures`, { cookie, body: { date: slotDate, start: '14:00' } })
			)
		);
		expect(tally(removed.map((a) => a.status))).toEqual({ 204: 1, 404: 9 });
	});
});

describe('visitor devices', () => {
	it('a read with an unknown bearer writes nothing (it was one row per read)', async () => {
		const before = await rowCounts(api.db, ['visitor_devices']);
		const answers = await Promise.all(
			Array.from({ length: 50 }, () => newDeviceSecret()).flatMap((secret) => [
				call(api, 'GET', '/api/visit-requests', { bearer: secret }),
				call(api, 'GET', `/api/visit-requests/${crypto.randomUUID()}`, { bearer: secret })
			])
		);
		expect(tally(answers.map((a) => a.status))).toEqual({ 200: 50, 404: 50 });
		expect(answers.find((a) => a.status === 200)?.body).toEqual({ requests: [] });
		expect(await rowCounts(api.db, ['visitor_devices'])).toEqual(before);
	});

	it('the first write registers the device once, and it then sees its own request', async () => {
		const phone = newDeviceSecret();
		const before = (await rowCounts(api.db, ['visitor_devices'])).visitor_devices!;
		const sent = await call(api, 'POST', '/api/visit-requests', { bearer: phone, body: aVisitRequest(await createPrison(api.db)) });
		expect(sent.status).toBe(201);
		expect((await rowCounts(api.db, ['visitor_devices'])).visitor_devices).toBe(before + 1);
		const mine = await call(api, 'GET', '/api/visit-requests', { bearer: phone });
		expect(mine.body.requests.map((r: { id: string }) => r.id)).toEqual([sent.body.id]);
	});
});

describe('floods of new devices and new requests', () => {
	let limited: TestApi;
	let prison: string;
	beforeAll(async () => {
		limited = await startTestApi({ env: { NEW_DEVICES_PER_ADDRESS_PER_HOUR: '5', NEW_REQUESTS_PER_PRISON_PER_MINUTE: '8' } });
		// Seven places in its one-week window, fewer than the 8 a minute: the burst is the per-minute figure.
		prison = await createPrison(limited.db, {
			...ONE_WEEK_WINDOW,
			timetable: Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, start: '14:00', end: '16:00', capacity: 1 }))
		});
	});
	afterAll(async () => {
		await limited?.close();
	});

	it('caps new devices per address per hour with a clear 429; known devices carry on', async () => {
		const phones = Array.from({ length: 7 }, () => newDeviceSecret());
		const answers = [];
		for (const phone of phones)
			answers.push(await call(limited, 'POST', '/api/visit-requests', { bearer: phone, body: aVisitRequest(prison) }));
		expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 429, 429]);
		const refused = answers[5]!;
		expect(refused.body.error.code).toBe('rate_limited');
		expect(refused.body.error.message).toMatch(/new phones/);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await rowCounts(limited.db, ['visitor_devices'])).visitor_devices).toBe(5);
		// A device that already wrote is not new.
		expect((await call(limited, 'POST', '/api/visit-requests', { bearer: phones[0]!, body: aVisitRequest(prison) })).status).toBe(201);
	});

	it('caps new requests per prison per minute with a clear 429, and a replay of a stored one still answers', async () => {
		await limited.db.deleteFrom('rateLimits').execute();
		const phones = Array.from({ length: 4 }, () => newDeviceSecret());
		const bodies = Array.from({ length: 10 }, (_, i) =>
			aVisitRequest(prison, { slots: [{ date: bookableDate(1 + (i % 7)), start: '14:00' }] })
		);
		const answers = [];
		for (const [i, body] of bodies.entries())
			answers.push(await call(limited, 'POST', '/api/visit-requests', { bearer: phones[i % 4]!, body }));
		expect(tally(answers.map((a) => a.status))).toEqual({ 201: 8, 429: 2 });
		const refused = answers.find((a) => a.status === 429)!;
		expect(refused.body.error.message).toMatch(/This prison is getting a lot of requests/);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		const replay = await call(limited, 'POST', '/api/visit-requests', { bearer: phones[0]!, body: bodies[0] });
		expect(replay.status).toBe(200);
		// Another prison is not affected.
		const other = await createPrison(limited.db);
		expect((await call(limited, 'POST', '/api/visit-requests', { bearer: phones[1]!, body: aVisitRequest(other) })).status).toBe(201);
	});
});

describe('the session cookie is read one way everywhere', () => {
	it('`bpv_session =<token>` with no Origin is refused by the Origin guard, as the plain spelling is', async () => {
		const token = cookie.split('=')[1]!;
		const body = { slots: [{ weekday: 2, start: '10:00', end: '11:00', capacity: 3 }] };
		for (const spelling of [`bpv_session=${token}`, `bpv_session =${token}`, `other=1; bpv_session = ${token}`, `BPV_SESSION=${token}`]) {
			const write = await call(api, 'PUT', `/api/staff/prisons/${prisonId}/timetable`, { cookie: spelling, origin: null, body });
			expect(write.status, spelling).toBe(403);
			expect(write.body.error.code).toBe('forbidden_origin');
		}
		// The odd spelling still reads the session for a GET, so the two parsers agree on what it is.
		expect((await call(api, 'GET', '/api/staff/me', { cookie: `bpv_session =${token}` })).status).toBe(200);
	});
});
