// Personal data never reaches the logs. The real server runs as a child process with LOG_LEVEL=debug,
// the visitor and staff flows run against it (the happy paths and the refusals that echo input),
// and everything the process wrote is searched for every personal value the test used.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { t } from '../../src/lib/shared/i18n';
import { addDays } from '../../src/lib/shared/rules/dates';
import { aVisitRequest, bookableDate, call, newDeviceSecret } from '../helpers/api';
import { startNotifyServer } from '../helpers/notify-server';
import { createBrowserLikeSubscription, startPushEndpoint } from '../helpers/push-endpoint';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { createTestDatabase } from '../helpers/test-database';
import { waitUntil } from '../helpers/wait-until';

const STAFF = { email: 'logs.officer@rochester.example', password: 'a-secret-staff-password' };
const PRISONER = { firstName: 'Zebedee', lastName: 'Quixotic', dateOfBirth: '1987-09-17', prisonerNumber: 'q4821zx' };
const LEAD = {
	firstName: 'Philomena',
	lastName: 'Quixotic',
	dateOfBirth: '1961-04-29',
	email: 'philomena.q@example.net',
	phone: '07700 900 461'
};
const CHILD = { firstName: 'Barnaby', lastName: 'Quixotic', dateOfBirth: '2015-12-03' };
const SUPPORT = 'Hearing loop for Philomena please';
const DECISION_MESSAGE = 'Philomena, bring the blue form';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

async function aDatabaseEnv(): Promise<Record<string, string>> {
	if (process.env.DATABASE_URL) {
		const database = await createTestDatabase();
		cleanups.push(() => database.close());
		return { DATABASE_URL: database.url! };
	}
	const folder = await mkdtemp(path.join(tmpdir(), 'bpv-logs-'));
	cleanups.push(() => rm(folder, { recursive: true, force: true }));
	return { DATA_DIR: path.join(folder, 'data') };
}

