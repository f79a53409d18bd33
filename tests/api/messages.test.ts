import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aVisitRequest, call, createPrison, createStaff, newDeviceSecret, signIn, startTestApi, type TestApi } from '../helpers/api';
import { startNotifyServer, type NotifyServer } from '../helpers/notify-server';
import { formatDate, formatTime } from '../../src/lib/shared/format';
import { translate } from '../../src/lib/shared/i18n';
import { prisonName } from '../../src/lib/shared/welsh-text';
import { waitUntil } from '../helpers/wait-until';

/*
 * Messages that reach every family: texts and emails through GOV.UK Notify's official client,
 * against a local stand-in that checks what the client really sends (its JWT, template id,
 * personalisation, reference) and answers as Notify does. One outbox, a record staff and the
 * family can read, Notify's receipts, a resend, and the family's choice of channels and language.
 */

const CALLBACK_TOKEN = 'a-long-callback-token-for-tests';
const MOBILE = '07700 900789';

let notify: NotifyServer;
let api: TestApi;
let prisonId: string;
let cookie: string;

beforeAll(async () => {
	notify = await startNotifyServer();
	api = await startTestApi({ env: { ...notify.env(), NOTIFY_CALLBACK_TOKEN: CALLBACK_TOKEN } });
	prisonId = await createPrison(api.db);
	cookie = await signIn(api, await createStaff(api.db, { prisonIds: [prisonId] }));
});
afterAll(async () => {
	await api?.close();
	await notify?.close();
});

async function submit(overrides: Record<string, unknown> = {}, lead: Record<string, unknown> = {}) {
	const bearer = newDeviceSecret();
	const body = {
		...aVisitRequest(prisonId, {
			visitors: [{ firstName: 'Jane', lastName: 'Other', dateOfBirth: '1970-01-01', email: 'jane@example.org', phone: MOBILE, ...lead }]
		}),
		...overrides
	};
	const response = await call(api, 'POST', '/api/visit-requests', { bearer, body });
	expect(response.status).toBe(201);
	return { id: response.body.id as string, reference: response.body.reference as string, bearer };
}

const staffView = async (id: string) => (await call(api, 'GET', `/api/staff/requests/${id}`, { cookie })).body;
const textsFor = (reference: string) => notify.received.filter((n) => n.type === 'sms' && n.personalisation.body?.includes(reference));
const messagesOf = async (id: string) =>
	(await staffView(id)).messages as { id: string; channel: string; status: string; to: string; failureReason?: string; failure?: string }[];

