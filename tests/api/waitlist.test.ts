import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/server';
import { loadConfig } from '../../server/config';
import { addDays } from '../../src/lib/shared/rules/dates';
import { translate, type Locale } from '../../src/lib/shared/i18n';
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
import { createBrowserLikeSubscription, startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { pushesTo as pushesReceived, subscribedPhone, type SubscribedPhone } from '../helpers/subscribed-phone';
import { waitForOutboxSettled, waitUntil } from '../helpers/wait-until';
import { createTestDatabase } from '../helpers/test-database';

/*
 * PRODUCT.md "Changing a visit, and a waiting list" part 2: a full slot's waiting list.
 * Joining a full slot, refusals (a slot with places 409, a slot that cannot be booked 422), leaving,
 * device scope, and "a place came up": one push job per subscribed browser and one email job per
 * waiting device per freed place, whichever way the place frees (cancellation, capacity raised, a
 * closure lifted), told once even when two cancels race in two servers, and entries that end when
 * the slot starts. Over real HTTP, a real SMTP server and the local push stand-in.
 */

let api: TestApi;
let smtp: TestSmtpServer;
let pushService: PushEndpoint;

beforeAll(async () => {
	smtp = await startSmtpServer();
	pushService = await startPushEndpoint();
	api = await startTestApi({
		env: { PUSH_ALLOW_INSECURE: '1', SMTP_URL: smtp.url, LIFECYCLE_EVERY_SECONDS: '1' },
		pushAgent: pushService.agent
	});
});
afterAll(async () => {
	await api?.close();
	await smtp?.close();
	await pushService?.close();
});

interface Phone extends SubscribedPhone {
	email: string;
}

async function phoneOf(name: string): Promise<Phone> {
	return { ...(await subscribedPhone(api, pushService)), email: `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com` };
}

const SATURDAY = bookableDate(6);
const FULL = { date: SATURDAY, start: '14:00' };
const OPEN = { date: SATURDAY, start: '09:30' };

interface Prison {
	id: string;
	cookie: string;
}

/** A prison whose Saturday 14:00 has one place, and Saturday 09:30 has ten. */
async function prisonWithOnePlace(): Promise<Prison> {
	const id = await createPrison(api.db, {
		timetable: [
			{ weekday: 6, start: '14:00', end: '16:00', capacity: 1 },
			{ weekday: 6, start: '09:30', end: '11:30', capacity: 10 }
		]
	});
	const officer = await createStaff(api.db, { prisonIds: [id] });
	return { id, cookie: await signIn(api, officer) };
}

async function book(prison: Prison, bearer: string, email: string, slot = FULL): Promise<string> {
	const body = aVisitRequest(prison.id, {
		visitors: [{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email }],
		slots: [slot]
	});
	expect((await call(api, 'POST', '/api/visit-requests', { bearer, body })).status).toBe(201);
	const confirmed = await call(api, 'POST', `/api/staff/requests/${body.id}/confirm`, { cookie: prison.cookie, body: { slot } });
	expect(confirmed.status).toBe(200);
	return body.id;
}

/** A waiting phone with an earlier request (so its lead visitor's address is known), on the list for FULL. */
async function waitingPhone(prison: Prison, name: string, language: Locale = 'en'): Promise<Phone> {
	const phone = await phoneOf(name);
	const body = aVisitRequest(prison.id, {
		visitors: [{ firstName: name, lastName: 'Waiter', dateOfBirth: '1970-01-01', email: phone.email }],
		slots: [OPEN]
	});
	expect((await call(api, 'POST', '/api/visit-requests', { bearer: phone.bearer, body })).status).toBe(201);
	expect((await join(prison.id, phone.bearer, FULL, { 'accept-language': language })).status).toBe(201);
	return phone;
}

const join = (prisonId: string, bearer: string, slot: unknown, headers?: Record<string, string>) =>
	call(api, 'POST', `/api/prisons/${prisonId}/waitlist`, { bearer, body: slot, ...(headers ? { headers } : {}) });
const leave = (prisonId: string, bearer: string, slot: unknown) =>
	call(api, 'DELETE', `/api/prisons/${prisonId}/waitlist`, { bearer, body: slot });
const listOf = async (bearer: string) =>
	(await call(api, 'GET', '/api/waitlist', { bearer })).body.entries as { id: string; date: string; start: string }[];

/** The "a place came up" jobs written for one entry, or for every entry of a prison. */
async function placeJobs(prisonId: string) {
	const entries = await api.db.selectFrom('waitlistEntries').select(['id', 'deviceId']).where('prisonId', '=', prisonId).execute();
	const ids = entries.map((entry) => entry.id);
	if (ids.length === 0) return { push: [], email: [] };
	const push = await api.db
		.selectFrom('deliveries')
		.innerJoin('pushSubscriptions', 'pushSubscriptions.id', 'deliveries.subscriptionId')
		.select(['deliveries.payload', 'pushSubscriptions.deviceId'])
		.where(
			'pushSubscriptions.deviceId',
			'in',
			entries.map((entry) => entry.deviceId)
		)
		.execute();
	const email = await api.db
		.selectFrom('deliveries')
		.select(['waitlistEntryId', 'language as locale'])
		.where('channel', '=', 'email')
		.where('kind', '=', 'place')
		.where('waitlistEntryId', 'in', ids)
		.execute();
	return { push: push.filter((job) => job.payload?.status === 'place'), email };
}

const pushesTo = (phone: Phone) =>
	pushesReceived(pushService, phone).map((push) => PushPayload.parse(JSON.parse(phone.browser.decrypt(push.body))));
/** The "a place came up" emails to this phone's lead visitor in that language (told by a line only that email has). */
const placeMailsTo = (phone: Phone, language: Locale = 'en') =>
	smtp.received.filter((m) => m.to.includes(phone.email) && (m.parsed.text ?? '').includes(translate(language, 'email.place.notKept')));

describe('joining and leaving', () => {
	let prison: Prison;
	const bearer = newDeviceSecret();

	beforeAll(async () => {
		prison = await prisonWithOnePlace();
		await book(prison, newDeviceSecret(), 'holder@example.com');
	});

	it('joins a full slot with 201, and the same again is the same entry with 200', async () => {
		const first = await join(prison.id, bearer, FULL);
		expect(first.status).toBe(201);
		expect(first.body).toMatchObject({ prisonId: prison.id, date: FULL.date, start: '14:00', end: '16:00' });
		const again = await join(prison.id, bearer, FULL);
		expect(again.status).toBe(200);
		expect(again.body.id).toBe(first.body.id);
		expect(await listOf(bearer)).toEqual([expect.objectContaining({ id: first.body.id, date: FULL.date, start: '14:00' })]);
		// "Download your data" holds it too.
		expect((await call(api, 'GET', '/api/visit-requests/export', { bearer })).body.waitingList).toEqual([
			expect.objectContaining({ id: first.body.id })
		]);
		expect(await api.db.selectFrom('waitlistEntries').select('id').where('prisonId', '=', prison.id).execute()).toHaveLength(1);
	});

	it('refuses a slot that has places with 409 "there are places: book it", in English and Welsh', async () => {
		const other = newDeviceSecret();
		const english = await join(prison.id, other, OPEN);
		expect(english.status).toBe(409);
		expect(english.body.error).toMatchObject({ code: 'slot_has_places', message: 'There are places at this time: book it' });
		const welsh = await join(prison.id, other, OPEN, { 'Accept-Language': 'cy' });
		expect(welsh.status).toBe(409);
		expect(welsh.body.error.message).toBe('Mae lleoedd ar gael ar yr amser hwn: trefnwch ymweliad');
		expect(await listOf(other)).toEqual([]);
	});

	it('refuses a time not in the timetable, closed, started or outside the window with 422 and field messages', async () => {
		const other = newDeviceSecret();
		const unknown = await join(prison.id, other, { date: SATURDAY, start: '15:00' });
		expect(unknown.status).toBe(422);
		expect(unknown.body.error.fields).toEqual({ start: 'This time is not available at this prison' });

		const closedDate = addDays(SATURDAY, 7);
		expect(
			(
				await call(api, 'POST', `/api/staff/prisons/${prison.id}/closures`, {
					cookie: prison.cookie,
					body: { date: closedDate, reason: 'Staff training' }
				})
			).status
		).toBe(201);
		const closed = await join(prison.id, other, { date: closedDate, start: '14:00' });
		expect(closed.status).toBe(422);
		expect(closed.body.error.fields).toEqual({ date: 'This time is closed: choose another' });

		const past = await join(prison.id, other, { date: addDays(SATURDAY, -14), start: '14:00' });
		expect(past.status).toBe(422);
		expect(past.body.error.fields).toMatchObject({
			date: expect.stringMatching(/^Choose a date between/),
			start: 'This time has passed: choose another'
		});

		const malformed = await join(prison.id, other, { date: 'soon', start: '2pm', extra: 1 });
		expect(malformed.status).toBe(400);
		expect(malformed.body.error.fields).toMatchObject({ date: expect.any(String), start: expect.any(String) });

		expect((await join(randomUUID(), other, FULL)).status).toBe(404);
		expect((await call(api, 'POST', `/api/prisons/${prison.id}/waitlist`, { body: FULL })).status).toBe(401);
		expect(await listOf(other)).toEqual([]);
	});

	it("keeps each device's entries to itself: another device neither sees nor leaves them", async () => {
		const stranger = newDeviceSecret();
		expect(await listOf(stranger)).toEqual([]);
		expect((await leave(prison.id, stranger, FULL)).status).toBe(204);
		expect(await listOf(bearer)).toHaveLength(1);
	});

	it('a device that asks to be forgotten leaves every waiting list', async () => {
		const forgetful = newDeviceSecret();
		const joined = await join(prison.id, forgetful, FULL);
		expect(joined.status).toBe(201);
		expect((await call(api, 'DELETE', '/api/visit-requests', { bearer: forgetful })).status).toBe(200);
		expect(await api.db.selectFrom('waitlistEntries').select('id').where('id', '=', joined.body.id).execute()).toEqual([]);
	});

	it('leaves with 204, and leaving again is harmless', async () => {
		expect((await leave(prison.id, bearer, FULL)).status).toBe(204);
		expect(await listOf(bearer)).toEqual([]);
		expect((await leave(prison.id, bearer, FULL)).status).toBe(204);
	});
});

describe('a place came up', () => {
	let prison: Prison;
	let holder: { bearer: string; requestId: string };
	let one: Phone;
	let two: Phone;

	beforeAll(async () => {
		prison = await prisonWithOnePlace();
		const bearer = newDeviceSecret();
		holder = { bearer, requestId: await book(prison, bearer, 'holder@example.com') };
		one = await waitingPhone(prison, 'One');
		// Joined from a phone in Welsh: told in Welsh, by push and by email.
		two = await waitingPhone(prison, 'Two', 'cy');
	});

	it('a visitor cancelling tells every waiting device at once: one push job and one email job each, in its language', async () => {
		expect((await placeJobs(prison.id)).push).toHaveLength(0);
		expect((await call(api, 'POST', `/api/visit-requests/${holder.requestId}/cancel`, { bearer: holder.bearer })).status).toBe(200);
		const jobs = await placeJobs(prison.id);
		expect(jobs.push).toHaveLength(2);
		expect(jobs.email).toHaveLength(2);

		await waitUntil(() => pushesTo(one).length === 1 && pushesTo(two).length === 1, 'both pushes');
		const [payload] = pushesTo(one);
		expect(payload).toMatchObject({ status: 'place', title: 'A place came up' });
		expect(payload!.url).toBe(`/book/slots?prison=${prison.id}&date=${FULL.date}&start=14%3A00`);
		expect(payload!.body).toContain(`HMP Test`);

		expect(jobs.email.map((job) => job.locale).sort()).toEqual(['cy', 'en']);
		const [welsh] = pushesTo(two);
		expect(welsh).toMatchObject({ status: 'place', title: translate('cy', 'push.waitlist.place.title') });

		await waitUntil(() => placeMailsTo(one).length === 1 && placeMailsTo(two, 'cy').length === 1, 'both emails');
		expect(placeMailsTo(one)[0]!.parsed.text).toContain('is not kept for you');
		expect(placeMailsTo(two, 'en')).toHaveLength(0);
		expect(placeMailsTo(one, 'cy')).toHaveLength(0);
		// Still waiting: the entry ends when the slot starts or the visitor leaves, not when told.
		expect(await listOf(one.bearer)).toHaveLength(1);
	});

	it('a place taken again and freed again by staff tells those still waiting once more; one who left is not told', async () => {
		const bearer = newDeviceSecret();
		const requestId = await book(prison, bearer, 'second@example.com');
		expect((await leave(prison.id, two.bearer, FULL)).status).toBe(204);
		const pushesBefore = pushesTo(one).length;
		const cancelled = await call(api, 'POST', `/api/staff/requests/${requestId}/cancel`, {
			cookie: prison.cookie,
			body: { reason: 'prison_closed' }
		});
		expect(cancelled.status).toBe(200);
		await waitUntil(() => pushesTo(one).length === pushesBefore + 1, 'the second push');
		expect(pushesTo(two)).toHaveLength(1);
		expect((await placeJobs(prison.id)).email).toHaveLength(1 + 1);
	});

	it('raising the capacity tells them; a timetable save that raises nothing does not', async () => {
		const put = (capacity: number) =>
			call(api, 'PUT', `/api/staff/prisons/${prison.id}/timetable`, {
				cookie: prison.cookie,
				body: {
					slots: [
						{ weekday: 6, start: '14:00', end: '16:00', capacity },
						{ weekday: 6, start: '09:30', end: '11:30', capacity: 10 }
					]
				}
			});
		// Full again first, so the raise is what frees a place.
		await book(prison, newDeviceSecret(), 'third@example.com');
		const before = pushesTo(one).length;
		expect((await put(1)).status).toBe(200);
		expect((await placeJobs(prison.id)).push.length).toBe(before);
		expect((await put(2)).status).toBe(200);
		await waitUntil(() => pushesTo(one).length === before + 1, 'the push after the raise');
	});
});

describe('a closure', () => {
	it('that cancels the booked visits does not tell the waiting list (no place: the slot is closed); lifting it does', async () => {
		const prison = await prisonWithOnePlace();
		await book(prison, newDeviceSecret(), 'closed@example.com');
		const phone = await waitingPhone(prison, 'Closure');
		const closure = { date: FULL.date, start: '14:00', reason: 'Flooding' };
		const added = await call(api, 'POST', `/api/staff/prisons/${prison.id}/closures`, {
			cookie: prison.cookie,
			body: { ...closure, cancelBooked: true }
		});
		expect(added.status).toBe(201);
		expect(added.body.cancelled).toHaveLength(1);
		expect((await placeJobs(prison.id)).push).toHaveLength(0);
		expect((await placeJobs(prison.id)).email).toHaveLength(0);

		const lifted = await call(api, 'DELETE', `/api/staff/prisons/${prison.id}/closures`, {
			cookie: prison.cookie,
			body: { date: closure.date, start: closure.start }
		});
		expect(lifted.status).toBe(204);
		await waitUntil(() => pushesTo(phone).length === 1, 'the push after the closure was lifted');
		expect((await placeJobs(prison.id)).email).toHaveLength(1);
	});
});

describe('told once', () => {
	it('when a visitor and staff cancel the same visit at the same moment in two servers on one database', async () => {
		const prison = await prisonWithOnePlace();
		const bearer = newDeviceSecret();
		const requestId = await book(prison, bearer, 'race@example.com');
		const phone = await waitingPhone(prison, 'Race');
		// A second server on the same database (PGlite too: one process, two apps, as two processes would be on PostgreSQL).
		const second: RunningServer = await startServer({
			config: loadConfig({ PORT: '0', HOST: '127.0.0.1', SEED: 'none', LOG_LEVEL: 'silent', PUSH_ALLOW_INSECURE: '1', SMTP_URL: smtp.url }),
			db: api.database,
			pushAgent: pushService.agent,
			intervalJobs: false
		});
		try {
			const answers = await Promise.all([
				call(api, 'POST', `/api/visit-requests/${requestId}/cancel`, { bearer }),
				call(second, 'POST', `/api/staff/requests/${requestId}/cancel`, { cookie: prison.cookie, body: { reason: 'prison_closed' } })
			]);
			for (const answer of answers) expect([200, 409]).toContain(answer.status);
			const jobs = await placeJobs(prison.id);
			expect(jobs.push).toHaveLength(1);
			expect(jobs.email).toHaveLength(1);
			await waitUntil(() => pushesTo(phone).length === 1, 'the push');
		} finally {
			await second.close();
		}
	});
});

describe('entries end', () => {
	it('when the slot starts: gone from the list at once, and from the database at the next lifecycle run', async () => {
		const prison = await prisonWithOnePlace();
		await book(prison, newDeviceSecret(), 'ends@example.com');
		const phone = await waitingPhone(prison, 'Ends');
		expect(await listOf(phone.bearer)).toHaveLength(1);
		// As if the days had passed: the slot started a minute ago.
		await api.db
			.updateTable('waitlistEntries')
			.set({ startsAt: new Date(Date.now() - 60_000) })
			.where('prisonId', '=', prison.id)
			.execute();
		expect(await listOf(phone.bearer)).toEqual([]);
		expect((await api.server.lifecycle.runNow()).waitingEnded).toBeGreaterThanOrEqual(1);
		expect(await api.db.selectFrom('waitlistEntries').select('id').where('prisonId', '=', prison.id).execute()).toEqual([]);
	});
});

describe.runIf(Boolean(process.env.DATABASE_URL))('two server processes', () => {
	const cleanups: Array<() => Promise<unknown>> = [];
	afterAll(async () => {
		for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
	});

	it('tell a waiting device once per freed place, whichever process frees it', async () => {
		const database = await createTestDatabase();
		cleanups.push(() => database.close());
		const processPush = await startPushEndpoint();
		cleanups.push(() => processPush.close());
		const processSmtp = await startSmtpServer();
		cleanups.push(() => processSmtp.close());
		const env = {
			DATABASE_URL: database.url!,
			SEED: 'demo',
			DEMO_STAFF_PASSWORD: 'two-servers-waitlist',
			PUSH_ALLOW_INSECURE: '1',
			NODE_EXTRA_CA_CERTS: processPush.certPath,
			SMTP_URL: processSmtp.url
		};
		const servers: ServerProcess[] = [];
		for (let i = 0; i < 2; i += 1) {
			const server = await startServerProcess({ port: await freePort(), env, timeoutMs: 90_000 });
			cleanups.push(() => server.stop());
			servers.push(server);
		}
		const [a, b] = servers as [ServerProcess, ServerProcess];
		const prisonId: string = (await call(a, 'GET', '/api/prisons')).body.prisons.find((p: { code: string }) => p.code === 'RCI').id;
		// The demo prison books at once; this test is about staff decisions, so staff decide every request here.
		await database.db.updateTable('prisons').set({ bookingMode: 'request' }).execute();
		// Rochester's Saturday morning has 12 places: fill it, then free one place at a time.
		await database.db
			.updateTable('timetableSlots')
			.set({ capacity: 2 })
			.where('prisonId', '=', prisonId)
			.where('weekday', '=', 6)
			.where('startTime', '=', '09:30')
			.execute();
		const slot = { date: SATURDAY, start: '09:30' };
		const login = await call(b, 'POST', '/api/staff/login', {
			body: { email: 'staff@rochester.example', password: 'two-servers-waitlist' }
		});
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
		const booked: { id: string; bearer: string }[] = [];
		for (let i = 0; i < 2; i += 1) {
			const bearer = newDeviceSecret();
			const body = aVisitRequest(prisonId, { slots: [slot] });
			expect((await call(a, 'POST', '/api/visit-requests', { bearer, body })).status).toBe(201);
			expect((await call(b, 'POST', `/api/staff/requests/${body.id}/confirm`, { cookie, body: { slot } })).status).toBe(200);
			booked.push({ id: body.id, bearer });
		}
		const bearer = newDeviceSecret();
		const path = `/push/${randomUUID()}`;
		const browser = createBrowserLikeSubscription(`${processPush.url}${path}`);
		expect((await call(a, 'POST', '/api/push/subscriptions', { bearer, body: browser.subscription })).status).toBe(201);
		const body = aVisitRequest(prisonId, {
			visitors: [{ firstName: 'Two', lastName: 'Servers', dateOfBirth: '1970-01-01', email: 'two-servers@example.com' }]
		});
		expect((await call(b, 'POST', '/api/visit-requests', { bearer, body })).status).toBe(201);
		expect((await call(b, 'POST', `/api/prisons/${prisonId}/waitlist`, { bearer, body: slot })).status).toBe(201);

		// Each visit cancelled by its visitor in one process and by staff in the other, at once: two freed places.
		for (const visit of booked) {
			const answers = await Promise.all([
				call(a, 'POST', `/api/visit-requests/${visit.id}/cancel`, { bearer: visit.bearer }),
				call(b, 'POST', `/api/staff/requests/${visit.id}/cancel`, { cookie, body: { reason: 'prison_closed' } })
			]);
			// One cancels it; the other finds it cancelled (a visitor's repeat is answered 200 with the request, staff's 409).
			for (const answer of answers) expect([200, 409]).toContain(answer.status);
			expect((await call(a, 'GET', `/api/visit-requests/${visit.id}`, { bearer: visit.bearer })).body.status).toBe('cancelled');
		}
		const pushes = () =>
			processPush.received.filter((push) => push.path === path).map((push) => PushPayload.parse(JSON.parse(browser.decrypt(push.body))));
		const mails = () =>
			processSmtp.received.filter((m) => m.to.includes('two-servers@example.com') && /place came up/i.test(m.parsed.subject ?? ''));
		await waitUntil(
			() => pushes().filter((p) => p.status === 'place').length === 2 && mails().length === 2,
			'two pushes and two emails',
			30_000
		);
		// Anything else either process would send is in the outbox: once it is all sent, nothing more can come.
		await waitForOutboxSettled(database.db, 30_000);
		expect(pushes().filter((p) => p.status === 'place')).toHaveLength(2);
		expect(mails()).toHaveLength(2);
	}, 180_000);
});
