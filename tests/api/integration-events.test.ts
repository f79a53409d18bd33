import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/lib/shared/i18n';
import { addDays } from '../../src/lib/shared/rules/dates';
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

/*
 * Facts from the prison's own system of record: administrators' integration clients, and each
 * event type posted to /api/integration/events with what it changes, once, in the newest fact's
 * order; every refusal (401, 400 naming fields, 413, 429) and the 202 of a type not used.
 */

let api: TestApi;
let smtp: TestSmtpServer;
let prisonA: { id: string; code: string; name: string };
let prisonB: { id: string; code: string; name: string };
let admin: string;
let officer: string;
let token: string;
const saturday = bookableDate(6);

const code = () => `E${randomBytes(2).toString('hex').toUpperCase()}`;
/** A fresh prisoner number per test, so tests do not see each other's facts. */
const prisonerNumber = () =>
	`A${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}${String.fromCharCode(65 + Math.floor(Math.random() * 26))}${String.fromCharCode(65 + Math.floor(Math.random() * 26))}`;

beforeAll(async () => {
	smtp = await startSmtpServer();
	api = await startTestApi({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'visits@prison.example' } });
	for (const which of ['A', 'B'] as const) {
		const prisonCode = code();
		const id = await createPrison(api.db, { code: prisonCode, name: `HMP Events ${which} ${prisonCode}` });
		const prison = { id, code: prisonCode, name: `HMP Events ${which} ${prisonCode}` };
		if (which === 'A') prisonA = prison;
		else prisonB = prison;
	}
	admin = await signIn(api, await createStaff(api.db, { prisonIds: [prisonA.id], serviceAdmin: true }));
	officer = await signIn(api, await createStaff(api.db, { prisonIds: [prisonA.id, prisonB.id] }));
	const created = await call(api, 'POST', '/api/admin/integrations', { cookie: admin, body: { name: 'HMPPS events' } });
	expect(created.status).toBe(201);
	token = created.body.token;
});
afterAll(async () => {
	await api?.close();
	await smtp?.close();
});

async function submit(prisonId: string, number: string, options: { email?: string; language?: 'en' | 'cy' } = {}) {
	const body = aVisitRequest(prisonId, {
		prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: number },
		visitors: [
			{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email: options.email ?? `family-${randomUUID()}@example.com` }
		],
		slots: [{ date: saturday, start: '14:00' }]
	});
	const response = await call(api, 'POST', '/api/visit-requests', {
		bearer: newDeviceSecret(),
		body,
		headers: { 'Accept-Language': options.language ?? 'en' }
	});
	expect(response.status).toBe(201);
	return response.body as { id: string; reference: string };
}

const post = (event: unknown, bearer = token) => call(api, 'POST', '/api/integration/events', { bearer, body: event, origin: null });

function released(number: string, prisonCode: string, occurredAt = new Date().toISOString(), eventId: string | null = randomUUID()) {
	return {
		...(eventId ? { eventId } : {}),
		eventType: 'prisoner-offender-search.prisoner.released',
		occurredAt,
		version: 1,
		description: 'A prisoner has been released from prison',
		additionalInformation: { nomsNumber: number, prisonId: prisonCode, reason: 'RELEASED', details: 'Movement reason code CR' },
		personReference: { identifiers: [{ type: 'NOMS', value: number }] }
	};
}
function received(number: string, prisonCode: string, occurredAt = new Date().toISOString()) {
	return {
		eventId: randomUUID(),
		eventType: 'prisoner-offender-search.prisoner.received',
		occurredAt,
		additionalInformation: { nomsNumber: number, prisonId: prisonCode, reason: 'TRANSFERRED' }
	};
}
function restriction(type: 'upserted' | 'deleted', number: string, restrictionId: string, occurredAt: string, until?: string) {
	return {
		eventId: randomUUID(),
		eventType: `person.visitor-restriction.${type}`,
		occurredAt,
		additionalInformation: {
			nomsNumber: number,
			restrictionId,
			...(type === 'upserted' ? { visitor: { firstName: 'Bob', lastName: 'Banned', dateOfBirth: '1970-01-01' }, until } : {})
		}
	};
}

