import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailWorker } from '../../server/email/worker';
import { aVisitRequest, call, createPrison, newDeviceSecret, startTestApi, type TestApi } from '../helpers/api';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { waitUntil } from '../helpers/wait-until';

/*
 * The email outbox against a real SMTP server: a temporary SMTP answer (4xx) or a connection error
 * is retried with backoff and the message then arrives once; a permanent one (5xx) drops the job
 * with nothing sent; several workers on one database send each email once. Time is the test's.
 */

// Real time plus what the test moved it on by (jobs are stamped with the database's now()).
let offset = 0;
const clock = () => new Date(Date.now() + offset);
const later = (ms: number) => {
	offset += ms;
};

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
	api.db.selectFrom('emailJobs').selectAll().where('requestId', '=', requestId).executeTakeFirstOrThrow();
const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
		expect(afterFailure).toMatchObject({ status: 'pending', attempts: 1, lastError: 'smtp 451' });
		expect(smtp.refused()).toBe(1);
		expect(mailsTo('retry@example.com')).toHaveLength(0);
		// Not before its backoff is over.
		expect((await api.server.email!.runOnce()).claimed).toBe(0);

		later(60 * 60 * 1000);
		expect(await api.server.email!.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
		await pause(500);
		expect(await api.server.email!.runOnce()).toMatchObject({ claimed: 0 });
		expect(mailsTo('retry@example.com')).toHaveLength(1);
		expect(mailsTo('retry@example.com')[0]!.parsed.subject).toContain(request.reference);
		expect(await jobOf(request.id)).toMatchObject({ status: 'sent', attempts: 2 });
	});

	it('drops a message the SMTP server refuses for good (550), with nothing sent and no retry', async () => {
		smtp.failNext(1, 550);
		const request = await submit('refused@example.com');
		await waitUntil(async () => (await jobOf(request.id)).status === 'failed', 'the job to fail', 10_000);
		expect(await jobOf(request.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'smtp 550' });
		later(24 * 60 * 60 * 1000);
		expect((await api.server.email!.runOnce()).claimed).toBe(0);
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
		await api.server.email!.stop();
		try {
			const request = await submit('unreachable@example.com');
			const down = createEmailWorker({ db: api.db, smtpUrl: 'smtp://127.0.0.1:9', from: 'visits@prison.example', clock, logger });
			expect(await down.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
			expect((await jobOf(request.id)).status).toBe('pending');
			expect(lines.join('\n')).not.toContain('unreachable@example.com');
			later(60 * 60 * 1000);
			const up = createEmailWorker({ db: api.db, smtpUrl: smtp.url, from: 'visits@prison.example', clock, logger });
			expect(await up.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
			await up.stop();
			expect(mailsTo('unreachable@example.com')).toHaveLength(1);
		} finally {
			await api.server.email!.start();
		}
	});

	it('sends each email once with several workers claiming at the same moment', async () => {
		await api.server.email!.stop();
		try {
			const addresses = Array.from({ length: 8 }, (_, i) => `many${i}@example.com`);
			for (const address of addresses) await submit(address);
			const workers = [0, 1, 2].map(() =>
				createEmailWorker({ db: api.db, smtpUrl: smtp.url, from: 'visits@prison.example', clock, batchSize: 3 })
			);
			await Promise.all(
				workers.map(async (w) => {
					while ((await w.runOnce()).claimed > 0);
				})
			);
			await Promise.all(workers.map((w) => w.stop()));
			for (const address of addresses) expect(mailsTo(address)).toHaveLength(1);
		} finally {
			await api.server.email!.start();
		}
	});
});

describe('without SMTP_URL', () => {
	it('queues no email at all', async () => {
		const plain = await startTestApi();
		try {
			const prison = await createPrison(plain.db);
			const body = aVisitRequest(prison);
			expect((await call(plain, 'POST', '/api/visit-requests', { bearer: newDeviceSecret(), body })).status).toBe(201);
			expect(plain.server.email).toBeNull();
			expect(await plain.db.selectFrom('emailJobs').select('id').execute()).toEqual([]);
		} finally {
			await plain.close();
		}
	});
});
