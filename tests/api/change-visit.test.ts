// Changing a booked visit from the phone: the visit stays booked while staff decide;
// confirming moves the place exactly (never overbooking, whatever runs at once), refusing keeps the
// old booking, the family may withdraw; every bad case is a 4xx that says what happened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROCHESTER } from '../../server/demo-prison';
import { decodePass } from '../../src/lib/shared/gate/pass';
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

type Slot = { date: string; start: string };

let api: TestApi;
let prisonId: string;
let cookie: string;
let now = new Date();
const phone = newDeviceSecret();

beforeAll(async () => {
	// An SMTP server nobody answers: email jobs are written (and stay pending), which is what is checked.
	api = await startTestApi({ clock: () => now, env: { SMTP_URL: 'smtp://127.0.0.1:9', MAIL_FROM: 'visits@example.com' } });
	prisonId = await createPrison(api.db);
	cookie = await signIn(api, await createStaff(api.db, { prisonIds: [prisonId], name: 'Sam Officer' }));
});
afterAll(async () => {
	await api?.close();
});

async function bookedVisit(slot: Slot, bearer = phone, prison = prisonId, staffCookie = cookie) {
	const body = aVisitRequest(prison, { slots: [slot] });
	expect((await call(api, 'POST', '/api/visit-requests', { body, bearer })).status).toBe(201);
	const confirmed = await call(api, 'POST', `/api/staff/requests/${body.id}/confirm`, { cookie: staffCookie, body: { slot } });
	expect(confirmed.status).toBe(200);
	return body.id;
}

async function booked(slot: Slot, prison = prisonId): Promise<number> {
	const { body } = await call(api, 'GET', `/api/prisons/${prison}/slots?from=${slot.date}&to=${slot.date}`);
	return body.days[0].slots.find((s: { start: string }) => s.start === slot.start).booked;
}

const askChange = (id: string, slots: Slot[], bearer = phone, changeId?: string) =>
	call(api, 'POST', `/api/visit-requests/${id}/change`, { bearer, body: { slots, ...(changeId ? { id: changeId } : {}) } });

/** What a booking says first: two emails queued in one transaction share its time (PostgreSQL's now()). */
const SAID_FIRST = ['sent', 'booked'];

async function emailKinds(requestId: string): Promise<string[]> {
	const rows = await api.db
		.selectFrom('deliveries')
		.select(['kind', 'createdAt'])
		.where('channel', '=', 'email')
		.where('requestId', '=', requestId)
		.execute();
	const rank = (kind: string) => (SAID_FIRST.includes(kind) ? SAID_FIRST.indexOf(kind) : SAID_FIRST.length);
	return rows
		.sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || rank(a.kind) - rank(b.kind))
		.map((r) => r.kind);
}