describe('texts and emails through GOV.UK Notify', () => {
	it('sends the "request sent" text and email once each, as the official client signs and shapes them', async () => {
		const { id, reference } = await submit({ channels: ['sms', 'email'] });
		await waitUntil(async () => (await messagesOf(id)).every((m) => m.status === 'sent'), 'both sent');

		const [text] = textsFor(reference);
		expect(textsFor(reference)).toHaveLength(1);
		expect(text).toMatchObject({ to: '07700900789', templateId: notify.smsTemplateId, claims: { iss: notify.key.serviceId } });
		expect(text!.personalisation.body).toContain('Book a prison visit:');
		const emails = notify.received.filter(
			(n) => n.type === 'email' && n.to === 'jane@example.org' && n.personalisation.subject?.includes(reference)
		);
		expect(emails).toHaveLength(1);
		expect(emails[0]!.templateId).toBe(notify.emailTemplateId);

		// Each carries its delivery's id as Notify's reference, so a copy sent again can be matched.
		const messages = await messagesOf(id);
		expect(new Set([text!.reference, emails[0]!.reference])).toEqual(new Set(messages.map((m) => m.id)));
		expect(messages.map((m) => [m.channel, m.to]).sort()).toEqual([
			['email', 'j•••@example.org'],
			['sms', '•••• 789']
		]);
	});

	it('writes the text in the message language the family chose, apart from the page language', async () => {
		const { reference } = await submit({ channels: ['sms'], messageLanguage: 'cy' });
		await waitUntil(() => textsFor(reference).length === 1, 'the text');
		expect(textsFor(reference)[0]!.personalisation.body).toContain('Trefnu ymweliad carchar:');
	});

	it('texts a confirmed change of who is coming as its own message, in Welsh, not as a moved visit', async () => {
		const { id, reference, bearer } = await submit({ channels: ['sms'], messageLanguage: 'cy' });
		const slot = (await staffView(id)).slots[0] as { date: string; start: string };
		expect((await call(api, 'POST', `/api/staff/requests/${id}/confirm`, { cookie, body: { slot } })).status).toBe(200);
		const party = [
			{ firstName: 'Jane', lastName: 'Other', dateOfBirth: '1970-01-01', email: 'jane@example.org', phone: MOBILE },
			{ firstName: 'Tom', lastName: 'Other', dateOfBirth: '1992-07-09' }
		];
		const asked = await call(api, 'POST', `/api/visit-requests/${id}/change`, { bearer, body: { visitors: party } });
		expect(asked.status, JSON.stringify(asked.body)).toBe(200);
		expect((await call(api, 'POST', `/api/staff/requests/${id}/change/confirm`, { cookie, body: {} })).status).toBe(200);
		// Sent, booked, then the change: three texts.
		await waitUntil(() => textsFor(reference).length === 3, 'the change text');
		const prison = await api.db.selectFrom('prisons').select(['name', 'nameCy']).where('id', '=', prisonId).executeTakeFirstOrThrow();
		const params = {
			prison: prisonName(prison, 'cy'),
			reference,
			date: formatDate(slot.date, 'cy'),
			time: formatTime(slot.start, 'cy')
		};
		const bodies = textsFor(reference).map((n) => n.personalisation.body);
		expect(bodies.at(-1)).toBe(`${translate('cy', 'sms.from')} ${translate('cy', 'push.request.change_party.body', params)}`);
		expect(bodies.some((body) => body?.includes(translate('cy', 'push.request.change_booked.body', params)))).toBe(false);
	});

	it('does not retry what Notify refuses (400): the message fails with Notify’s reason', async () => {
		notify.failNext(1, 400, { error: 'BadRequestError', message: 'Can’t send to this recipient using a team-only API key' });
		const { id, reference } = await submit({ channels: ['sms'] });
		await waitUntil(async () => (await messagesOf(id))[0]?.status === 'failed', 'the text to fail');
		const [message] = await messagesOf(id);
		// Staff read the reason from the catalogue; Notify's own words are kept beside it.
		expect(message!.failureReason).toBe('refused');
		expect(message!.failure).toBe('notify 400: BadRequestError Can’t send to this recipient using a team-only API key');
		expect(await api.server.messages.runOnce()).toMatchObject({ claimed: 0 });
		expect(textsFor(reference)).toHaveLength(0);
	});

	it('retries after Notify’s rate limit (429) and then sends once', async () => {
		notify.failNext(1, 429);
		const { id, reference } = await submit({ channels: ['sms'] });
		await waitUntil(
			async () =>
				(await api.db.selectFrom('deliveries').select('attempts').where('requestId', '=', id).executeTakeFirstOrThrow()).attempts === 1 &&
				(await messagesOf(id))[0]?.status === 'queued',
			'the first attempt'
		);
		expect((await messagesOf(id))[0]).toMatchObject({ status: 'queued' });
		// Due now, rather than after the backoff.
		await api.db
			.updateTable('deliveries')
			.set({ nextAttemptAt: new Date(Date.now() - 1000) })
			.where('requestId', '=', id)
			.execute();
		await api.server.messages.runOnce();
		await waitUntil(async () => (await messagesOf(id))[0]?.status === 'sent', 'the retry');
		expect(textsFor(reference)).toHaveLength(1);
	});
});

