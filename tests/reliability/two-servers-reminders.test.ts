// Two server processes on one PostgreSQL, both running the lifecycle job every second: a booked
// visit due for its reminder gets exactly one push and one email, and a restarted process does
// not send it again. PostgreSQL only (PGlite cannot be shared by two processes); CI runs it in
// its PostgreSQL pass.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ROCHESTER } from '../../server/demo-prison';
import { addDays, todayIn } from '../../src/lib/shared/rules/dates';
import { aVisitRequest, bookableDate, call, newDeviceSecret } from '../helpers/api';
import { createBrowserLikeSubscription, startPushEndpoint } from '../helpers/push-endpoint';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { startSmtpServer } from '../helpers/smtp-server';
import { createTestDatabase } from '../helpers/test-database';

const STAFF = { email: 'staff@rochester.example', password: 'two-servers-reminders' };

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(Boolean(process.env.DATABASE_URL))('reminders with two server processes', () => {
	it('are sent once, by push and by email, and not again after a restart', async () => {
		const database = await createTestDatabase();
		cleanups.push(() => database.close());
		const pushService = await startPushEndpoint();
		cleanups.push(() => pushService.close());
		const smtp = await startSmtpServer();
		cleanups.push(() => smtp.close());
		const env = {
			DATABASE_URL: database.url!,
			SEED: 'demo',
			DEMO_STAFF_PASSWORD: STAFF.password,
			PUSH_ALLOW_INSECURE: '1',
			NODE_EXTRA_CA_CERTS: pushService.certPath,
			SMTP_URL: smtp.url,
			// Due from midnight the day before: a visit tomorrow is due now, whatever the time.
			REMINDER_HOUR: '0',
			LIFECYCLE_EVERY_SECONDS: '1'
		};
		const servers: ServerProcess[] = [];
		for (let i = 0; i < 2; i += 1) {
			const server = await startServerProcess({ port: await freePort(), env, timeoutMs: 90_000 });
			cleanups.push(() => server.stop());
			servers.push(server);
		}
		const [a, b] = servers as [ServerProcess, ServerProcess];
		const prisonId: string = (await call(a, 'GET', '/api/prisons')).body.prisons.find(
			(p: { code: string }) => p.code === ROCHESTER.code
		).id;
		// The demo prison books at once; this test is about staff decisions, so staff decide every request here.
		await database.db.updateTable('prisons').set({ bookingMode: 'request' }).execute();

		const secret = newDeviceSecret();
		const path = `/push/${randomUUID()}`;
		const browser = createBrowserLikeSubscription(`${pushService.url}${path}`);
		expect((await call(b, 'POST', '/api/push/subscriptions', { bearer: secret, body: browser.subscription })).status).toBe(201);
		const body = aVisitRequest(prisonId, {
			visitors: [{ firstName: 'Rem', lastName: 'Inder', dateOfBirth: '1960-01-01', email: 'reminder@example.com' }],
			slots: [{ date: bookableDate(6), start: '14:00' }]
		});
		expect((await call(a, 'POST', '/api/visit-requests', { bearer: secret, body })).status).toBe(201);
		const login = await call(b, 'POST', '/api/staff/login', { body: STAFF });
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
		expect((await call(b, 'POST', `/api/staff/requests/${body.id}/confirm`, { cookie, body: { slot: body.slots[0] } })).status).toBe(200);

		// The visit moves to tomorrow (prison time), as if the days had passed.
		const tomorrow = addDays(todayIn('Europe/London', new Date()), 1);
		await database.db.updateTable('visitRequests').set({ bookedDate: tomorrow }).where('id', '=', body.id).execute();

		const reminders = () => smtp.received.filter((m) => /tomorrow/.test(m.parsed.subject ?? ''));
		const deadline = Date.now() + 30_000;
		while (reminders().length === 0 && Date.now() < deadline) await pause(200);
		expect(reminders()).toHaveLength(1);
		// Both jobs have run a few more times by now.
		await pause(3000);
		await b.stop();
		const restarted = await startServerProcess({ port: await freePort(), env, timeoutMs: 90_000 });
		cleanups.push(() => restarted.stop());
		await pause(4000);

		expect(reminders()).toHaveLength(1);
		expect(reminders()[0]!.to).toEqual(['reminder@example.com']);
		const pushes = pushService.received
			.filter((push) => push.path === path)
			.map((push) => JSON.parse(browser.decrypt(push.body)) as { title: string });
		expect(pushes.map((p) => p.title)).toEqual(['Your visit is booked', 'Your visit is tomorrow']);
		const jobs = await database.db
			.selectFrom('deliveries')
			.select(['kind', 'status'])
			.where('channel', '=', 'email')
			.where('kind', '=', 'reminder')
			.execute();
		expect(jobs).toEqual([{ kind: 'reminder', status: 'sent' }]);
	}, 240_000);
});
