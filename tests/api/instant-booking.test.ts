// Booking at once (PRODUCT.md Round 3): a prison's booking mode, a clean request booked in its
// submit by `system` under the confirm's capacity guard (allowance used, the family told "booked"
// once), every flag leaving the request to staff with its review reasons, replays, and 50 submits
// at once into a slot of 10.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/lib/shared/i18n';
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
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { waitUntil } from '../helpers/wait-until';

let api: TestApi;
let smtp: TestSmtpServer;
let prison: string;
let cookie: string;
let saturday: string;
let sunday: string;

const everyDay = (capacity: number) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '14:00', end: '16:00', capacity }));
/** A prisoner number of their own for each test, so records do not meet. */
const newPrisonerNumber = () =>
	`B${String(randomInt(10_000)).padStart(4, '0')}${String.fromCharCode(65 + randomInt(26), 65 + randomInt(26))}`;
const recordPath = (number: string, rest = '') => `/api/staff/prisons/${prison}/prisoners/${number}${rest}`;

function requestFor(prisonerNumber: string, overrides: Record<string, unknown> = {}, prisonId = prison) {
	return aVisitRequest(prisonId, {
		prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber },
		visitors: [
			{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email: `${prisonerNumber.toLowerCase()}@example.com` }
		],
		slots: [{ date: saturday, start: '14:00' }],
		...overrides
	});
}
const send = (body: unknown, bearer = newDeviceSecret()) => call(api, 'POST', '/api/visit-requests', { body, bearer });
const emailKinds = async (requestId: string) =>
	(
		await api.db
			.selectFrom('deliveries')
			.select('kind')
			.where('channel', '=', 'email')
			.where('requestId', '=', requestId)
			.orderBy('createdAt')
			.execute()
	).map((j) => j.kind);

beforeAll(async () => {
	smtp = await startSmtpServer();
	api = await startTestApi({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'visits@prison.example' } });
	prison = await createPrison(api.db, { timetable: everyDay(20), bookingMode: 'instant' });
	cookie = await signIn(api, await createStaff(api.db, { prisonIds: [prison], name: 'Sam Officer' }));
	saturday = bookableDate(6);
	sunday = bookableDate(7);
});
afterAll(async () => {
	await api?.close();
	await smtp?.close();
});

describe('the booking mode', () => {
	it('is shown by GET /api/prisons, set by staff of the prison (audited), and an unknown value is refused naming the field', async () => {
		const other = await createPrison(api.db);
		const listed = await call(api, 'GET', '/api/prisons');
		const modeOf = (body: { prisons: { id: string; bookingMode: string }[] }, id: string) =>
			body.prisons.find((p) => p.id === id)?.bookingMode;
		expect(modeOf(listed.body, prison)).toBe('instant');
		expect(modeOf(listed.body, other)).toBe('request');

		const bad = await call(api, 'PATCH', `/api/staff/prisons/${prison}`, { cookie, body: { bookingMode: 'sometimes' } });
		expect(bad.status).toBe(400);
		expect(bad.body.error.fields).toEqual({ bookingMode: t('instant.field.bookingMode.invalid') });
		expect(modeOf((await call(api, 'GET', '/api/prisons')).body, prison)).toBe('instant');

		// Not this officer's prison.
		expect((await call(api, 'PATCH', `/api/staff/prisons/${other}`, { cookie, body: { bookingMode: 'instant' } })).status).toBe(403);

		const set = await call(api, 'PATCH', `/api/staff/prisons/${prison}`, { cookie, body: { bookingMode: 'request' } });
		expect(set.status).toBe(200);
		expect(set.body).toMatchObject({ bookingMode: 'request', onlineBooking: true });
		const back = await call(api, 'PATCH', `/api/staff/prisons/${prison}`, { cookie, body: { bookingMode: 'instant' } });
		expect(back.body.bookingMode).toBe('instant');
		const audit = await api.db
			.selectFrom('auditLog')
			.select('detail')
			.where('action', '=', 'prison.booking-mode')
			.where('prisonId', '=', prison)
			.orderBy('id')
			.execute();
		expect(audit.map((a) => a.detail)).toEqual([
			{ before: 'instant', after: 'request' },
			{ before: 'request', after: 'instant' }
		]);
	});
});