describe("Notify's delivery receipts", () => {
	it('move a sent text to delivered, or to failed with the receipt’s status; a wrong token is 401', async () => {
		const { id, reference } = await submit({ channels: ['sms', 'email'] });
		await waitUntil(async () => (await messagesOf(id)).every((m) => m.status === 'sent'), 'both sent');
		const text = textsFor(reference)[0]!;
		const email = notify.received.find((n) => n.type === 'email' && n.personalisation.subject?.includes(reference))!;

		const receipt = (notificationId: string, status: string) => ({
			id: notificationId,
			reference: null,
			to: 'not read',
			status,
			created_at: new Date().toISOString(),
			completed_at: new Date().toISOString(),
			sent_at: new Date().toISOString(),
			notification_type: 'sms'
		});
		for (const bearer of [undefined, 'wrong-token-of-some-length']) {
			const refused = await call(api, 'POST', '/api/notify/callback', {
				body: receipt(text.id, 'delivered'),
				...(bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {})
			});
			expect(refused.status).toBe(401);
		}
		expect((await messagesOf(id)).every((m) => m.status === 'sent')).toBe(true);

		const auth = { headers: { authorization: `Bearer ${CALLBACK_TOKEN}` } };
		const delivered = await call(api, 'POST', '/api/notify/callback', { body: receipt(text.id, 'delivered'), ...auth });
		expect(delivered).toMatchObject({ status: 200, body: { updated: true } });
		const failed = await call(api, 'POST', '/api/notify/callback', { body: receipt(email.id, 'permanent-failure'), ...auth });
		expect(failed).toMatchObject({ status: 200, body: { updated: true } });
		// Sent twice by Notify: nothing changes the second time.
		expect((await call(api, 'POST', '/api/notify/callback', { body: receipt(text.id, 'delivered'), ...auth })).body).toEqual({
			updated: false
		});
		const bad = await call(api, 'POST', '/api/notify/callback', { body: { id: text.id, status: 'lost' }, ...auth });
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.error.fields)).toEqual(['status']);

		const messages = await messagesOf(id);
		expect(messages.find((m) => m.channel === 'sms')).toMatchObject({ status: 'delivered' });
		expect(messages.find((m) => m.channel === 'email')).toMatchObject({
			status: 'failed',
			failureReason: 'not_delivered',
			failure: 'permanent-failure'
		});
	});
});

describe('the record and a resend', () => {
	it('staff resend a message (audited): a new message, sent once more', async () => {
		const { id, reference } = await submit({ channels: ['sms'] });
		await waitUntil(async () => (await messagesOf(id))[0]?.status === 'sent', 'the text');
		const [first] = await messagesOf(id);
		const resent = await call(api, 'POST', `/api/staff/requests/${id}/messages/${first!.id}/resend`, { cookie });
		expect(resent.status).toBe(201);
		expect(resent.body).toMatchObject({ channel: 'sms', to: '•••• 789' });
		expect(resent.body.id).not.toBe(first!.id);
		await waitUntil(() => textsFor(reference).length === 2, 'the second text');
		const audit = await api.db
			.selectFrom('auditLog')
			.select(['action', 'target'])
			.where('action', '=', 'message.resend')
			.where('target', '=', id)
			.execute();
		expect(audit).toHaveLength(1);
		expect((await call(api, 'POST', `/api/staff/requests/${id}/messages/${randomUUID()}/resend`, { cookie })).status).toBe(404);
	});

	it('another prison’s officer cannot read or resend them', async () => {
		const { id } = await submit({ channels: ['sms'] });
		const other = await signIn(api, await createStaff(api.db, { prisonIds: [await createPrison(api.db)] }));
		const [message] = await messagesOf(id);
		expect((await call(api, 'POST', `/api/staff/requests/${id}/messages/${message!.id}/resend`, { cookie: other })).status).toBe(403);
	});
});

