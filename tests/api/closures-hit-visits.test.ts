import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/shared/rules/dates';
import { PushPayload } from '../../src/lib/shared/schemas-push';
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
import { fingerprint } from '../helpers/db-fingerprint';
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { pushesTo, subscribedPhone, type SubscribedPhone } from '../helpers/subscribed-phone';
import { waitForOutboxSettled, waitUntil } from '../helpers/wait-until';

/*
 * PRODUCT.md "A booked visit stays true, and the family is told": a closure over booked visits is
 * refused with the list and changes nothing; with cancelBooked each visit is cancelled in the same
 * transaction, its place given back, and its visitor told once by push and once by email. A
 * timetable edit that would strand booked visits is refused. Over real HTTP, a real SMTP server
 * and the local push stand-in.
 */

let api: TestApi;
let smtp: TestSmtpServer;
let pushService: PushEndpoint;
let cookie: string;
let officerName: string;

beforeAll(async () => {
	smtp = await startSmtpServer();
	pushService = await startPushEndpoint();
	api = await startTestApi({
		env: { PUSH_ALLOW_INSECURE: '1', SMTP_URL: smtp.url, MAIL_FROM: 'Visits <visits@prison.example>' },
		pushAgent: pushService.agent
	});
});
afterAll(async () => {
	await api?.close();
	await smtp?.close();
	await pushService?.close();
});

async function submit(prisonId: string, bearer: string, email: string, slots: { date: string; start: string }[]) {
	const body = aVisitRequest(prisonId, {
		visitors: [{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email }],
		slots
	});
	const response = await call(api, 'POST', '/api/visit-requests', { bearer, body });
	expect(response.status).toBe(201);
	return response.body as { id: string; reference: string };
}

const confirm = async (id: string, slot: { date: string; start: string }) =>
	call(api, 'POST', `/api/staff/requests/${id}/confirm`, { cookie, body: { slot } });

const mailsTo = (address: string, subject: RegExp) =>
	smtp.received.filter((m) => m.to.includes(address) && subject.test(m.parsed.subject ?? ''));