const requestRow = (id: string) =>
	api.db
		.selectFrom('visitRequests')
		.select(['status', 'rejectionReasons', 'decisionMessage'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
const rejectedChanges = (id: string) =>
	api.db
		.selectFrom('stateChanges')
		.select(['actorType', 'detail'])
		.where('requestId', '=', id)
		.where('toStatus', '=', 'rejected')
		.execute();
const emailDeliveries = (id: string) =>
	api.db
		.selectFrom('deliveries')
		.select(['kind', 'language'])
		.where('channel', '=', 'email')
		.where('requestId', '=', id)
		.where('kind', '=', 'rejected')
		.execute();
const mailsTo = (address: string, text: string) =>
	smtp.received.filter((m) => m.to.includes(address) && (m.parsed.text ?? '').includes(text));
const record = (prisonId: string, number: string) =>
	call(api, 'GET', `/api/staff/prisons/${prisonId}/prisoners/${number}`, { cookie: officer });

describe('integration clients', () => {
	it('are made by administrators only, listed without their tokens, stored hashed, and revoked', async () => {
		expect((await call(api, 'POST', '/api/admin/integrations', { cookie: officer, body: { name: 'x' } })).status).toBe(403);
		expect((await call(api, 'GET', '/api/admin/integrations', { cookie: officer })).status).toBe(403);
		expect((await call(api, 'GET', '/api/admin/integrations')).status).toBe(401);

		const bad = await call(api, 'POST', '/api/admin/integrations', { cookie: admin, body: { name: '  ' } });
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.error.fields)).toEqual(['name']);

		const made = await call(api, 'POST', '/api/admin/integrations', { cookie: admin, body: { name: 'Listener two' } });
		expect(made.status).toBe(201);
		expect(made.body.token).toMatch(/^bpvi_[A-Za-z0-9_-]{43}$/);
		const stored = await api.db
			.selectFrom('integrationClients')
			.selectAll()
			.where('id', '=', made.body.client.id)
			.executeTakeFirstOrThrow();
		expect(stored.tokenHash).toBe(createHash('sha256').update(made.body.token).digest('hex'));
		expect(JSON.stringify(stored)).not.toContain(made.body.token.slice(5));

		const list = await call(api, 'GET', '/api/admin/integrations', { cookie: admin });
		expect(list.status).toBe(200);
		expect(list.body.integrations.map((i: { name: string }) => i.name)).toContain('Listener two');
		expect(JSON.stringify(list.body)).not.toContain(made.body.token);

		const audit = await api.db.selectFrom('auditLog').select('action').where('target', '=', made.body.client.id).execute();
		expect(audit.map((a) => a.action)).toEqual(['integration.create']);

		expect((await post(released(prisonerNumber(), prisonA.code), made.body.token)).status).toBe(200);
		const revoked = await call(api, 'DELETE', `/api/admin/integrations/${made.body.client.id}`, { cookie: admin });
		expect(revoked.status).toBe(200);
		expect(revoked.body.revokedAt).not.toBeNull();
		const refused = await post(released(prisonerNumber(), prisonA.code), made.body.token);
		expect(refused.status).toBe(401);
		expect(refused.body.error.code).toBe('unauthorized');
		expect((await call(api, 'DELETE', `/api/admin/integrations/${randomUUID()}`, { cookie: admin })).status).toBe(404);
	});

	it('have a token that posts events and does nothing else', async () => {
		// A visitor's route: not a device bearer, so no device is registered.
		expect((await call(api, 'GET', '/api/visit-requests', { bearer: token })).status).toBe(401);
		const submitted = await call(api, 'POST', '/api/visit-requests', { bearer: token, body: aVisitRequest(prisonA.id) });
		expect(submitted.status).toBe(401);
		// Staff and administrators' routes.
		expect((await call(api, 'GET', '/api/staff/requests', { bearer: token })).status).toBe(401);
		expect((await call(api, 'GET', `/api/staff/prisons/${prisonA.id}/prisoners/A1234BC`, { bearer: token })).status).toBe(401);
		expect((await call(api, 'GET', '/api/admin/integrations', { bearer: token })).status).toBe(401);
		expect((await call(api, 'POST', '/api/admin/integrations', { bearer: token, body: { name: 'more' }, origin: null })).status).toBe(401);
	});

	it('refuse a wrong or missing token on the events endpoint, and a visitor bearer or staff session there', async () => {
		const event = released(prisonerNumber(), prisonA.code);
		expect((await post(event, `bpvi_${randomBytes(32).toString('base64url')}`)).status).toBe(401);
		expect((await post(event, newDeviceSecret())).status).toBe(401);
		expect((await call(api, 'POST', '/api/integration/events', { body: event, origin: null })).status).toBe(401);
		expect((await call(api, 'POST', '/api/integration/events', { cookie: admin, body: event })).status).toBe(401);
	});
});