describe("the family's choice", () => {
	it('the app learns which channels exist', async () => {
		expect((await call(api, 'GET', '/api/messages/channels')).body).toEqual({ channels: ['push', 'email', 'sms'] });
	});

	it('refuses an unknown channel or language, and texts without a UK mobile, naming the field', async () => {
		const bearer = newDeviceSecret();
		const body = aVisitRequest(prisonId);
		const unknown = await call(api, 'POST', '/api/visit-requests', {
			bearer,
			body: { ...body, channels: ['pigeon'], messageLanguage: 'fr' }
		});
		expect(unknown.status).toBe(400);
		expect(Object.keys(unknown.body.error.fields).sort()).toEqual(['channels.0', 'messageLanguage']);
		const landline = await call(api, 'POST', '/api/visit-requests', {
			bearer,
			body: { ...body, channels: ['sms'], visitors: [{ ...body.visitors[0]!, phone: '01632 960 001' }] }
		});
		expect(landline.status).toBe(400);
		expect(Object.keys(landline.body.error.fields)).toEqual(['visitors.0.phone']);
	});

	it('changes later: channels, language and number, each checked; the family sees what was sent', async () => {
		const { id, bearer } = await submit({ channels: ['email'] });
		const path = `/api/visit-requests/${id}/contact`;
		const bad = await call(api, 'PATCH', path, {
			bearer,
			body: { phone: '+1 202 555 0100', messageLanguage: 'de', channels: ['sms', 'fax'] }
		});
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.error.fields).sort()).toEqual(['channels.1', 'messageLanguage', 'phone']);
		const landline = await call(api, 'PATCH', path, { bearer, body: { channels: ['sms'], phone: '01632 960 001' } });
		expect(landline.status).toBe(400);
		expect(Object.keys(landline.body.error.fields)).toEqual(['phone']);
		expect((await call(api, 'PATCH', path, { bearer: newDeviceSecret(), body: { messageLanguage: 'cy' } })).status).toBe(404);

		const changed = await call(api, 'PATCH', path, {
			bearer,
			body: { channels: ['sms', 'push'], messageLanguage: 'cy', phone: '07700 900123' }
		});
		expect(changed.status).toBe(200);
		expect(changed.body).toMatchObject({ channels: ['sms', 'push'], messageLanguage: 'cy', phone: '07700900123' });

		// A decision now goes by text, in Welsh, to the new number; the family's page lists it.
		const slot = (await staffView(id)).slots[0];
		expect((await call(api, 'POST', `/api/staff/requests/${id}/confirm`, { cookie, body: { slot } })).status).toBe(200);
		await waitUntil(() => notify.received.some((n) => n.type === 'sms' && n.to === '07700900123'), 'the booked text');
		expect(notify.received.find((n) => n.to === '07700900123')!.personalisation.body).toContain('Trefnu ymweliad carchar:');
		const seen = await call(api, 'GET', `/api/visit-requests/${id}/messages`, { bearer });
		expect(seen.status).toBe(200);
		expect(seen.body.messages.map((m: { channel: string; kind: string }) => `${m.channel}:${m.kind}`)).toEqual([
			'email:sent',
			'sms:booked'
		]);
		expect(JSON.stringify(seen.body.messages)).not.toContain('900123');
	});
});

describe('turning a channel off', () => {
	it('stops the emails or texts still waiting on it, and the record says why they never went', async () => {
		// Notify is down: the first tries fail and both messages wait for their next attempt.
		notify.failNext(2, 500);
		const { id, bearer } = await submit({ channels: ['sms', 'email'] });
		const waiting = () => api.db.selectFrom('deliveries').select(['channel', 'status', 'attempts']).where('requestId', '=', id).execute();
		await waitUntil(async () => {
			const rows = await waiting();
			return rows.length === 2 && rows.every((row) => row.status === 'queued' && row.attempts === 1);
		}, 'both messages waiting to be tried again');
		// Their next try an hour away (a long backoff), so neither can go while the family changes their mind.
		await api.db
			.updateTable('deliveries')
			.set({ nextAttemptAt: new Date(Date.now() + 3_600_000).toISOString() })
			.where('requestId', '=', id)
			.execute();

		const changed = await call(api, 'PATCH', `/api/visit-requests/${id}/contact`, { bearer, body: { channels: ['email'] } });
		expect(changed.status).toBe(200);
		const byChannel = Object.fromEntries((await messagesOf(id)).map((m) => [m.channel, m]));
		// Said by a code staff read in their language; no English words of the service's own stored.
		expect(byChannel.sms).toMatchObject({ status: 'failed', failureReason: 'channel_off' });
		expect(byChannel.sms).not.toHaveProperty('failure');
		expect(byChannel.email).toMatchObject({ status: 'queued' });
	});
});

describe('without Notify', () => {
	it('offers no texts and queues none, whatever the app asks', async () => {
		const plain = await startTestApi();
		try {
			expect((await call(plain, 'GET', '/api/messages/channels')).body).toEqual({ channels: ['push'] });
			const prison = await createPrison(plain.db);
			const body = aVisitRequest(prison, {
				visitors: [{ firstName: 'Jane', lastName: 'Other', dateOfBirth: '1970-01-01', phone: MOBILE }]
			});
			expect(
				(await call(plain, 'POST', '/api/visit-requests', { bearer: newDeviceSecret(), body: { ...body, channels: ['sms'] } })).status
			).toBe(201);
			expect(await plain.db.selectFrom('deliveries').select('id').execute()).toEqual([]);
			// The callback is refused when no token is configured.
			expect((await call(plain, 'POST', '/api/notify/callback', { body: {}, headers: { authorization: 'Bearer x' } })).status).toBe(401);
		} finally {
			await plain.close();
		}
	});
});