describe('a closure over booked visits', () => {
	let prisonId: string;
	const saturday = bookableDate(6);
	const slot = { date: saturday, start: '14:00' };
	const phones: SubscribedPhone[] = [];
	const emails = ['one@example.com', 'two@example.com', 'three@example.com'];
	const booked: { id: string; reference: string }[] = [];
	let pending: { id: string; reference: string };
	const laterSaturday = addDays(saturday, 7);

	beforeAll(async () => {
		prisonId = await createPrison(api.db);
		const officer = await createStaff(api.db, { prisonIds: [prisonId], name: 'Sam Closer' });
		officerName = officer.name;
		cookie = await signIn(api, officer);
		for (const email of emails) {
			const phone = await subscribedPhone(api, pushService);
			phones.push(phone);
			const request = await submit(prisonId, phone.bearer, email, [slot]);
			expect((await confirm(request.id, slot)).status).toBe(200);
			booked.push(request);
		}
		// Still waiting: it chose the slot being closed and a later one.
		pending = await submit(prisonId, newDeviceSecret(), 'pending@example.com', [slot, { date: laterSaturday, start: '14:00' }]);
		for (const [i, phone] of phones.entries()) await waitUntil(() => pushesTo(pushService, phone).length === 1, `booked push ${i}`);
		await smtp.waitFor(emails.length * 2 + 1);
	});

	it('sends the visitor the sent and booked emails, plain text and HTML, the booked one with its .ics', async () => {
		const [sent] = mailsTo('one@example.com', /sent/);
		const [bookedMail] = mailsTo('one@example.com', /booked/);
		expect(sent?.parsed.text).toContain(booked[0]!.reference);
		expect(bookedMail?.parsed.html).toContain(booked[0]!.reference);
		expect(bookedMail?.parsed.from?.text).toContain('visits@prison.example');
		const ics = bookedMail?.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
		expect(ics?.content.toString()).toMatch(/BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z/);
	});

	it('is refused with the list of visits, and changes nothing', async () => {
		// The workers have sent every queued push and email, so a fingerprint holds still.
		await waitForOutboxSettled(api.db);
		const before = await fingerprint(api.db);
		const response = await call(api, 'POST', `/api/staff/prisons/${prisonId}/closures`, {
			cookie,
			body: { date: saturday, reason: 'Staff training' }
		});
		expect(response.status).toBe(409);
		expect(response.body.error.code).toBe('closure_hits_visits');
		expect(response.body.error.visits).toHaveLength(3);
		expect(new Set(response.body.error.visits.map((v: { id: string }) => v.id))).toEqual(new Set(booked.map((b) => b.id)));
		for (const visit of response.body.error.visits) {
			expect(visit).toEqual({
				id: expect.any(String),
				reference: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/),
				date: saturday,
				start: '14:00'
			});
		}
		// One slot of the day alone hits them too; another slot of the day does not.
		const oneSlot = await call(api, 'POST', `/api/staff/prisons/${prisonId}/closures`, {
			cookie,
			body: { date: saturday, start: '14:00', reason: 'x' }
		});
		expect(oneSlot.body.error.code).toBe('closure_hits_visits');
		expect(await fingerprint(api.db)).toEqual(before);
	});

	it('answers a malformed body with 400 and field messages, never 500', async () => {
		// The workers have sent every queued push and email, so a fingerprint holds still.
		await waitForOutboxSettled(api.db);
		const before = await fingerprint(api.db);
		const response = await call(api, 'POST', `/api/staff/prisons/${prisonId}/closures`, {
			cookie,
			body: { date: saturday, reason: '', cancelBooked: 'yes' }
		});
		expect(response.status).toBe(400);
		expect(Object.keys(response.body.error.fields).sort()).toEqual(['cancelBooked', 'reason']);
		expect(await fingerprint(api.db)).toEqual(before);
	});

	it('with cancelBooked cancels each visit, gives the places back and tells each visitor once, by push and by email', async () => {
		const usageBefore = await api.db
			.selectFrom('slotUsage')
			.select('booked')
			.where('prisonId', '=', prisonId)
			.where('date', '=', saturday)
			.where('startTime', '=', '14:00')
			.executeTakeFirstOrThrow();
		expect(usageBefore.booked).toBe(3);
		const response = await call(api, 'POST', `/api/staff/prisons/${prisonId}/closures`, {
			cookie,
			body: { date: saturday, reason: 'Staff training', cancelBooked: true }
		});
		expect(response.status).toBe(201);
		expect(response.body).toMatchObject({ date: saturday, reason: 'Staff training' });
		expect(response.body.cancelled).toHaveLength(3);

		for (const [i, request] of booked.entries()) {
			const seen = await call(api, 'GET', `/api/visit-requests/${request.id}`, { bearer: phones[i]!.bearer });
			expect(seen.body).toMatchObject({ status: 'cancelled', cancellationReason: 'prison_closed', message: 'Staff training' });
			const staffView = await call(api, 'GET', `/api/staff/requests/${request.id}`, { cookie });
			expect(staffView.body.history.at(-1)).toMatchObject({
				fromStatus: 'booked',
				toStatus: 'cancelled',
				actorType: 'staff',
				actorName: officerName
			});
		}
		const usage = await api.db
			.selectFrom('slotUsage')
			.select('booked')
			.where('prisonId', '=', prisonId)
			.where('date', '=', saturday)
			.where('startTime', '=', '14:00')
			.executeTakeFirstOrThrow();
		expect(usage.booked).toBe(0);

		for (const [i, phone] of phones.entries()) await waitUntil(() => pushesTo(pushService, phone).length === 2, `cancel push ${i}`);
		await waitUntil(() => emails.every((e) => mailsTo(e, /cancelled/).length >= 1), 'cancel emails');
		// Everything the cancellations queued is sent: nothing more can arrive.
		await waitForOutboxSettled(api.db);
		for (const [i, phone] of phones.entries()) {
			expect(pushesTo(pushService, phone)).toHaveLength(2);
			const payload = PushPayload.parse(JSON.parse(phone.browser.decrypt(pushesTo(pushService, phone)[1]!.body)));
			expect(payload).toMatchObject({ requestId: booked[i]!.id, status: 'cancelled' });
			const mails = mailsTo(emails[i]!, /cancelled/);
			expect(mails).toHaveLength(1);
			expect(mails[0]!.parsed.text).toContain('Staff training');
			expect(mails[0]!.parsed.text).toContain(booked[i]!.reference);
			expect(mails[0]!.parsed.html).toContain('Staff training');
		}
		expect(
			await api.db.selectFrom('deliveries').select('status').where('channel', '=', 'email').where('kind', '=', 'cancelled').execute()
		).toEqual(Array.from({ length: 3 }, () => ({ status: 'sent' })));
	});

	it('shows staff a pending request’s choice in the closed slot as closed, and keeps its other choice', async () => {
		const { body } = await call(api, 'GET', `/api/staff/requests/${pending.id}`, { cookie });
		expect(body.status).toBe('requested');
		expect(body.choices[0]).toMatchObject({
			date: saturday,
			start: '14:00',
			bookable: false,
			closed: true,
			closedReason: 'Staff training'
		});
		expect(body.choices[1]).toMatchObject({ date: laterSaturday, bookable: true });
		expect(body.choices[1].closed).toBeUndefined();
	});

	it('answers a decision queued offline before the closure with a clear 409', async () => {
		const response = await confirm(pending.id, slot);
		expect(response.status).toBe(409);
		expect(response.body.error).toMatchObject({ code: 'slot_closed', message: expect.stringMatching(/closed/i) });
	});

	it('shows the closure reason in the calendar', async () => {
		const { body } = await call(api, 'GET', `/api/prisons/${prisonId}/slots?from=${saturday}&to=${saturday}`);
		expect(body.days[0]).toMatchObject({ closed: true, closedReason: 'Staff training' });
		expect(body.days[0].slots.every((s: { closedReason?: string }) => s.closedReason === 'Staff training')).toBe(true);
	});
});