describe('a family changing a booked visit', () => {
	it('asks for new times, staff see both times with live places, and confirming moves the place exactly', async () => {
		const from = { date: bookableDate(2), start: '14:00' };
		const first = { date: bookableDate(3), start: '14:00' };
		const to = { date: bookableDate(6), start: '09:30' };
		const id = await bookedVisit(from);
		const [fromBefore, toBefore] = [await booked(from), await booked(to)];

		const asked = await askChange(id, [first, to]);
		expect(asked.status).toBe(200);
		expect(asked.body).toMatchObject({
			id,
			status: 'booked',
			bookedSlot: { date: from.date, start: from.start },
			change: { slots: [first, to] }
		});
		expect(asked.body.change.requestedAt).toBe(now.toISOString());
		expect(asked.body.pass.code).toContain(`|${from.date}|${from.start}|`);
		// Asking takes no place: the old one is held, the new ones untouched.
		expect([await booked(from), await booked(to)]).toEqual([fromBefore, toBefore]);

		const queue = await call(api, 'GET', `/api/staff/requests?prisonId=${prisonId}`, { cookie });
		expect(queue.body.changes.map((r: { id: string }) => r.id)).toContain(id);
		const seen = await call(api, 'GET', `/api/staff/requests/${id}`, { cookie });
		expect(seen.status, JSON.stringify(seen.body)).toBe(200);
		expect(seen.body.bookedSlot).toMatchObject(from);
		expect(seen.body.changeChoices).toEqual([
			expect.objectContaining({ ...first, capacity: 20, available: 20 - (await booked(first)), bookable: true }),
			expect.objectContaining({ ...to, capacity: 12, available: 12 - toBefore, bookable: true })
		]);

		const confirmed = await call(api, 'POST', `/api/staff/requests/${id}/change/confirm`, {
			cookie,
			body: { slot: to, message: 'See you then' }
		});
		expect(confirmed.status).toBe(200);
		expect(confirmed.body).toMatchObject({ status: 'booked', bookedSlot: { ...to, end: '11:30' }, change: null, calendarSequence: 1 });
		expect(confirmed.body.changeOutcome).toMatchObject({ status: 'confirmed', from, message: 'See you then' });
		expect([await booked(from), await booked(to)]).toEqual([fromBefore - 1, toBefore + 1]);

		// The family's copy: the new time, a pass for it, the change no longer pending.
		const mine = await call(api, 'GET', `/api/visit-requests/${id}`, { bearer: phone });
		expect(mine.body).toMatchObject({ bookedSlot: to, change: null, calendarSequence: 1 });
		expect(decodePass(mine.body.pass.code)?.claims).toMatchObject({ requestId: id, ...to });
		expect(await emailKinds(id)).toEqual(['sent', 'booked', 'change_booked']);
		const audit = await api.db.selectFrom('auditLog').select(['action', 'detail']).where('target', '=', id).execute();
		expect(audit).toEqual([{ action: 'visit.change.confirm', detail: expect.objectContaining({ from, to }) }]);

		// A second officer's queued confirm arrives late: it hears what happened, by whom.
		const late = await call(api, 'POST', `/api/staff/requests/${id}/change/confirm`, { cookie, body: { slot: first } });
		expect(late.status).toBe(409);
		expect(late.body.error.code).toBe('change_decided');
		expect(late.body.error.message).toContain('Sam Officer');
		expect(await booked(first)).toBe(0);
	});

	it('keeps the old booking when staff refuse, and tells the family why', async () => {
		const from = { date: bookableDate(4), start: '14:00' };
		const wanted = { date: bookableDate(5), start: '14:00' };
		const id = await bookedVisit(from);
		const before = [await booked(from), await booked(wanted)];
		expect((await askChange(id, [wanted])).status).toBe(200);

		const bad = await call(api, 'POST', `/api/staff/requests/${id}/change/reject`, { cookie, body: { reasons: ['other'] } });
		expect(bad.status).toBe(400);
		expect(bad.body.error.fields).toHaveProperty('message');
		const refused = await call(api, 'POST', `/api/staff/requests/${id}/change/reject`, {
			cookie,
			body: { reasons: ['slot_unavailable'], message: 'That day is full' }
		});
		expect(refused.status).toBe(200);
		expect(refused.body).toMatchObject({ status: 'booked', bookedSlot: from, change: null, calendarSequence: 0 });
		expect(refused.body.changeOutcome).toMatchObject({
			status: 'rejected',
			reasons: ['slot_unavailable'],
			message: 'That day is full',
			slots: [wanted]
		});
		expect([await booked(from), await booked(wanted)]).toEqual(before);
		expect(await emailKinds(id)).toEqual(['sent', 'booked', 'change_rejected']);
		const audit = await api.db.selectFrom('auditLog').select('action').where('target', '=', id).execute();
		expect(audit).toEqual([{ action: 'visit.change.reject' }]);

		// Once refused, the family may ask again.
		expect((await askChange(id, [wanted])).status).toBe(200);
	});

	it('lets the family withdraw a pending change, harmlessly twice; staff then hear it was withdrawn', async () => {
		const from = { date: bookableDate(1), start: '14:00' };
		const wanted = { date: bookableDate(7), start: '14:00' };
		const id = await bookedVisit(from);
		expect((await askChange(id, [wanted])).status).toBe(200);

		const withdrawn = await call(api, 'POST', `/api/visit-requests/${id}/change/withdraw`, { bearer: phone, body: {} });
		expect(withdrawn.status).toBe(200);
		expect(withdrawn.body).toMatchObject({ status: 'booked', bookedSlot: from, change: null, changeOutcome: { status: 'withdrawn' } });
		expect((await call(api, 'POST', `/api/visit-requests/${id}/change/withdraw`, { bearer: phone, body: {} })).status).toBe(200);

		const late = await call(api, 'POST', `/api/staff/requests/${id}/change/confirm`, { cookie, body: { slot: wanted } });
		expect(late.status).toBe(409);
		expect(late.body.error.code).toBe('change_decided');
		expect(late.body.error.details.status).toBe('withdrawn');
		expect((await call(api, 'GET', `/api/visit-requests/${id}`, { bearer: phone })).body.bookedSlot).toMatchObject(from);
	});

	it('recognises the same change sent again from the outbox, and refuses another body under its id', async () => {
		const from = { date: bookableDate(2), start: '14:00' };
		const wanted = { date: bookableDate(3), start: '14:00' };
		const id = await bookedVisit(from);
		const changeId = crypto.randomUUID();
		expect((await askChange(id, [wanted], phone, changeId)).status).toBe(200);
		const again = await askChange(id, [wanted], phone, changeId);
		expect(again.status).toBe(200);
		expect(again.body.change.id).toBe(changeId);
		expect(await api.db.selectFrom('visitChanges').select('id').where('requestId', '=', id).execute()).toHaveLength(1);
		const other = await askChange(id, [{ date: bookableDate(4), start: '14:00' }], phone, changeId);
		expect(other.status).toBe(409);
		expect(other.body.error.code).toBe('id_conflict');
	});
});

