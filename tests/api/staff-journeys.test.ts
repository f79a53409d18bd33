// Staff journeys walked again, through the API: the gate asks which day a visit is on (the
// officer's prison only, nothing personal), arrivals are told at "1:52pm" in the reader's language,
// the report's "booked" leaves out visits cancelled later and gives minutes, and a timetable change
// applies from the day it is saved: past weeks keep their places in the report, the calendar and
// the day's list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTime } from '../../src/lib/shared/format';
import { translate } from '../../src/lib/shared/i18n';
import { addDays, instantOf, isoWeekday, todayIn } from '../../src/lib/shared/rules/dates';
import { ROCHESTER } from '../../server/demo-prison';
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
let otherPrisonId: string;
let sam: { email: string; password: string };
let cookie: string;
let otherCookie: string;
let now = new Date();
const TZ = ROCHESTER.timeZone!;
const saturday = bookableDate(6);
const nextSaturday = bookableDate(6, new Date(Date.now() + 7 * 86_400_000));

beforeAll(async () => {
	api = await startTestApi({ clock: () => now });
	prisonId = await createPrison(api.db);
	otherPrisonId = await createPrison(api.db);
	sam = await createStaff(api.db, { prisonIds: [prisonId], name: 'Sam Officer' });
	cookie = await signIn(api, sam);
	otherCookie = await signIn(api, await createStaff(api.db, { prisonIds: [otherPrisonId], name: 'Other Officer' }));
});
afterAll(async () => {
	await api?.close();
});

async function booked(date: string, prison = prisonId, staffCookie = cookie) {
	const body = aVisitRequest(prison, { slots: [{ date, start: '14:00' }] });
	const sent = await call(api, 'POST', '/api/visit-requests', { body, bearer: newDeviceSecret() });
	expect(sent.status).toBe(201);
	const confirmed = await call(api, 'POST', `/api/staff/requests/${body.id}/confirm`, {
		cookie: staffCookie,
		body: { slot: { date, start: '14:00' } }
	});
	expect(confirmed.status).toBe(200);
	return { id: body.id, reference: sent.body.reference as string };
}

describe('the gate asks which day a visit is on', () => {
	it('answers the booked day for a reference at the officer’s prison, however it was typed, and nothing personal', async () => {
		const visit = await booked(nextSaturday);
		const typed = visit.reference.replace('-', ' ').toLowerCase();
		const answer = await call(api, 'GET', `/api/staff/prisons/${prisonId}/visits/by-reference/${encodeURIComponent(typed)}`, { cookie });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			id: visit.id,
			reference: visit.reference,
			status: 'booked',
			bookedSlot: { date: nextSaturday, start: '14:00' }
		});
	});

	it('finds nothing at another prison, and refuses a prison that is not the officer’s', async () => {
		const visit = await booked(nextSaturday);
		const path = (prison: string) => `/api/staff/prisons/${prison}/visits/by-reference/${visit.reference}`;
		expect((await call(api, 'GET', path(otherPrisonId), { cookie: otherCookie })).status).toBe(404);
		expect((await call(api, 'GET', path(prisonId), { cookie: otherCookie })).status).toBe(403);
		expect((await call(api, 'GET', path(prisonId))).status).toBe(401);
		expect((await call(api, 'GET', `/api/staff/prisons/${prisonId}/visits/by-reference/ZZZZ-ZZZZ`, { cookie })).status).toBe(404);
	});
});

describe('arrival times', () => {
	it('tells the arrival time as the rest of the service writes times, in the reader’s language', async () => {
		const visit = await booked(saturday);
		now = instantOf(saturday, '13:52', TZ);
		try {
			// A session of today's would have ended by then: the officer signs in on the day.
			const cookie = await signIn(api, sam);
			const recorded = await call(api, 'POST', `/api/staff/requests/${visit.id}/arrival`, { cookie, body: { visitors: [0] } });
			expect(recorded.status).toBe(200);
			expect(recorded.body.message).toBe(translate('en', 'gate.api.arrived', { time: formatTime('13:52', 'en') }));
			expect(recorded.body.message).toContain('1:52pm');
			const again = await call(api, 'POST', `/api/staff/requests/${visit.id}/arrival`, {
				cookie,
				body: { visitors: [0] },
				headers: { 'accept-language': 'cy' }
			});
			expect(again.body.message).toBe(translate('cy', 'gate.api.alreadyArrived', { time: formatTime('13:52', 'cy') }));
			expect(again.body.message).toContain('1:52yh');
		} finally {
			now = new Date();
		}
	});
});