describe('a submit in an instant prison', () => {
	it('books a request nothing stands in the way of: 201 booked by system, a place and the allowance used, the family told "booked" once', async () => {
		const number = newPrisonerNumber();
		expect((await call(api, 'PUT', recordPath(number, '/allowance'), { cookie, body: { remaining: 2 } })).status).toBe(200);
		const body = requestFor(number, {
			slots: [
				{ date: saturday, start: '14:00' },
				{ date: sunday, start: '14:00' }
			]
		});
		const bearer = newDeviceSecret();
		const answer = await send(body, bearer);
		expect(answer.status).toBe(201);
		expect(answer.body).toMatchObject({ id: body.id, status: 'booked', bookedSlot: { date: saturday, start: '14:00', end: '16:00' } });
		expect(answer.body.review).toBeUndefined();

		const changes = await api.db
			.selectFrom('stateChanges')
			.select(['fromStatus', 'toStatus', 'actorType'])
			.where('requestId', '=', body.id)
			.orderBy('id')
			.execute();
		expect(changes).toEqual([
			{ fromStatus: null, toStatus: 'requested', actorType: 'device' },
			{ fromStatus: 'requested', toStatus: 'booked', actorType: 'system' }
		]);
		const usage = await api.db
			.selectFrom('slotUsage')
			.select('booked')
			.where('prisonId', '=', prison)
			.where('date', '=', saturday)
			.executeTakeFirstOrThrow();
		const record = await call(api, 'GET', recordPath(number), { cookie });
		expect(record.body.allowance.remaining).toBe(1);
		expect(await emailKinds(body.id)).toEqual(['booked']);
		await waitUntil(() => smtp.received.some((m) => m.to.includes(`${number.toLowerCase()}@example.com`)), 'the booked email');

		// A replay answers the booking as it stands: nothing booked, used or told again.
		const replay = await send(body, bearer);
		expect(replay.status).toBe(200);
		expect(replay.body).toMatchObject({ status: 'booked', bookedSlot: { date: saturday, start: '14:00' } });
		const usageAfter = await api.db
			.selectFrom('slotUsage')
			.select('booked')
			.where('prisonId', '=', prison)
			.where('date', '=', saturday)
			.executeTakeFirstOrThrow();
		expect(usageAfter.booked).toBe(usage.booked);
		expect((await call(api, 'GET', recordPath(number), { cookie })).body.allowance.remaining).toBe(1);
		expect(await emailKinds(body.id)).toEqual(['booked']);

		// The visitor sees it booked, with its pass; staff find it on the day's list, not in the queue.
		const mine = await call(api, 'GET', `/api/visit-requests/${body.id}`, { bearer });
		expect(mine.body.status).toBe('booked');
		expect(mine.body.pass?.code).toEqual(expect.any(String));
		const queue = await call(api, 'GET', `/api/staff/requests?prisonId=${prison}`, { cookie });
		expect(queue.body.requests.map((r: { id: string }) => r.id)).not.toContain(body.id);
	});

	it('leaves a request to staff, told "sent", with its review reasons when the record flags it', async () => {
		// A banned visitor.
		const banned = newPrisonerNumber();
		await call(api, 'POST', recordPath(banned, '/bans'), {
			cookie,
			body: { firstName: 'MARY', lastName: 'lovelace', dateOfBirth: '1965-02-03', reason: 'Smuggling' }
		});
		// No allowance left.
		const spent = newPrisonerNumber();
		await call(api, 'PUT', recordPath(spent, '/allowance'), { cookie, body: { remaining: 0 } });
		// Closed visits only.
		const closed = newPrisonerNumber();
		expect(
			(await call(api, 'PUT', recordPath(closed, '/closed-visits'), { cookie, body: { closedVisitsOnly: true, reason: 'Risk' } })).status
		).toBe(200);
		// A visit booked already on that date (a duplicate and a clash).
		const twice = newPrisonerNumber();
		expect((await send(requestFor(twice))).body.status).toBe('booked');

		const cases: [string, string[]][] = [
			[banned, ['visitor_banned']],
			[spent, ['no_allowance']],
			[closed, ['closed_visit']],
			[twice, ['duplicate_request', 'prisoner_clash']]
		];
		for (const [number, codes] of cases) {
			const body = requestFor(number);
			const answer = await send(body);
			expect(answer.status, number).toBe(201);
			expect(answer.body.status).toBe('requested');
			expect(answer.body.review.map((r: { code: string }) => r.code).sort()).toEqual(codes);
			expect(answer.body.review.every((r: { message: string }) => r.message.length > 0)).toBe(true);
			expect(await emailKinds(body.id)).toEqual(['sent']);
			const queue = await call(api, 'GET', `/api/staff/requests?prisonId=${prison}`, { cookie });
			const queued = queue.body.requests.find((r: { id: string }) => r.id === body.id);
			expect(queued.review.map((r: { code: string }) => r.code).sort()).toEqual(codes);
		}
		// Nothing was booked for them.
		const usage = await api.db
			.selectFrom('slotUsage')
			.select('booked')
			.where('prisonId', '=', prison)
			.where('date', '=', saturday)
			.executeTakeFirstOrThrow();
		const booked = await api.db
			.selectFrom('visitRequests')
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.where('prisonId', '=', prison)
			.where('status', '=', 'booked')
			.where('bookedDate', '=', saturday)
			.executeTakeFirstOrThrow();
		expect(usage.booked).toBe(Number(booked.n));
	});

	it('in a request prison, every request waits for staff with the reason that the prison checks each one', async () => {
		const requestPrison = await createPrison(api.db, { timetable: everyDay(20) });
		const body = requestFor(newPrisonerNumber(), {}, requestPrison);
		const answer = await send(body);
		expect(answer.status).toBe(201);
		expect(answer.body.status).toBe('requested');
		expect(answer.body.review).toEqual([{ code: 'request_mode', message: t('instant.review.request_mode') }]);
		expect(await emailKinds(body.id)).toEqual(['sent']);
	});
});