describe('refusals', () => {
	it('a malformed event is a 400 naming every field at once, and nothing is recorded', async () => {
		const before = await api.db
			.selectFrom('integrationEvents')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		const envelope = await post({ occurredAt: 'yesterday', additionalInformation: 'none' });
		expect(envelope.status).toBe(400);
		expect(envelope.body.error.code).toBe('validation_failed');
		expect(Object.keys(envelope.body.error.fields).sort()).toEqual(['additionalInformation', 'eventType', 'occurredAt']);

		const inner = await post({
			eventType: 'prisoner-offender-search.prisoner.released',
			occurredAt: new Date().toISOString(),
			additionalInformation: { nomsNumber: '12' }
		});
		expect(inner.status).toBe(400);
		expect(Object.keys(inner.body.error.fields).sort()).toEqual(['additionalInformation.nomsNumber', 'additionalInformation.prisonId']);

		const visitor = await post({
			eventType: 'person.visitor-restriction.upserted',
			occurredAt: new Date().toISOString(),
			additionalInformation: {
				nomsNumber: 'A1234BC',
				restrictionId: 7,
				visitor: { firstName: 'Bob', dateOfBirth: '1970-02-31' },
				until: 'soon'
			}
		});
		expect(visitor.status).toBe(400);
		expect(Object.keys(visitor.body.error.fields).sort()).toEqual([
			'additionalInformation.until',
			'additionalInformation.visitor.dateOfBirth',
			'additionalInformation.visitor.lastName'
		]);

		const notJson = await call(api, 'POST', '/api/integration/events', { bearer: token, raw: '{"eventType":', origin: null });
		expect(notJson.status).toBe(400);
		expect(notJson.body.error.code).toBe('invalid_json');
		const after = await api.db
			.selectFrom('integrationEvents')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});

	it('a body over 64 KB is a 413', async () => {
		const event = { ...released(prisonerNumber(), prisonA.code), padding: 'x'.repeat(65 * 1024) };
		const response = await post(event);
		expect(response.status).toBe(413);
		expect(response.body.error.code).toBe('payload_too_large');
	});

	it('a type this service does not use is a 202, ignored, and changes nothing', async () => {
		const number = prisonerNumber();
		const request = await submit(prisonA.id, number);
		const response = await post({
			eventId: randomUUID(),
			eventType: 'prisoner-offender-search.prisoner.alerts-updated',
			occurredAt: new Date().toISOString(),
			additionalInformation: { nomsNumber: number, alertsAdded: ['XA'] }
		});
		expect(response.status).toBe(202);
		expect(response.body).toMatchObject({ outcome: 'ignored', duplicate: false });
		expect((await requestRow(request.id)).status).toBe('requested');
	});

	it('events over the per-integration limit are a 429 with Retry-After, other integrations unaffected', async () => {
		const limited = await startTestApi({ env: { INTEGRATION_EVENTS_PER_MINUTE: '2' } });
		try {
			const staff = await createStaff(limited.db, { prisonIds: [], serviceAdmin: true });
			const cookie = await signIn(limited, staff);
			const one = (await call(limited, 'POST', '/api/admin/integrations', { cookie, body: { name: 'one' } })).body.token;
			const two = (await call(limited, 'POST', '/api/admin/integrations', { cookie, body: { name: 'two' } })).body.token;
			const send = (bearer: string) =>
				call(limited, 'POST', '/api/integration/events', { bearer, body: released(prisonerNumber(), 'XYZ'), origin: null });
			expect((await send(one)).status).toBe(200);
			expect((await send(one)).status).toBe(200);
			const third = await send(one);
			expect(third.status).toBe(429);
			expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
			expect((await send(two)).status).toBe(200);
		} finally {
			await limited.close();
		}
	});
});