describe('the report', () => {
	it('counts as booked only visits still booked, and gives the median in minutes', async () => {
		const prison = await createPrison(api.db);
		const staff = await signIn(api, await createStaff(api.db, { prisonIds: [prison] }));
		const kept = await booked(saturday, prison, staff);
		const cancelledLater = await booked(saturday, prison, staff);
		expect(
			(await call(api, 'POST', `/api/staff/requests/${cancelledLater.id}/cancel`, { cookie: staff, body: { reason: 'prison_closed' } }))
				.status
		).toBe(200);
		const today = todayIn(TZ, new Date());
		const report = await call(api, 'GET', `/api/staff/prisons/${prison}/report?from=${today}&to=${today}`, { cookie: staff });
		expect(report.status).toBe(200);
		expect([report.body.requests, report.body.booked, report.body.cancelled]).toEqual([2, 1, { prison_closed: 1 }]);
		expect(report.body.medianMinutesToDecision).toBe(0);
		expect(kept.id).not.toBe(cancelledLater.id);
	});
});

describe('a timetable change applies from the day it is saved', () => {
	it('keeps the places of past weeks in the report, the calendar and the day’s list', async () => {
		const prison = await createPrison(api.db);
		const officer = await createStaff(api.db, { prisonIds: [prison] });
		let staff = await signIn(api, officer);
		const today = todayIn(TZ, new Date());
		const lastWeek = addDays(today, -7);
		const slotsWith = (capacity: number) => ({
			slots: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '14:00', end: '16:00', capacity }))
		});
		const save = async (capacity: number) =>
			expect((await call(api, 'PUT', `/api/staff/prisons/${prison}/timetable`, { cookie: staff, body: slotsWith(capacity) })).status).toBe(
				200
			);
		const capacityOn = async (date: string) => {
			const report = await call(api, 'GET', `/api/staff/prisons/${prison}/report?from=${date}&to=${date}`, { cookie: staff });
			expect(report.status).toBe(200);
			return report.body.days[0].capacity as number;
		};

		// Tables lowered from 20 to 10 today, then (same day) to 8: last week keeps 20, today on has 8.
		await save(10);
		await save(8);
		expect(await capacityOn(lastWeek)).toBe(20 + (isoWeekday(lastWeek) === 6 ? 12 : 0));
		expect(await capacityOn(today)).toBe(8);
		const kept = await api.db.selectFrom('timetableHistory').select(['validFrom', 'validUntil']).where('prisonId', '=', prison).execute();
		expect(kept).toEqual([{ validFrom: null, validUntil: addDays(today, -1) }]);

		// Two days on, 6 tables: today and tomorrow keep 8; earlier days keep 20.
		now = new Date(Date.now() + 2 * 86_400_000);
		try {
			staff = await signIn(api, officer);
			await save(6);
			const later = todayIn(TZ, now);
			expect([await capacityOn(lastWeek), await capacityOn(today), await capacityOn(addDays(today, 1)), await capacityOn(later)]).toEqual([
				20 + (isoWeekday(lastWeek) === 6 ? 12 : 0),
				8,
				8,
				6
			]);

			// The calendar of a past week and the day's list of a past day show their own time's places.
			const calendar = await call(api, 'GET', `/api/prisons/${prison}/slots?from=${lastWeek}&to=${later}`);
			expect(calendar.status).toBe(200);
			const at = (date: string) =>
				(calendar.body.days as { date: string; slots: { start: string; capacity: number }[] }[])
					.find((day) => day.date === date)!
					.slots.find((slot) => slot.start === '14:00')!.capacity;
			expect([at(lastWeek), at(today), at(later)]).toEqual([20, 8, 6]);
			const list = await call(api, 'GET', `/api/staff/visits?prisonId=${prison}&date=${lastWeek}`, { cookie: staff });
			expect(list.status).toBe(200);
			expect(list.body.slots.find((slot: { start: string }) => slot.start === '14:00').capacity).toBe(20);
		} finally {
			now = new Date();
		}
	});
});
