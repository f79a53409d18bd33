// Two server processes on one PostgreSQL receive every event from the prison's system of record
// twice at the same moment, as two queue consumers (or a redelivery racing the first delivery)
// would send it: each event changes things once and the family is told once. A type the service
// does not use is logged by type only, never with the personal data it carries.
//
// Only with PostgreSQL (DATABASE_URL): PGlite is one process's files and cannot be shared.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../server/auth/tokens';
import { newIntegrationToken } from '../../server/integrations/clients';
import { aVisitRequest, bookableDate, call, createPrison, newDeviceSecret } from '../helpers/api';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { startSmtpServer } from '../helpers/smtp-server';
import { createTestDatabase } from '../helpers/test-database';
import { waitUntil } from '../helpers/wait-until';

const PRISONERS = 6;
const REQUESTS_EACH = 2;

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

describe.runIf(Boolean(process.env.DATABASE_URL))('events from the system of record, twice at once to two processes', () => {
	it('change things once and tell each family once', async () => {
		const database = await createTestDatabase();
		cleanups.push(() => database.close());
		const smtp = await startSmtpServer();
		cleanups.push(() => smtp.close());
		const prisonId = await createPrison(database.db, { code: 'TWO', name: 'HMP Two' });
		const token = newIntegrationToken();
		await database.db
			.insertInto('integrationClients')
			.values({ name: 'listener', tokenHash: sha256Hex(token) })
			.execute();

		const env = { DATABASE_URL: database.url!, SMTP_URL: smtp.url, LOG_LEVEL: 'info' };
		const servers: ServerProcess[] = [];
		for (let i = 0; i < 2; i += 1) {
			const server = await startServerProcess({ port: await freePort(), env, timeoutMs: 90_000 });
			cleanups.push(() => server.stop());
			servers.push(server);
		}

		const numbers = Array.from({ length: PRISONERS }, (_, i) => `B${String(1000 + i)}CD`);
		const requests: { id: string; email: string }[] = [];
		for (const number of numbers) {
			for (let j = 0; j < REQUESTS_EACH; j += 1) {
				const email = `family-${number.toLowerCase()}-${j}@example.com`;
				const body = aVisitRequest(prisonId, {
					prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: number },
					visitors: [{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email }],
					slots: [{ date: bookableDate(6), start: '14:00' }]
				});
				const sent = await call(servers[j % 2]!, 'POST', '/api/visit-requests', { bearer: newDeviceSecret(), body });
				expect(sent.status).toBe(201);
				requests.push({ id: sent.body.id, email });
			}
		}

		// Half the events carry an eventId, half are known by their body's hash.
		const events = numbers.map((number, i) => ({
			...(i % 2 === 0 ? { eventId: randomUUID() } : {}),
			eventType: 'prisoner-offender-search.prisoner.released',
			occurredAt: new Date().toISOString(),
			additionalInformation: { nomsNumber: number, prisonId: 'TWO', reason: 'RELEASED' }
		}));
		const answers = await Promise.all(
			events.map((event) =>
				Promise.all(servers.map((server) => call(server, 'POST', '/api/integration/events', { bearer: token, body: event, origin: null })))
			)
		);
		for (const pair of answers) {
			expect(pair.map((a) => a.status)).toEqual([200, 200]);
			expect(pair.map((a) => a.body.duplicate).sort()).toEqual([false, true]);
		}

		for (const request of requests) {
			const changes = await database.db
				.selectFrom('stateChanges')
				.select('actorType')
				.where('requestId', '=', request.id)
				.where('toStatus', '=', 'rejected')
				.execute();
			expect(changes).toEqual([{ actorType: 'system' }]);
		}
		const inbox = await database.db.selectFrom('integrationEvents').select('identity').execute();
		expect(inbox).toHaveLength(PRISONERS);
		const audit = await database.db.selectFrom('auditLog').select('target').where('action', '=', 'integration.event').execute();
		expect(audit).toHaveLength(PRISONERS);

		// Each family gets one "not accepted" email, whichever process's worker sends it.
		const notAccepted = (email: string) =>
			smtp.received.filter((m) => m.to.includes(email) && (m.parsed.text ?? '').includes('The prisoner has been released'));
		await waitUntil(() => requests.every((r) => notAccepted(r.email).length >= 1), 'every family told', 60_000);
		const jobs = await database.db
			.selectFrom('deliveries')
			.select(['requestId', 'status'])
			.where('channel', '=', 'email')
			.where('kind', '=', 'rejected')
			.execute();
		expect(jobs).toHaveLength(requests.length);
		await waitUntil(
			async () =>
				(
					await database.db
						.selectFrom('deliveries')
						.select('id')
						.where('channel', '=', 'email')
						.where('status', 'in', ['queued', 'sending'])
						.execute()
				).length === 0,
			'the outbox drained',
			60_000
		);
		for (const request of requests) expect(notAccepted(request.email)).toHaveLength(1);

		// A type not used: logged by its type, without the names and numbers it carries.
		const ignored = await call(servers[0]!, 'POST', '/api/integration/events', {
			bearer: token,
			origin: null,
			body: {
				eventType: 'prison-offender-events.prisoner.alerts-updated',
				occurredAt: new Date().toISOString(),
				additionalInformation: { nomsNumber: 'Z9876YX', firstName: 'Secretia', lastName: 'Hiddenworth' }
			}
		});
		expect(ignored.status).toBe(202);
		await waitUntil(() => servers[0]!.output().includes('integration event ignored'), 'the log line');
		const log = servers.map((s) => s.output()).join('\n');
		expect(log).toContain('prison-offender-events.prisoner.alerts-updated');
		for (const secret of ['Z9876YX', 'Secretia', 'Hiddenworth', 'Lovelace', ...numbers]) expect(log).not.toContain(secret);
	}, 240_000);
});