describe('a change that cannot be asked or decided', () => {
	it('409: one change pending at a time', async () => {
		const id = await bookedVisit({ date: bookableDate(5), start: '14:00' });
		expect((await askChange(id, [{ date: bookableDate(6), start: '14:00' }])).status).toBe(200);
		const second = await askChange(id, [{ date: bookableDate(7), start: '14:00' }]);
		expect(second.status).toBe(409);
		expect(second.body.error.code).toBe('change_pending');
		expect(second.body.error.message).toMatch(/already waiting/);
		const rows = await api.db.selectFrom('visitChanges').select('status').where('requestId', '=', id).execute();
		expect(rows).toEqual([{ status: 'pending' }]);
	});

	it('409: a cancelled visit, before and after the change was asked (the pending change ends with the visit)', async () => {
		const slot = { date: bookableDate(1), start: '14:00' };
		const wanted = { date: bookableDate(2), start: '14:00' };
		const cancelledFirst = await bookedVisit(slot);
		expect((await call(api, 'POST', `/api/visit-requests/${cancelledFirst}/cancel`, { bearer: phone, body: {} })).status).toBe(200);
		const tooLate = await askChange(cancelledFirst, [wanted]);
		expect(tooLate.status).toBe(409);
		expect(tooLate.body.error.code).toBe('visit_cancelled');
		expect(tooLate.body.error.message).toMatch(/was cancelled by the visitor/);

		const id = await bookedVisit(slot);
		expect((await askChange(id, [wanted])).status).toBe(200);
		const cancelled = await call(api, 'POST', `/api/staff/requests/${id}/cancel`, {
			cookie,
			body: { reason: 'prison_closed', message: 'Closed' }
		});
		expect(cancelled.status).toBe(200);
		expect(cancelled.body).toMatchObject({ change: null, changeOutcome: { status: 'ended' }, calendarSequence: 1 });
		const before = await booked(wanted);
		const confirm = await call(api, 'POST', `/api/staff/requests/${id}/change/confirm`, { cookie, body: { slot: wanted } });
		expect(confirm.status).toBe(409);
		expect(confirm.body.error.code).toBe('visit_cancelled');
		expect(confirm.body.error.message).toContain('Sam Officer');
		expect(await booked(wanted)).toBe(before);
		const withdraw = await call(api, 'POST', `/api/visit-requests/${id}/change/withdraw`, { bearer: phone, body: {} });
		expect(withdraw.status).toBe(409);
		expect(withdraw.body.error.code).toBe('visit_cancelled');
	});

	it('409: a visit that has started, and a request that is not booked', async () => {
		const slot = { date: bookableDate(3), start: '14:00' };
		const id = await bookedVisit(slot);
		const saved = now;
		now = new Date(instantOf(slot.date, slot.start, ROCHESTER.timeZone!).getTime() + 60_000);
		try {
			const started = await askChange(id, [{ date: bookableDate(4, now), start: '14:00' }]);
			expect(started.status).toBe(409);
			expect(started.body.error.code).toBe('visit_started');
		} finally {
			now = saved;
		}
		const body = aVisitRequest(prisonId, { slots: [slot] });
		expect((await call(api, 'POST', '/api/visit-requests', { body, bearer: phone })).status).toBe(201);
		const pending = await askChange(body.id, [{ date: bookableDate(4), start: '14:00' }]);
		expect(pending.status).toBe(409);
		expect(pending.body.error.code).toBe('state_conflict');
	});

	it('422: every broken rule of the new times in one round, and nothing written', async () => {
		const from = { date: bookableDate(6), start: '14:00' };
		const id = await bookedVisit(from);
		const answer = await askChange(id, [{ date: bookableDate(2), start: '10:00' }, { date: '2020-01-07', start: '14:00' }, from]);
		expect(answer.status).toBe(422);
		expect(Object.keys(answer.body.error.fields).sort()).toEqual(['slots.0', 'slots.1', 'slots.2']);
		expect(answer.body.error.fields['slots.2']).toMatch(/already booked/);
		expect(await api.db.selectFrom('visitChanges').select('id').where('requestId', '=', id).execute()).toEqual([]);

		const closed = { date: bookableDate(7), start: '14:00' };
		expect(
			(await call(api, 'POST', `/api/staff/prisons/${prisonId}/closures`, { cookie, body: { date: closed.date, reason: 'Training day' } }))
				.status
		).toBe(201);
		const onClosed = await askChange(id, [closed]);
		expect(onClosed.status).toBe(422);
		expect(onClosed.body.error.fields['slots.0']).toEqual(expect.any(String));

		// Staff may only move it to a time the family asked for.
		expect((await askChange(id, [{ date: bookableDate(1), start: '14:00' }])).status).toBe(200);
		const notAsked = await call(api, 'POST', `/api/staff/requests/${id}/change/confirm`, {
			cookie,
			body: { slot: { date: bookableDate(2), start: '14:00' } }
		});
		expect(notAsked.status).toBe(422);
		expect(notAsked.body.error.fields).toHaveProperty('slot');
	});

	it('400: a body that is not a list of 1 to 3 distinct times', async () => {
		const id = await bookedVisit({ date: bookableDate(5), start: '14:00' });
		const slot = { date: bookableDate(6), start: '14:00' };
		for (const body of [
			{ slots: [] },
			{ slots: [slot, slot] },
			{ slots: [slot, slot, slot, slot] },
			{},
			{ slots: [{ date: 'soon', start: '2pm' }] }
		]) {
			const answer = await call(api, 'POST', `/api/visit-requests/${id}/change`, { bearer: phone, body });
			expect(answer.status, JSON.stringify(body)).toBe(400);
			expect(answer.body.error.message).toEqual(expect.any(String));
		}
	});

	it('404 for another phone or a made-up id; 403 for staff of another prison', async () => {
		const id = await bookedVisit({ date: bookableDate(4), start: '14:00' });
		const wanted = [{ date: bookableDate(5), start: '14:00' }];
		const stranger = newDeviceSecret();
		expect((await askChange(id, wanted, stranger)).status).toBe(404);
		expect((await askChange('not-a-uuid', wanted)).status).toBe(404);
		expect((await askChange(crypto.randomUUID(), wanted)).status).toBe(404);
		expect((await askChange(id, wanted)).status).toBe(200);
		expect((await call(api, 'POST', `/api/visit-requests/${id}/change/withdraw`, { bearer: stranger, body: {} })).status).toBe(404);

		const elsewhere = await createPrison(api.db);
		const outsider = await signIn(api, await createStaff(api.db, { prisonIds: [elsewhere] }));
		const forbidden = await call(api, 'POST', `/api/staff/requests/${id}/change/confirm`, { cookie: outsider, body: { slot: wanted[0] } });
		expect(forbidden.status).toBe(403);
		const queue = await call(api, 'GET', `/api/staff/requests`, { cookie: outsider });
		expect(queue.body.changes).toEqual([]);
		expect((await call(api, 'GET', `/api/visit-requests/${id}`, { bearer: phone })).body.change.slots).toEqual(wanted);
	});
});

