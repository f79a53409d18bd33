// Issue #11: findings of an outside black-box test, each with the request that showed it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toVisitRequests } from '../../server/requests/repository';
import { staffQueue } from '../../server/requests/staff-views';
import { stillRunning } from '../../server/push/job-store';
import { bookableDate, call, createPrison, createStaff, signIn, startTestApi, type TestApi } from '../helpers/api';

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

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((counts, s) => ({ ...counts, [s]: (counts[s] ?? 0) + 1 }), {});

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
		expect(await staffQueue(api.db, { prisonIds: [], status: 'requested' })).toMatchObject({ requests: [] });
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
		const stored = await api.db.selectFrom('timetableSlots').select(['weekday', 'startTime', 'capacity']).where('prisonId', '=', prisonId).execute();
		expect(stored).toHaveLength(2);
		expect(timetables.map((t) => t.slots[0]!.capacity)).toContain(stored.find((s) => s.weekday === 1)!.capacity);
	});

	it('10 identical closures at once: never 5xx, one closure stored', async () => {
		const date = bookableDate(2);
		const answers = await Promise.all(
			Array.from({ length: 10 }, () => call(api, 'POST', `/api/staff/prisons/${prisonId}/closures`, { cookie, body: { date, reason: 'Staff training' } }))
		);
		expect(tally(answers.map((a) => a.status))).toEqual({ 201: 10 });
		const stored = await api.db.selectFrom('closures').select('id').where('prisonId', '=', prisonId).where('date', '=', date).execute();
		expect(stored).toHaveLength(1);

		const slotDate = bookableDate(4);
		const slotAnswers = await Promise.all(
			Array.from({ length: 10 }, () => call(api, 'POST', `/api/staff/prisons/${prisonId}/closures`, { cookie, body: { date: slotDate, start: '14:00', reason: 'Flood' } }))
		);
		expect(tally(slotAnswers.map((a) => a.status))).toEqual({ 201: 10 });
		const removed = await Promise.all(
			Array.from({ length: 10 }, () => call(api, 'DELETE', `/api/staff/prisons/${prisonId}/closures`, { cookie, body: { date: slotDate, start: '14:00' } }))
		);
		expect(tally(removed.map((a) => a.status))).toEqual({ 204: 1, 404: 9 });
	});
});