describe('a timetable edit that would strand booked visits', () => {
	it('is refused with the list when it removes a booked slot or lowers its capacity below the bookings; nothing changes', async () => {
		const prisonId = await createPrison(api.db, {
			timetable: [
				{ weekday: 6, start: '14:00', end: '16:00', capacity: 3 },
				{ weekday: 6, start: '09:30', end: '11:30', capacity: 3 }
			]
		});
		const officer = await createStaff(api.db, { prisonIds: [prisonId] });
		cookie = await signIn(api, officer);
		const slot = { date: bookableDate(6), start: '14:00' };
		const visits = [];
		for (let i = 0; i < 2; i += 1) {
			const request = await submit(prisonId, newDeviceSecret(), `tt${i}@example.com`, [slot]);
			expect((await confirm(request.id, slot)).status).toBe(200);
			visits.push(request);
		}
		const put = (slots: unknown[]) => call(api, 'PUT', `/api/staff/prisons/${prisonId}/timetable`, { cookie, body: { slots } });
		// The workers have sent every queued push and email, so a fingerprint holds still.
		await waitForOutboxSettled(api.db);
		const before = await fingerprint(api.db);

		const removed = await put([{ weekday: 6, start: '09:30', end: '11:30', capacity: 3 }]);
		expect(removed.status).toBe(409);
		expect(removed.body.error.code).toBe('timetable_hits_visits');
		expect(removed.body.error.visits.map((v: { reference: string }) => v.reference).sort()).toEqual(visits.map((v) => v.reference).sort());
		expect(removed.body.error.visits[0]).toMatchObject({ date: slot.date, start: '14:00' });

		const lowered = await put([
			{ weekday: 6, start: '14:00', end: '16:00', capacity: 1 },
			{ weekday: 6, start: '09:30', end: '11:30', capacity: 3 }
		]);
		expect(lowered.status).toBe(409);
		expect(lowered.body.error.visits).toHaveLength(2);
		expect(await fingerprint(api.db)).toEqual(before);

		// Down to exactly what is booked, and dropping the other slot: allowed.
		const fine = await put([{ weekday: 6, start: '14:00', end: '16:30', capacity: 2 }]);
		expect(fine.status).toBe(200);
	});
});

describe('concurrent closures and confirms', () => {
	it('never answer 5xx and never leave a visit booked in a closed slot', async () => {
		const prisonId = await createPrison(api.db);
		const officers = await Promise.all([0, 1].map(() => createStaff(api.db, { prisonIds: [prisonId] })));
		const cookies = await Promise.all(officers.map((o) => signIn(api, o)));
		cookie = cookies[0]!;
		const slot = { date: bookableDate(6), start: '14:00' };
		const requests = [];
		for (let i = 0; i < 6; i += 1) requests.push(await submit(prisonId, newDeviceSecret(), `race${i}@example.com`, [slot]));
		for (const request of requests.slice(0, 2)) expect((await confirm(request.id, slot)).status).toBe(200);

		const closures = [0, 1, 2, 3].map((i) =>
			call(api, 'POST', `/api/staff/prisons/${prisonId}/closures`, {
				cookie: cookies[i % 2],
				body: { date: slot.date, ...(i % 2 ? { start: '14:00' } : {}), reason: `Burst pipe ${i}`, cancelBooked: i < 3 }
			})
		);
		const confirms = requests
			.slice(2)
			.map((r, i) => call(api, 'POST', `/api/staff/requests/${r.id}/confirm`, { cookie: cookies[i % 2], body: { slot } }));
		const timetable = call(api, 'PUT', `/api/staff/prisons/${prisonId}/timetable`, {
			cookie: cookies[0],
			body: { slots: [{ weekday: 6, start: '14:00', end: '16:00', capacity: 20 }] }
		});
		// An officer cancels one of the booked visits at the same moment (its row, then the prison's).
		const cancel = call(api, 'POST', `/api/staff/requests/${requests[0]!.id}/cancel`, {
			cookie: cookies[1],
			body: { reason: 'booked_in_error' }
		});
		const statuses = (await Promise.all([...closures, ...confirms, timetable, cancel])).map((r) => r.status);
		expect(statuses.every((s) => s < 500)).toBe(true);
		expect(statuses.slice(0, 3).every((s) => s === 201)).toBe(true);

		const stillBooked = await api.db
			.selectFrom('visitRequests')
			.select('id')
			.where('prisonId', '=', prisonId)
			.where('status', '=', 'booked')
			.execute();
		expect(stillBooked).toEqual([]);
		const usage = await api.db.selectFrom('slotUsage').select('booked').where('prisonId', '=', prisonId).execute();
		expect(usage.every((u) => u.booked === 0)).toBe(true);
	});
});