describe('capacity under concurrency', () => {
	it('never overbooks a 1-place slot when 10 change-confirms and 10 confirms race for it', async () => {
		const tight = await createPrison(api.db, {
			timetable: [
				{ weekday: 2, start: '14:00', end: '16:00', capacity: 20 },
				{ weekday: 3, start: '14:00', end: '16:00', capacity: 1 }
			]
		});
		const officer = await signIn(api, await createStaff(api.db, { prisonIds: [tight] }));
		const from = { date: bookableDate(2), start: '14:00' };
		const target = { date: bookableDate(3), start: '14:00' };

		const moving: string[] = [];
		for (let i = 0; i < 10; i += 1) {
			// A phone each: submissions are limited per device.
			const family = newDeviceSecret();
			const id = await bookedVisit(from, family, tight, officer);
			expect((await askChange(id, [target], family)).status).toBe(200);
			moving.push(id);
		}
		const fresh: string[] = [];
		for (let i = 0; i < 10; i += 1) {
			const body = aVisitRequest(tight, { slots: [target] });
			expect((await call(api, 'POST', '/api/visit-requests', { body, bearer: newDeviceSecret() })).status).toBe(201);
			fresh.push(body.id);
		}

		const answers = await Promise.all([
			...moving.map((id) => call(api, 'POST', `/api/staff/requests/${id}/change/confirm`, { cookie: officer, body: { slot: target } })),
			...fresh.map((id) => call(api, 'POST', `/api/staff/requests/${id}/confirm`, { cookie: officer, body: { slot: target } }))
		]);
		const statuses = answers.map((a) => a.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(1);
		expect(statuses.filter((s) => s === 409)).toHaveLength(19);
		expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'slot_full')).toBe(true);

		const movedWon = answers.slice(0, 10).some((a) => a.status === 200);
		expect(await booked(target, tight)).toBe(1);
		expect(await booked(from, tight)).toBe(movedWon ? 9 : 10);
		const inTarget = await api.db
			.selectFrom('visitRequests')
			.select('id')
			.where('prisonId', '=', tight)
			.where('status', '=', 'booked')
			.where('bookedDate', '=', target.date)
			.execute();
		expect(inTarget).toHaveLength(1);
		// The losers' changes still wait, their visits still at the old time.
		const pending = await api.db
			.selectFrom('visitChanges')
			.select('id')
			.where('requestId', 'in', moving)
			.where('status', '=', 'pending')
			.execute();
		expect(pending).toHaveLength(movedWon ? 9 : 10);
	});
});

