import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpAdapter } from '../../server/messages/smtp';
import { claimDeliveries, markDeliveryFailed, markDeliverySent } from '../../server/messages/store';
import { formatDate, formatTime } from '../../src/lib/shared/format';
import { translate } from '../../src/lib/shared/i18n';
import { prisonName } from '../../src/lib/shared/welsh-text';
import { createMessageWorker, type MessageLogger } from '../../server/messages/worker';
import { aVisitRequest, call, createPrison, createStaff, newDeviceSecret, signIn, startTestApi, type TestApi } from '../helpers/api';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { waitUntil } from '../helpers/wait-until';

/*
 * The email outbox against a real SMTP server: a temporary SMTP answer (4xx) or a connection error
 * is retried with backoff and the message then arrives once; a permanent one (5xx) fails the delivery
 * with nothing sent; several workers on one database send each email once. Time is the test's.
 */

// Real time plus what the test moved it on by (jobs are stamped with the database's now()).
let offset = 0;
const clock = () => new Date(Date.now() + offset);
const later = (ms: number) => {
	offset += ms;
};

/** A claim's lease, as the worker's default (two minutes). */
const LEASE_MS = 120_000;

let api: TestApi;
let smtp: TestSmtpServer;
let prisonId: string;

beforeAll(async () => {
	smtp = await startSmtpServer();
	api = await startTestApi({ clock, env: { SMTP_URL: smtp.url, MAIL_FROM: 'visits@prison.example' } });
	prisonId = await createPrison(api.db);
});
afterAll(async () => {
	await api?.close();
	await smtp?.close();
});

async function submit(email: string) {
	const body = aVisitRequest(prisonId, { visitors: [{ firstName: 'Ann', lastName: 'Other', dateOfBirth: '1970-01-01', email }] });
	const response = await call(api, 'POST', '/api/visit-requests', { bearer: newDeviceSecret(), body });
	expect(response.status).toBe(201);
	return response.body as { id: string; reference: string };
}
const jobOf = (requestId: string) =>
	api.db.selectFrom('deliveries').selectAll().where('channel', '=', 'email').where('requestId', '=', requestId).executeTakeFirstOrThrow();
/** The one message worker with only the SMTP email channel, as another process would run it. */
const createEmailWorker = (options: { smtpUrl: string; logger?: MessageLogger; batchSize?: number }) =>
	createMessageWorker({
		db: api.db,
		clock,
		adapters: [smtpAdapter({ db: api.db, smtpUrl: options.smtpUrl, from: 'visits@prison.example', clock })],
		...(options.logger ? { logger: options.logger } : {}),
		...(options.batchSize ? { batchSize: options.batchSize } : {})
	});
const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