describe('prisoner released', () => {
	it('rejects the waiting requests at that prison as the system, tells the family once in their language, and is in the audit', async () => {
		const number = prisonerNumber();
		const welsh = await submit(prisonA.id, number, { email: 'teulu@example.com', language: 'cy' });
		const english = await submit(prisonA.id, number);
		const elsewhere = await submit(prisonB.id, number);
		const event = released(number, prisonA.code);

		const first = await post(event);
		expect(first.status).toBe(200);
		expect(first.body).toEqual({ outcome: 'applied', duplicate: false, identity: event.eventId });
		for (const id of [welsh.id, english.id]) {
			expect(await requestRow(id)).toMatchObject({ status: 'rejected', rejectionReasons: ['prisoner_released'] });
			expect((await rejectedChanges(id)).map((c) => c.actorType)).toEqual(['system']);
		}
		expect((await requestRow(elsewhere.id)).status).toBe('requested');

		// The same event again: nothing changes, nobody is told twice.
		const again = await post(event);
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ duplicate: true });
		expect(await rejectedChanges(welsh.id)).toHaveLength(1);
		expect(await emailDeliveries(welsh.id)).toEqual([{ kind: 'rejected', language: 'cy' }]);

		// The Welsh "not accepted" email, saying why (after the "sent" one the submit queued).
		const why = translate('cy', 'visitor.rejection.prisoner_released');
		await waitUntil(() => mailsTo('teulu@example.com', why).length > 0, 'the Welsh email');
		expect(mailsTo('teulu@example.com', why)).toHaveLength(1);

		const audit = await api.db
			.selectFrom('auditLog')
			.select(['action', 'staffId', 'detail'])
			.where('target', '=', event.eventId!)
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ action: 'integration.event', staffId: null });
		expect(audit[0]!.detail).toMatchObject({
			eventId: event.eventId,
			eventType: event.eventType,
			outcome: 'applied',
			rejected: 2,
			prisonerNumbers: [number]
		});
		expect(JSON.stringify(audit[0]!.detail)).not.toContain('Lovelace');

		const shown = await record(prisonA.id, number);
		expect(shown.body.location).toMatchObject({ status: 'released', prisonCode: prisonA.code, prisonName: prisonA.name });
	});

	it('without an eventId, the same body (in any key order) is the same event', async () => {
		const number = prisonerNumber();
		const request = await submit(prisonA.id, number);
		const occurredAt = new Date().toISOString();
		const event = released(number, prisonA.code, occurredAt, null);
		const first = await post(event);
		expect(first.status).toBe(200);
		expect(first.body.identity).toMatch(/^sha256:[0-9a-f]{64}$/);
		const reordered = Object.fromEntries(Object.entries(event).reverse());
		const second = await post(reordered);
		expect(second.body).toMatchObject({ duplicate: true, identity: first.body.identity });
		expect(await rejectedChanges(request.id)).toHaveLength(1);
	});

	it('for a prisoner or prison the service has never heard of, is accepted and changes nothing else', async () => {
		const number = prisonerNumber();
		const other = await submit(prisonA.id, prisonerNumber());
		const response = await post(released(number, 'ZZZ'));
		expect(response.status).toBe(200);
		expect(response.body.outcome).toBe('applied');
		expect((await requestRow(other.id)).status).toBe('requested');
		const bans = await api.db.selectFrom('prisonerBans').select('id').where('prisonerNumber', '=', number).execute();
		expect(bans).toHaveLength(0);
	});
});