describe('capacity under instant submits', () => {
	it('books exactly 10 of 50 submits at once into a slot of 10; the other 40 are told to choose again', async () => {
		const small = await createPrison(api.db, { timetable: everyDay(10), bookingMode: 'instant' });
		const slot = { date: bookableDate(3), start: '14:00' };
		const bodies = Array.from({ length: 50 }, () => requestFor(newPrisonerNumber(), { slots: [slot] }, small));
		const answers = await Promise.all(bodies.map((body) => send(body)));
		const statuses = answers.map((a) => a.status);
		expect(statuses.filter((s) => s === 201)).toHaveLength(10);
		expect(answers.filter((a) => a.status === 201).every((a) => a.body.status === 'booked')).toBe(true);
		expect(statuses.filter((s) => s === 422)).toHaveLength(40);
		expect(answers.filter((a) => a.status === 422).every((a) => a.body.error.fields['slots.0'] === t('validation.slot.full'))).toBe(true);

		const usage = await api.db.selectFrom('slotUsage').select('booked').where('prisonId', '=', small).executeTakeFirstOrThrow();
		expect(usage.booked).toBe(10);
		const stored = await api.db.selectFrom('visitRequests').select(['status']).where('prisonId', '=', small).execute();
		// A refused submit stores nothing (the device keeps it and asks to choose again).
		expect(stored.map((r) => r.status)).toEqual(Array(10).fill('booked'));
	});
});