describe('the server log', () => {
	it('holds no names, dates of birth, prisoner numbers, emails, phones, passwords or secrets', async () => {
		const pushService = await startPushEndpoint();
		cleanups.push(() => pushService.close());
		// Texts and emails go through a Notify stand-in: the lead visitor's number and address reach it, never the log.
		const notify = await startNotifyServer();
		cleanups.push(() => notify.close());
		const server: ServerProcess = await startServerProcess({
			port: await freePort(),
			env: {
				...(await aDatabaseEnv()),
				LOG_LEVEL: 'debug',
				SEED: 'demo',
				DEMO_STAFF_PASSWORD: 'demo-password-not-logged',
				PUSH_ALLOW_INSECURE: '1',
				NODE_EXTRA_CA_CERTS: pushService.certPath,
				...notify.env()
			},
			timeoutMs: 90_000
		});
		cleanups.push(() => server.stop());

		const prisons = await call(server, 'GET', '/api/prisons');
		const prisonId: string = prisons.body.prisons[0].id;
		// The demo prison books at once; this test confirms as staff, so staff decide every request here.
		const setUp = await call(server, 'POST', '/api/staff/login', {
			body: { email: 'staff@rochester.example', password: 'demo-password-not-logged' }
		});
		const setUpCookie = (setUp.headers.get('set-cookie') ?? '').split(';')[0]!;
		const mode = await call(server, 'PATCH', `/api/staff/prisons/${prisonId}`, { cookie: setUpCookie, body: { bookingMode: 'request' } });
		expect(mode.status).toBe(200);
		const phone = newDeviceSecret();
		const browser = createBrowserLikeSubscription(`${pushService.url}/push/${randomUUID()}`);
		expect((await call(server, 'POST', '/api/push/subscriptions', { bearer: phone, body: browser.subscription })).status).toBe(201);

		// ── A visitor: a request, its replay, a changed body under the same id, and refusals ──
		const date = bookableDate(6);
		const request = aVisitRequest(prisonId, {
			prisoner: PRISONER,
			visitors: [LEAD, CHILD],
			slots: [{ date, start: '14:00' }],
			additionalSupport: SUPPORT
		});
		expect((await call(server, 'POST', '/api/visit-requests', { bearer: phone, body: request })).status).toBe(201);
		expect((await call(server, 'POST', '/api/visit-requests', { bearer: phone, body: request })).status).toBe(200);
		expect(
			(await call(server, 'POST', '/api/visit-requests', { bearer: phone, body: { ...request, additionalSupport: `${SUPPORT}!` } })).status
		).toBe(409);
		const underAge = aVisitRequest(prisonId, {
			prisoner: PRISONER,
			visitors: [{ ...LEAD, dateOfBirth: addDays(date, -365 * 10) }],
			slots: [{ date, start: '14:00' }]
		});
		expect((await call(server, 'POST', '/api/visit-requests', { bearer: phone, body: underAge })).status).toBe(422);
		const malformed = {
			...request,
			id: randomUUID(),
			prisoner: { ...PRISONER, dateOfBirth: '1987-02-30' },
			visitors: [{ ...LEAD, email: 'philomena.q@' }]
		};
		expect((await call(server, 'POST', '/api/visit-requests', { bearer: phone, body: malformed })).status).toBe(400);
		expect(
			(await call(server, 'POST', '/api/visit-requests', { bearer: phone, raw: `{"prisoner": {"lastName": "${PRISONER.lastName}"` })).status
		).toBe(400);
		expect((await call(server, 'GET', `/api/visit-requests/${encodeURIComponent(LEAD.email)}`, { bearer: phone })).status).toBe(404);
		expect((await call(server, 'GET', '/api/visit-requests', { bearer: phone })).status).toBe(200);
		const second = aVisitRequest(prisonId, { prisoner: PRISONER, visitors: [LEAD], slots: [{ date: addDays(date, 7), start: '14:00' }] });
		expect((await call(server, 'POST', '/api/visit-requests', { bearer: phone, body: second })).status).toBe(201);

		// ── Staff: failed and successful sign-ins, the queue, decisions with a personal message ──
		expect(
			(await call(server, 'POST', '/api/staff/login', { body: { email: 'staff@rochester.example', password: STAFF.password } })).status
		).toBe(401);
		expect((await call(server, 'POST', '/api/staff/login', { body: STAFF })).status).toBe(401);
		const login = await call(server, 'POST', '/api/staff/login', {
			body: { email: 'staff@rochester.example', password: 'demo-password-not-logged' }
		});
		expect(login.status).toBe(200);
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
		expect(
			(await call(server, 'GET', `/api/staff/requests?prisonId=${prisonId}&status=${encodeURIComponent(LEAD.email)}`, { cookie })).status
		).toBe(400);
		expect((await call(server, 'GET', `/api/staff/requests?prisonId=${prisonId}`, { cookie })).status).toBe(200);
		expect((await call(server, 'GET', `/api/staff/requests/${request.id}`, { cookie })).status).toBe(200);
		expect(
			(
				await call(server, 'POST', `/api/staff/requests/${request.id}/confirm`, {
					cookie,
					body: { slot: request.slots[0], excludedVisitors: [1], message: DECISION_MESSAGE }
				})
			).status
		).toBe(200);
		expect(
			(await call(server, 'POST', `/api/staff/requests/${request.id}/confirm`, { cookie, body: { slot: request.slots[0] } })).status
		).toBe(409);
		expect(
			(
				await call(server, 'POST', `/api/staff/requests/${second.id}/reject`, {
					cookie,
					body: { reasons: ['other'], message: DECISION_MESSAGE }
				})
			).status
		).toBe(200);
		expect((await call(server, 'POST', `/api/visit-requests/${request.id}/cancel`, { bearer: phone })).status).toBe(200);
		expect((await call(server, 'GET', `/api/staff/visits?prisonId=${prisonId}&date=${date}`, { cookie })).status).toBe(200);
		expect((await call(server, 'POST', '/api/staff/logout', { cookie })).status).toBe(200);
		// The pushes for the decisions go out (the worker logs at debug too).
		await pushService.waitFor(3, 30_000);
		// And the texts and emails (sent, then decisions): the lead visitor's number was really used.
		await waitUntil(() => notify.received.filter((n) => n.type === 'sms').length >= 2, 'the texts', 30_000);
		expect(notify.received.some((n) => n.to === LEAD.phone.replace(/\s/g, ''))).toBe(true);
		await server.stop();

		// `npm start` prints the demo login's email to the operator's terminal on purpose (README); that
		// one banner line aside, nothing the process wrote may hold personal data.
		const banner = t('platform.start.demoPasswordFromEnv', { email: 'staff@rochester.example' });
		const log = server
			.output()
			.split('\n')
			.filter((line) => line !== banner)
			.join('\n');
		const requestLines = log.split('\n').filter((line) => line.includes('"msg":"request"'));
		// The log really was on and saw the flows: one line per API call above, at least.
		expect(requestLines.length).toBeGreaterThanOrEqual(20);

		const sessionToken = cookie.split('=')[1]!;
		const personal = [
			PRISONER.firstName,
			PRISONER.lastName,
			PRISONER.dateOfBirth,
			PRISONER.prisonerNumber,
			PRISONER.prisonerNumber.toUpperCase(),
			LEAD.firstName,
			LEAD.dateOfBirth,
			LEAD.email,
			LEAD.phone,
			LEAD.phone.replace(/\s/g, ''),
			CHILD.firstName,
			CHILD.dateOfBirth,
			'1987-02-30',
			SUPPORT,
			DECISION_MESSAGE,
			STAFF.email,
			STAFF.password,
			'staff@rochester.example',
			'demo-password-not-logged',
			// The Notify key's secret: what signs every call to Notify.
			notify.key.secret,
			phone,
			sessionToken,
			browser.subscription.endpoint,
			browser.subscription.keys.auth,
			browser.subscription.keys.p256dh
		];
		const found = personal.filter((value) => log.toLowerCase().includes(value.toLowerCase()));
		expect(found).toEqual([]);
	}, 180_000);
});