describe('prisoner received', () => {
	it('rejects waiting requests at every other prison, naming the new prison, and the record shows where the prisoner is', async () => {
		const number = prisonerNumber();
		const atA = await submit(prisonA.id, number, { email: 'symud@example.com', language: 'cy' });
		const atB = await submit(prisonB.id, number);
		const response = await post(received(number, prisonB.code));
		expect(response.status).toBe(200);
		expect(await requestRow(atA.id)).toMatchObject({ status: 'rejected', rejectionReasons: ['prisoner_moved'] });
		expect((await requestRow(atA.id)).decisionMessage).toContain(prisonB.name);
		expect((await requestRow(atB.id)).status).toBe('requested');
		expect(await emailDeliveries(atA.id)).toEqual([{ kind: 'rejected', language: 'cy' }]);
		await waitUntil(() => mailsTo('symud@example.com', `bellach yn ${prisonB.name}`).length > 0, 'the Welsh email naming the new prison');

		const shown = await record(prisonB.id, number);
		expect(shown.body.location).toMatchObject({ status: 'in', prisonCode: prisonB.code, prisonName: prisonB.name });
	});

	it('at a prison the service does not have: waiting requests everywhere are rejected, with no prison named', async () => {
		const number = prisonerNumber();
		const atA = await submit(prisonA.id, number);
		expect((await post(received(number, 'QQQ'))).status).toBe(200);
		expect(await requestRow(atA.id)).toMatchObject({ status: 'rejected', rejectionReasons: ['prisoner_moved'], decisionMessage: null });
		expect((await record(prisonA.id, number)).body.location).toMatchObject({ status: 'in', prisonCode: 'QQQ', prisonName: null });
	});

	it('out of order: a release older than a later "received" leaves the record as the newest fact says', async () => {
		const number = prisonerNumber();
		const t1 = new Date(Date.now() - 60_000).toISOString();
		const t2 = new Date().toISOString();
		expect((await post(received(number, prisonB.code, t2))).status).toBe(200);
		const waiting = await submit(prisonB.id, number);
		const late = await post(released(number, prisonB.code, t1));
		expect(late.status).toBe(200);
		expect(late.body.outcome).toBe('stale');
		expect((await requestRow(waiting.id)).status).toBe('requested');
		expect((await record(prisonB.id, number)).body.location).toMatchObject({ status: 'in', prisonCode: prisonB.code });
		// A newer release does apply.
		expect((await post(released(number, prisonB.code, new Date(Date.now() + 1000).toISOString()))).body.outcome).toBe('applied');
		expect((await requestRow(waiting.id)).status).toBe('rejected');
	});

	it('a local occurredAt (no offset) is read as UK time', async () => {
		const number = prisonerNumber();
		// 12:00 in London in July is 11:00 UTC: a "received" at 11:30 UTC is newer.
		expect((await post(received(number, prisonA.code, '2026-07-01T11:30:00Z'))).body.outcome).toBe('applied');
		expect((await post(released(number, prisonA.code, '2026-07-01T12:00:00'))).body.outcome).toBe('stale');
		expect((await post(released(number, prisonA.code, '2026-07-01T12:31:00.5'))).body.outcome).toBe('applied');
	});
});

describe('visitor restrictions', () => {
	it('an upsert is a ban on the prisoner’s record keyed by its id, updated by the next upsert and lifted by delete', async () => {
		const number = prisonerNumber();
		const request = await submit(prisonA.id, number);
		const base = Date.now();
		const t = (s: number) => new Date(base + s * 1000).toISOString();
		expect((await post(restriction('upserted', number, 'R-1', t(0), addDays(saturday, -1)))).body.outcome).toBe('applied');
		let bans = (await record(prisonA.id, number)).body.bans;
		expect(bans).toEqual([
			expect.objectContaining({
				firstName: 'Bob',
				lastName: 'Banned',
				dateOfBirth: '1970-01-01',
				until: addDays(saturday, -1),
				restrictionId: 'R-1'
			})
		]);
		expect((await post(restriction('upserted', number, 'R-1', t(1)))).body.outcome).toBe('applied');
		bans = (await record(prisonA.id, number)).body.bans;
		expect(bans).toHaveLength(1);
		expect(bans[0]).toMatchObject({ until: null, restrictionId: 'R-1' });
		// The request's flag sees it: a banned visitor is not the request's visitor, so no flag here,
		// but the ban is on the record staff read.
		expect((await requestRow(request.id)).status).toBe('requested');

		expect((await post(restriction('deleted', number, 'R-1', t(2)))).body.outcome).toBe('applied');
		expect((await record(prisonA.id, number)).body.bans).toEqual([]);
		// An upsert older than the delete comes late: the ban stays lifted.
		expect((await post(restriction('upserted', number, 'R-1', t(1.5)))).body.outcome).toBe('stale');
		expect((await record(prisonA.id, number)).body.bans).toEqual([]);
	});

	it('follows the prisoner to the prison they are received at; for an unknown prisoner stores nothing', async () => {
		const number = prisonerNumber();
		await submit(prisonA.id, number);
		expect((await post(restriction('upserted', number, 'R-2', new Date().toISOString()))).status).toBe(200);
		expect((await record(prisonB.id, number)).body.bans).toEqual([]);
		expect((await post(received(number, prisonB.code))).status).toBe(200);
		expect((await record(prisonB.id, number)).body.bans).toEqual([expect.objectContaining({ restrictionId: 'R-2' })]);

		const stranger = prisonerNumber();
		expect((await post(restriction('upserted', stranger, 'R-3', new Date().toISOString()))).status).toBe(200);
		expect(await api.db.selectFrom('prisonerBans').select('id').where('prisonerNumber', '=', stranger).execute()).toEqual([]);
	});
});

