import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { addDays, instantOf } from '../../src/lib/shared/rules/dates';
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
import { startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { pushesTo, subscribedPhone } from '../helpers/subscribed-phone';
import { waitForOutboxSettled, waitUntil } from '../helpers/wait-until';

/*
 * The scheduled lifecycle job, with a clock the test controls: requests none of whose choices can
 * be booked any more are rejected by the system and the visitor told; a booked visit's reminder
 * goes out once from REMINDER_HOUR the day before, even with two servers running the job at once.
 */

const T0 = new Date();
let now = T0;
const clock = () => now;
const env = (smtpUrl: string) => ({ PUSH_ALLOW_INSECURE: '1', SMTP_URL: smtpUrl, REMINDER_HOUR: '9', MAIL_FROM: 'visits@prison.example' });

let api: TestApi;
let second: RunningServer;
let smtp: TestSmtpServer;
let pushService: PushEndpoint;
let prisonId: string;
let cookie: string;
const saturday = bookableDate(6, T0);
const nextSaturday = addDays(saturday, 7);

beforeAll(async () => {
	smtp = await startSmtpServer();
	pushService = await startPushEndpoint();
	api = await startTestApi({ clock, env: env(smtp.url), pushAgent: pushService.agent });
	// A second server on the same database, as a second process would be (its own workers and job).
	second = await startServer({
		config: loadConfig({ PORT: '0', HOST: '127.0.0.1', SEED: 'none', LOG_LEVEL: 'silent', ...env(smtp.url) }),
		db: api.database,
		clock,
		pushAgent: pushService.agent,
		// Like the first: its job runs only when the test calls runNow(), never racing a moved clock.
		intervalJobs: false
	});
	prisonId = await createPrison(api.db);
	const officer = await createStaff(api.db, { prisonIds: [prisonId] });
	cookie = await signIn(api, officer);
});
afterAll(async () => {
	await second?.close();
	await api?.close();
	await smtp?.close();
	await pushService?.close();
});

async function submit(bearer: string, email: string, slots: { date: string; start: string }[]) {
	const body = aVisitRequest(prisonId, { visitors: [{ firstName: 'Jo', lastName: 'Bloggs', dateOfBirth: '1971-04-04', email }], slots });
	const response = await call(api, 'POST', '/api/visit-requests', { bearer, body });
	expect(response.status).toBe(201);
	return response.body as { id: string; reference: string };
}
const mails = (address: string, subject: RegExp) =>
	smtp.received.filter((m) => m.to.includes(address) && subject.test(m.parsed.subject ?? ''));
const status = async (id: string) =>
	await api.db.selectFrom('visitRequests').select(['status', 'rejectionReasons']).where('id', '=', id).executeTakeFirstOrThrow();

describe('expiry', () => {
	it('rejects, as the system, a request none of whose choices can be booked any more, and tells the visitor', async () => {
		const p = await subscribedPhone(api, pushService);
		const both = await submit(p.bearer, 'both@example.com', [
			{ date: saturday, start: '14:00' },
			{ date: nextSaturday, start: '14:00' }
		]);
		const onlyLater = await submit(p.bearer, 'later@example.com', [{ date: nextSaturday, start: '14:00' }]);
		const onlySoon = await submit(newDeviceSecret(), 'soon@example.com', [{ date: saturday, start: '14:00' }]);
		const closed = await call(api, 'POST', `/api/staff/prisons/${prisonId}/closures`, {
			cookie,
			body: { date: nextSaturday, reason: 'Inspection' }
		});
		expect(closed.status).toBe(201);

		// Its only choice is closed: rejected at the next run. The others still have a choice.
		const first = await api.server.lifecycle.runNow();
		expect(first.expired.map((e) => e.requestId)).toEqual([onlyLater.id]);
		expect(await status(onlyLater.id)).toEqual({ status: 'rejected', rejectionReasons: ['slot_unavailable'] });
		expect((await status(both.id)).status).toBe('requested');
		const history = await call(api, 'GET', `/api/staff/requests/${onlyLater.id}`, { cookie });
		expect(history.body.history.at(-1)).toMatchObject({ fromStatus: 'requested', toStatus: 'rejected', actorType: 'system' });

		await waitUntil(
			() => pushesTo(pushService, p).length === 1 && mails('later@example.com', /not accepted/).length === 1,
			'the visitor to be told'
		);
		expect(PushPayload.parse(JSON.parse(p.browser.decrypt(pushesTo(pushService, p)[0]!.body)))).toMatchObject({
			requestId: onlyLater.id,
			status: 'rejected'
		});
		expect(mails('later@example.com', /not accepted/)[0]!.parsed.text).toContain('None of the times you chose are available');

		// Once Saturday's slot has started, the other two have nothing left either.
		now = new Date(instantOf(saturday, '14:00', 'Europe/London').getTime() + 60_000);
		const [a, b] = await Promise.all([api.server.lifecycle.runNow(), second.lifecycle.runNow()]);
		expect([...a.expired, ...b.expired].map((e) => e.requestId).sort()).toEqual([both.id, onlySoon.id].sort());
		expect((await status(both.id)).status).toBe('rejected');
		expect((await status(onlySoon.id)).status).toBe('rejected');
		expect((await api.server.lifecycle.runNow()).expired).toEqual([]);
		await waitUntil(() => pushesTo(pushService, p).length === 2, 'the second push');
		// Whatever the runs queued is in the outbox; once it is all sent, count what arrived.
		await waitForOutboxSettled(api.db);
		expect(pushesTo(pushService, p)).toHaveLength(2);
		expect(mails('both@example.com', /not accepted/)).toHaveLength(1);
	});
});

describe('reminders', () => {
	it('go once, from REMINDER_HOUR the day before, with two servers running the job at once', async () => {
		now = T0;
		const p = await subscribedPhone(api, pushService);
		// Reopen next Saturday for this one.
		expect((await call(api, 'DELETE', `/api/staff/prisons/${prisonId}/closures`, { cookie, body: { date: nextSaturday } })).status).toBe(
			204
		);
		const visit = await submit(p.bearer, 'remind@example.com', [{ date: nextSaturday, start: '14:00' }]);
		expect(
			(
				await call(api, 'POST', `/api/staff/requests/${visit.id}/confirm`, {
					cookie,
					body: { slot: { date: nextSaturday, start: '14:00' } }
				})
			).status
		).toBe(200);
		await waitUntil(() => pushesTo(pushService, p).length === 1, 'the booked push');

		now = new Date(instantOf(addDays(nextSaturday, -1), '08:59', 'Europe/London').getTime());
		const early = await Promise.all([api.server.lifecycle.runNow(), second.lifecycle.runNow()]);
		expect(early.flatMap((r) => r.reminded)).toEqual([]);

		now = instantOf(addDays(nextSaturday, -1), '09:00', 'Europe/London');
		const runs = await Promise.all([api.server.lifecycle.runNow(), second.lifecycle.runNow()]);
		expect(runs.flatMap((r) => r.reminded).map((r) => r.requestId)).toEqual([visit.id]);
		await waitUntil(() => pushesTo(pushService, p).length === 2 && mails('remind@example.com', /tomorrow/).length === 1, 'the reminder');

		// Later runs, in either server, and after the hour: nothing more.
		now = instantOf(nextSaturday, '10:00', 'Europe/London');
		const again = await Promise.all([api.server.lifecycle.runNow(), second.lifecycle.runNow()]);
		expect(again.flatMap((r) => r.reminded)).toEqual([]);
		// Whatever the runs queued is in the outbox; once it is all sent, count what arrived.
		await waitForOutboxSettled(api.db);
		expect(pushesTo(pushService, p)).toHaveLength(2);
		const reminder = PushPayload.parse(JSON.parse(p.browser.decrypt(pushesTo(pushService, p)[1]!.body)));
		expect(reminder.title).toBe('Your visit is tomorrow');
		expect(reminder.body).toContain(visit.reference);
		const [mail] = mails('remind@example.com', /tomorrow/);
		expect(mails('remind@example.com', /tomorrow/)).toHaveLength(1);
		expect(mail!.parsed.text).toContain(visit.reference);
		const row = await api.db.selectFrom('visitRequests').select('remindedAt').where('id', '=', visit.id).executeTakeFirstOrThrow();
		expect(row.remindedAt).not.toBeNull();
	});
});