describe('a closed-visits-only prisoner', () => {
	it('moves the closed place, never taking an open one', async () => {
		const glass = await createPrison(api.db, {
			timetable: [
				{ weekday: 2, start: '14:00', end: '16:00', capacity: 10, closedCapacity: 1 },
				{ weekday: 3, start: '14:00', end: '16:00', capacity: 10, closedCapacity: 1 }
			]
		});
		const officer = await signIn(api, await createStaff(api.db, { prisonIds: [glass] }));
		const marked = await call(api, 'PUT', `/api/staff/prisons/${glass}/prisoners/A1234BC/closed-visits`, {
			cookie: officer,
			body: { closedVisitsOnly: true, reason: 'Security review' }
		});
		expect(marked.status).toBe(200);
		const from = { date: bookableDate(2), start: '14:00' };
		const to = { date: bookableDate(3), start: '14:00' };
		const family = newDeviceSecret();
		const id = await bookedVisit(from, family, glass, officer);
		expect((await askChange(id, [to], family)).status).toBe(200);
		const moved = await call(api, 'POST', `/api/staff/requests/${id}/change/confirm`, { cookie: officer, body: { slot: to } });
		expect(moved.status).toBe(200);

		const closedUsage = await api.db
			.selectFrom('slotClosedUsage')
			.select(['date', 'booked'])
			.where('prisonId', '=', glass)
			.orderBy('date')
			.execute();
		expect(closedUsage).toEqual([
			{ date: from.date, booked: 0 },
			{ date: to.date, booked: 1 }
		]);
		expect(await booked(from, glass)).toBe(0);
		expect(await booked(to, glass)).toBe(0);
		const holding = await api.db.selectFrom('closedBookings').select(['date', 'startTime']).where('requestId', '=', id).execute();
		expect(holding).toEqual([{ date: to.date, startTime: to.start }]);
	});
});