describe('booked visits need review, and non-associations, as the staff actions do', () => {
	const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '14:00', end: '16:00', capacity: 20 }));
	let instant: { id: string; code: string };

	beforeAll(async () => {
		const prisonCode = code();
		instant = { id: await createPrison(api.db, { code: prisonCode, timetable: everyDay, bookingMode: 'instant' }), code: prisonCode };
	});

	async function book(number: string, date = saturday, visitor = { firstName: 'Mary', lastName: 'Jones', dateOfBirth: '1965-02-03' }) {
		const body = aVisitRequest(instant.id, {
			prisoner: { firstName: 'Ada', lastName: 'Jones', dateOfBirth: '1990-05-01', prisonerNumber: number },
			visitors: [{ ...visitor, email: 'family@example.com' }],
			slots: [{ date, start: '14:00' }]
		});
		const answer = await call(api, 'POST', '/api/visit-requests', { body, bearer: newDeviceSecret() });
		expect(answer.body.status).toBe('booked');
		return answer.body as { id: string };
	}
	const causes = (requestId: string) =>
		api.db
			.selectFrom('reviewCauses')
			.select(['code', 'sourceId', 'clearedAt'])
			.where('requestId', '=', requestId)
			.orderBy('since')
			.execute();
	const reviewList = async (cookie: string) =>
		(await call(api, 'GET', `/api/staff/prisons/${instant.id}/review`, { cookie })).body.visits as {
			id: string;
			reasons: { code: string; message: string }[];
		}[];

	it('released: the booked visits there need review (prisoner_released); received back there, that clears', async () => {
		const cookie = await signIn(api, await createStaff(api.db, { prisonIds: [instant.id] }));
		const number = prisonerNumber();
		const visit = await book(number);
		expect((await post(released(number, instant.code))).status).toBe(200);
		expect(await causes(visit.id)).toEqual([{ code: 'prisoner_released', sourceId: number, clearedAt: null }]);
		const listed = (await reviewList(cookie)).find((v) => v.id === visit.id);
		expect(listed?.reasons).toEqual([
			expect.objectContaining({ code: 'prisoner_released', message: 'The prison’s own records say the prisoner has been released.' })
		]);
		expect((await post(received(number, instant.code))).status).toBe(200);
		expect((await causes(visit.id))[0]!.clearedAt).not.toBeNull();
		expect((await reviewList(cookie)).some((v) => v.id === visit.id)).toBe(false);
	});

	it('received elsewhere: the booked visits at every other prison need review (prisoner_moved)', async () => {
		const number = prisonerNumber();
		const visit = await book(number);
		const event = received(number, prisonB.code);
		expect((await post(event)).status).toBe(200);
		expect(await causes(visit.id)).toEqual([{ code: 'prisoner_moved', sourceId: number, clearedAt: null }]);
		// The same event again opens nothing more.
		expect((await post(event)).body.duplicate).toBe(true);
		expect(await causes(visit.id)).toHaveLength(1);
	});

	it('a restriction covering a booked visit’s visitor flags it; deleted, the flag clears', async () => {
		const number = prisonerNumber();
		const visit = await book(number);
		const visitor = { firstName: 'Bob', lastName: 'Banned', dateOfBirth: '1970-01-01' };
		const covered = await book(number, addDays(saturday, 1), visitor);
		const base = Date.now();
		const t = (s: number) => new Date(base + s * 1000).toISOString();
		expect((await post(restriction('upserted', number, 'R-9', t(0)))).status).toBe(200);
		const ban = await api.db
			.selectFrom('prisonerBans')
			.select('id')
			.where('restrictionId', '=', 'R-9')
			.where('prisonerNumber', '=', number)
			.executeTakeFirstOrThrow();
		expect(await causes(covered.id)).toEqual([{ code: 'visitor_banned', sourceId: ban.id, clearedAt: null }]);
		expect(await causes(visit.id)).toEqual([]);
		// A shorter ban that ends before the visit: no longer covered, the flag clears.
		expect((await post(restriction('upserted', number, 'R-9', t(1), addDays(saturday, -1)))).status).toBe(200);
		expect((await causes(covered.id))[0]!.clearedAt).not.toBeNull();
		expect((await post(restriction('upserted', number, 'R-9', t(2)))).status).toBe(200);
		expect((await causes(covered.id)).filter((c) => c.clearedAt === null)).toHaveLength(1);
		expect((await post(restriction('deleted', number, 'R-9', t(3)))).status).toBe(200);
		expect((await causes(covered.id)).every((c) => c.clearedAt !== null)).toBe(true);
	});

	it('non-associations created and closed hold both ways, flag clashing booked visits and clear them, as the staff action', async () => {
		const [first, second] = [prisonerNumber(), prisonerNumber()];
		const one = await book(first);
		const two = await book(second);
		const event = (type: 'created' | 'closed', occurredAt: string) => ({
			eventId: randomUUID(),
			eventType: `non-associations.${type}`,
			occurredAt,
			additionalInformation: { id: 42, firstPrisonerNumber: first, secondPrisonerNumber: second }
		});
		const created = await post(event('created', new Date().toISOString()));
		expect(created.status).toBe(200);
		const rows = await api.db
			.selectFrom('prisonerNonAssociations')
			.select(['prisonerNumber', 'otherNumber'])
			.where('prisonId', '=', instant.id)
			.where('prisonerNumber', 'in', [first, second])
			.orderBy('prisonerNumber')
			.execute();
		expect(rows).toEqual(
			[
				{ prisonerNumber: first, otherNumber: second },
				{ prisonerNumber: second, otherNumber: first }
			].sort((a, b) => a.prisonerNumber.localeCompare(b.prisonerNumber))
		);
		expect(await causes(one.id)).toEqual([{ code: 'non_association', sourceId: second, clearedAt: null }]);
		expect(await causes(two.id)).toEqual([{ code: 'non_association', sourceId: first, clearedAt: null }]);
		const audit = await api.db
			.selectFrom('auditLog')
			.select(['action', 'staffId', 'detail'])
			.where('action', '=', 'prisoner.non-association.add')
			.where('target', '=', first)
			.execute();
		expect(audit).toEqual([
			expect.objectContaining({ staffId: null, detail: expect.objectContaining({ eventId: created.body.identity }) })
		]);

		// A close older than the creation arrives late: nothing changes.
		expect((await post(event('closed', new Date(Date.now() - 60_000).toISOString()))).body.outcome).toBe('stale');
		expect((await causes(one.id))[0]!.clearedAt).toBeNull();
		expect((await post(event('closed', new Date(Date.now() + 1000).toISOString()))).body.outcome).toBe('applied');
		expect(
			await api.db.selectFrom('prisonerNonAssociations').select('prisonId').where('prisonerNumber', 'in', [first, second]).execute()
		).toEqual([]);
		expect((await causes(one.id))[0]!.clearedAt).not.toBeNull();
		expect((await causes(two.id))[0]!.clearedAt).not.toBeNull();
	});

	it('a non-association between prisoners the service has never heard of stores nothing', async () => {
		const [first, second] = [prisonerNumber(), prisonerNumber()];
		const answer = await post({
			eventType: 'non-associations.created',
			occurredAt: new Date().toISOString(),
			additionalInformation: { firstPrisonerNumber: first, secondPrisonerNumber: second }
		});
		expect(answer.status).toBe(200);
		expect(
			await api.db.selectFrom('prisonerNonAssociations').select('prisonId').where('prisonerNumber', 'in', [first, second]).execute()
		).toEqual([]);
	});
});