describe('the email outbox', () => {
	it('retries after a temporary SMTP failure (451) and then delivers once', async () => {
		smtp.failNext(1, 451);
		const request = await submit('retry@example.com');
		await waitUntil(
			async () => (await jobOf(request.id)).attempts === 1 && (await jobOf(request.id)).lockedUntil === null,
			'the first attempt',
			10_000
		);
		const afterFailure = await jobOf(request.id);
		expect(afterFailure).toMatchObject({ status: 'queued', attempts: 1, failure: 'smtp 451' });
		expect(smtp.refused()).toBe(1);
		expect(mailsTo('retry@example.com')).toHaveLength(0);
		// Not before its backoff is over.
		expect((await api.server.messages.runOnce()).claimed).toBe(0);

		later(60 * 60 * 1000);
		expect(await api.server.messages.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
		expect(await api.server.messages.runOnce()).toMatchObject({ claimed: 0 });
		expect(mailsTo('retry@example.com')).toHaveLength(1);
		expect(mailsTo('retry@example.com')[0]!.parsed.subject).toContain(request.reference);
		expect(await jobOf(request.id)).toMatchObject({ status: 'sent', attempts: 2 });
	});

	it('drops a message the SMTP server refuses for good (550), with nothing sent and no retry', async () => {
		smtp.failNext(1, 550);
		const request = await submit('refused@example.com');
		await waitUntil(async () => (await jobOf(request.id)).status === 'failed', 'the job to fail', 10_000);
		expect(await jobOf(request.id)).toMatchObject({ status: 'failed', attempts: 1, failureReason: 'refused', failure: 'smtp 550' });
		later(24 * 60 * 60 * 1000);
		expect((await api.server.messages.runOnce()).claimed).toBe(0);
		expect(mailsTo('refused@example.com')).toHaveLength(0);
	});

	it('retries when the SMTP server cannot be reached, and the log says nothing personal', async () => {
		const lines: string[] = [];
		const logger = {
			info: (d: object, m: string) => lines.push(JSON.stringify(d) + m),
			warn: (d: object, m: string) => lines.push(JSON.stringify(d) + m),
			error: (d: object, m: string) => lines.push(JSON.stringify(d) + m)
		};
		// The server's own worker would send it first: stop it for this test.
		await api.server.messages.stop();
		try {
			const request = await submit('unreachable@example.com');
			const down = createEmailWorker({ smtpUrl: 'smtp://127.0.0.1:9', logger });
			expect(await down.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
			expect((await jobOf(request.id)).status).toBe('queued');
			expect(lines.join('\n')).not.toContain('unreachable@example.com');
			later(60 * 60 * 1000);
			const up = createEmailWorker({ smtpUrl: smtp.url, logger });
			expect(await up.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
			await up.stop();
			expect(mailsTo('unreachable@example.com')).toHaveLength(1);
		} finally {
			await api.server.messages.start();
		}
	});

	it('sends each email once with several workers claiming at the same moment', async () => {
		await api.server.messages.stop();
		try {
			const addresses = Array.from({ length: 8 }, (_, i) => `many${i}@example.com`);
			for (const address of addresses) await submit(address);
			const workers = [0, 1, 2].map(() => createEmailWorker({ smtpUrl: smtp.url, batchSize: 3 }));
			await Promise.all(
				workers.map(async (w) => {
					while ((await w.runOnce()).claimed > 0);
				})
			);
			await Promise.all(workers.map((w) => w.stop()));
			for (const address of addresses) expect(mailsTo(address)).toHaveLength(1);
		} finally {
			await api.server.messages.start();
		}
	});
});

describe('a worker that dies mid-send', () => {
	it('leaves its claim to run out, and then another worker sends the email once', async () => {
		await api.server.messages.stop();
		try {
			const request = await submit('orphaned@example.com');
			// A worker claims the email (its lease committed) and dies before sending or recording anything.
			const [orphan] = await claimDeliveries(api.db, {
				now: clock(),
				leaseMs: LEASE_MS,
				limit: 1,
				maxAttempts: 10,
				channels: ['email']
			});
			expect(orphan).toMatchObject({ requestId: request.id, attempts: 1 });
			expect(await jobOf(request.id)).toMatchObject({ status: 'sending', attempts: 1 });

			const survivor = createEmailWorker({ smtpUrl: smtp.url });
			try {
				// While the lease holds, nobody else takes it.
				expect(await survivor.runOnce()).toMatchObject({ claimed: 0 });
				later(LEASE_MS + 1_000);
				expect(await survivor.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
				expect(await survivor.runOnce()).toMatchObject({ claimed: 0 });
			} finally {
				await survivor.stop();
			}
			expect(mailsTo('orphaned@example.com')).toHaveLength(1);
			expect(mailsTo('orphaned@example.com')[0]!.parsed.subject).toContain(request.reference);
			expect(await jobOf(request.id)).toMatchObject({ status: 'sent', attempts: 2 });
			// Were the dead worker to come back and record its old claim, it no longer holds the delivery.
			expect(await markDeliverySent(api.db, orphan!, clock(), { provider: 'smtp', language: 'en' })).toBe(false);
			expect(await markDeliveryFailed(api.db, orphan!, clock(), { reason: 'refused', detail: 'late' })).toBe(false);
			expect(await jobOf(request.id)).toMatchObject({ status: 'sent', attempts: 2, failure: null });
		} finally {
			await api.server.messages.start();
		}
	});
});

describe('a confirmed change of who is coming', () => {
	it('says the people coming changed and the time stands, not that the visit moved, with no new calendar file', async () => {
		const cookie = await signIn(api, await createStaff(api.db, { prisonIds: [prisonId] }));
		const phone = newDeviceSecret();
		const email = 'party-change@example.com';
		const body = aVisitRequest(prisonId, { visitors: [{ firstName: 'Ann', lastName: 'Other', dateOfBirth: '1970-01-01', email }] });
		const sent = await call(api, 'POST', '/api/visit-requests', { bearer: phone, body });
		expect(sent.status).toBe(201);
		const slot = body.slots[0]!;
		expect((await call(api, 'POST', `/api/staff/requests/${body.id}/confirm`, { cookie, body: { slot } })).status).toBe(200);
		const party = [
			{ firstName: 'Ann', lastName: 'Other', dateOfBirth: '1970-01-01', email },
			{ firstName: 'Tom', lastName: 'Other', dateOfBirth: '1992-07-09' }
		];
		const asked = await call(api, 'POST', `/api/visit-requests/${body.id}/change`, { bearer: phone, body: { visitors: party } });
		expect(asked.status, JSON.stringify(asked.body)).toBe(200);
		const confirmed = await call(api, 'POST', `/api/staff/requests/${body.id}/change/confirm`, { cookie, body: {} });
		expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);

		const reference = sent.body.reference as string;
		const subject = translate('en', 'email.subject.change_party', { reference });
		await waitUntil(() => mailsTo(email).some((m) => m.parsed.subject === subject), 'the change email');
		const mail = mailsTo(email).find((m) => m.parsed.subject === subject)!;
		const text = mail.parsed.text ?? '';
		const prison = await api.db.selectFrom('prisons').select(['name', 'nameCy']).where('id', '=', prisonId).executeTakeFirstOrThrow();
		expect(text).toContain(
			translate('en', 'email.body.change_party', {
				prison: prisonName(prison, 'en'),
				date: formatDate(slot.date, 'en'),
				time: formatTime(slot.start, 'en')
			})
		);
		expect(text).not.toContain('moved');
		// The calendar entry is unchanged (same time, same SEQUENCE): no file to replace it.
		expect(mail.parsed.attachments).toEqual([]);
		expect(mailsTo(email).map((m) => m.parsed.subject)).not.toContain(translate('en', 'email.subject.change_booked', { reference }));
	});
});

describe('decision emails in Welsh', () => {
	it('go in Welsh, subject and body, to a family whose message language is Welsh, whatever the page language', async () => {
		const officer = await createStaff(api.db, { prisonIds: [prisonId] });
		const cookie = await signIn(api, officer);
		// Sent from an English page (no Accept-Language), with Welsh chosen for messages.
		const decide = async (email: string, decision: 'confirm' | 'reject') => {
			const body = aVisitRequest(prisonId, {
				visitors: [{ firstName: 'Gwen', lastName: 'Jones', dateOfBirth: '1970-01-01', email }],
				messageLanguage: 'cy'
			});
			const sent = await call(api, 'POST', '/api/visit-requests', { bearer: newDeviceSecret(), body });
			expect(sent.status).toBe(201);
			const answer = await call(api, 'POST', `/api/staff/requests/${body.id}/${decision}`, {
				cookie,
				body: decision === 'confirm' ? { slot: body.slots[0] } : { reasons: ['visitor_not_on_list'] }
			});
			expect(answer.status).toBe(200);
			return { reference: sent.body.reference as string, slot: body.slots[0]! };
		};
		const booked = await decide('cymraeg-booked@example.com', 'confirm');
		const rejected = await decide('cymraeg-rejected@example.com', 'reject');
		const decisionMail = (address: string, subject: string) => mailsTo(address).find((m) => m.parsed.subject === subject);
		await waitUntil(
			() =>
				decisionMail('cymraeg-booked@example.com', translate('cy', 'email.subject.booked', { reference: booked.reference })) !==
					undefined &&
				decisionMail('cymraeg-rejected@example.com', translate('cy', 'email.subject.rejected', { reference: rejected.reference })) !==
					undefined,
			'both decision emails'
		);

		const bookedMail = decisionMail('cymraeg-booked@example.com', `Mae eich ymweliad wedi’i drefnu: ${booked.reference}`)!;
		const bookedText = bookedMail.parsed.text ?? '';
		expect(bookedText).toContain('Annwyl Gwen,');
		const prison = await api.db.selectFrom('prisons').select(['name', 'nameCy']).where('id', '=', prisonId).executeTakeFirstOrThrow();
		expect(bookedText).toContain(
			translate('cy', 'email.body.booked', {
				prison: prisonName(prison, 'cy'),
				date: formatDate(booked.slot.date, 'cy'),
				time: formatTime(booked.slot.start, 'cy')
			})
		);
		expect(bookedText).not.toContain('Your visit');
		expect(bookedMail.parsed.html).toContain('lang="cy"');

		const rejectedMail = decisionMail('cymraeg-rejected@example.com', `Ni dderbyniwyd eich cais am ymweliad: ${rejected.reference}`)!;
		const rejectedText = rejectedMail.parsed.text ?? '';
		expect(rejectedText).toContain('Annwyl Gwen,');
		expect(rejectedText).toContain('Ni dderbyniwyd eich cais i ymweld â');
		expect(rejectedText).toContain(translate('cy', 'visitor.rejection.visitor_not_on_list'));
		expect(rejectedText).toContain(translate('cy', 'email.next.rejected'));
		expect(rejectedText).not.toContain('not accepted');
	});
});

describe('without SMTP_URL', () => {
	it('queues no email at all', async () => {
		const plain = await startTestApi();
		try {
			const prison = await createPrison(plain.db);
			const body = aVisitRequest(prison);
			expect((await call(plain, 'POST', '/api/visit-requests', { bearer: newDeviceSecret(), body })).status).toBe(201);
			expect(await plain.db.selectFrom('deliveries').select('id').where('channel', '=', 'email').execute()).toEqual([]);
		} finally {
			await plain.close();
		}
	});
});
