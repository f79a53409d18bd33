import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_PATTERN } from '../../src/lib/shared/rules/reference';
import { addDays } from '../../src/lib/shared/rules/dates';
import { aVisitRequest, bookableDate, call, createPrison, newDeviceSecret, startTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let prisonId: string;
const phone = newDeviceSecret();

beforeAll(async () => {
	api = await startTestApi();
	prisonId = await createPrison(api.db);
});
afterAll(async () => {
	await api?.close();
});

const submit = (body: unknown, bearer = phone) => call(api, 'POST', '/api/visit-requests', { body, bearer });
const requestRows = (id: string) => api.db.selectFrom('visitRequests').select('id').where('id', '=', id).execute();
const countAll = async () => {
	const [requests, visitors, slots, changes] = await Promise.all(
		(['visitRequests', 'requestVisitors', 'requestSlots', 'stateChanges'] as const).map((table) =>
			api.db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		)
	);
	return { requests: requests!.n, visitors: visitors!.n, slots: slots!.n, changes: changes!.n };
};

describe('prisons and calendars', () => {
	it('lists prisons with the rules a device needs offline', async () => {
		const { status, body } = await call(api, 'GET', '/api/prisons');
		expect(status).toBe(200);
		const prison = body.prisons.find((p: { id: string }) => p.id === prisonId);
		expect(prison).toMatchObject({ leadDays: 3, horizonDays: 28, maxVisitors: 6, maxAdults: 3, adultAge: 18, timeZone: 'Europe/London' });
		expect(prison.calendarVersion).toBeUndefined();
	});

	it('answers the calendar with an ETag, and 304 when nothing changed', async () => {
		const from = bookableDate(6);
		const to = addDays(from, 6);
		const first = await call(api, 'GET', `/api/prisons/${prisonId}/slots?from=${from}&to=${to}`);
		expect(first.status).toBe(200);
		expect(first.body.days).toHaveLength(7);
		const saturday = first.body.days.find((d: { date: string }) => d.date === bookableDate(6));
		expect(saturday.slots.map((s: { start: string; available: number }) => [s.start, s.available])).toEqual([
			['09:30', 12],
			['14:00', 20]
		]);
		const etag = first.headers.get('etag');
		expect(etag).toBeTruthy();
		const again = await call(api, 'GET', `/api/prisons/${prisonId}/slots?from=${from}&to=${to}`, { headers: { 'If-None-Match': etag! } });
		expect(again.status).toBe(304);
	});

	it('refuses a malformed range and an unknown prison', async () => {
		const bad = await call(api, 'GET', `/api/prisons/${prisonId}/slots?from=2026-02-30&to=2026-03-01`);
		expect(bad.status).toBe(400);
		expect(bad.body.error.fields).toEqual({ from: 'Enter a real date' });
		const unknown = await call(api, 'GET', `/api/prisons/5b0f7c1e-0000-4000-8000-000000000000/slots?from=2026-03-01&to=2026-03-02`);
		expect(unknown.status).toBe(404);
		const notAnId = await call(api, 'GET', `/api/prisons/not-an-id/slots?from=2026-03-01&to=2026-03-02`);
		expect(notAnId.status).toBe(404);
	});
});

describe('submitting a request', () => {
	it('stores it once and answers with a reference', async () => {
		const request = aVisitRequest(prisonId);
		const { status, body } = await submit(request);
		expect(status).toBe(201);
		expect(body).toMatchObject({ id: request.id, status: 'requested', prisonId, slots: request.slots });
		expect(body.reference).toMatch(REFERENCE_PATTERN);
		expect(body.prisoner.prisonerNumber).toBe('A1234BC');
	});

	it('answers a replay with the stored request and writes nothing more', async () => {
		const request = aVisitRequest(prisonId);
		const first = await submit(request);
		const before = await countAll();
		const replay = await submit(request);
		expect(replay.status).toBe(200);
		expect(replay.body).toEqual(first.body);
		expect(await countAll()).toEqual(before);
		expect(await requestRows(request.id)).toHaveLength(1);
	});

	it('refuses the same id with a different body, and keeps the first', async () => {
		const request = aVisitRequest(prisonId);
		await submit(request);
		const changed = await submit({ ...request, additionalSupport: 'Wheelchair access' });
		expect(changed.status).toBe(409);
		expect(changed.body.error.code).toBe('id_conflict');
		const stored = await call(api, 'GET', `/api/visit-requests/${request.id}`, { bearer: phone });
		expect(stored.body.additionalSupport).toBeNull();
	});

	it('needs a device credential', async () => {
		const missing = await call(api, 'POST', '/api/visit-requests', { body: aVisitRequest(prisonId) });
		expect(missing.status).toBe(401);
		const malformed = await call(api, 'POST', '/api/visit-requests', { body: aVisitRequest(prisonId), bearer: 'short' });
		expect(malformed.status).toBe(401);
	});
});

describe('a request that breaks a rule', () => {
	const lead = { firstName: 'Mary', lastName: 'Lovelace', email: 'mary@example.com' };
	const adult = { firstName: 'Tom', lastName: 'Lovelace', dateOfBirth: '1970-01-01' };
	const cases: [string, (prisonId: string) => Record<string, unknown>, number, Record<string, unknown>][] = [
		[
			'an under-age lead visitor',
			(id) => aVisitRequest(id, { visitors: [{ ...lead, dateOfBirth: addDays(bookableDate(6), -365 * 17) }] }),
			422,
			{ 'visitors.0.dateOfBirth': 'The lead visitor must be 18 or older on the date of the visit' }
		],
		[
			'too many adults',
			(id) => aVisitRequest(id, { visitors: [{ ...lead, dateOfBirth: '1960-01-01' }, adult, adult, adult] }),
			422,
			{ visitors: 'You can bring up to 3 visitors aged 18 or over' }
		],
		[
			'seven visitors',
			(id) => aVisitRequest(id, { visitors: [{ ...lead, dateOfBirth: '1960-01-01' }, adult, adult, adult, adult, adult, adult] }),
			400,
			{ visitors: 'You can bring up to 6 visitors in total' }
		],
		[
			'a slot before the window opens',
			(id) => aVisitRequest(id, { slots: [{ date: addDays(bookableDate(1), -7), start: '14:00' }] }),
			422,
			{}
		],
		[
			'a slot that is not in the timetable',
			(id) => aVisitRequest(id, { slots: [{ date: bookableDate(1), start: '09:30' }] }),
			422,
			{ 'slots.0': 'This time is not available at this prison' }
		],
		['an unknown prison', () => aVisitRequest('5b0f7c1e-0000-4000-8000-000000000000'), 422, { prisonId: 'Choose a prison from the list' }],
		['a wrong type', (id) => ({ ...aVisitRequest(id), slots: 'Saturday' }), 400, { slots: 'Choose at least one time' }],
		[
			'an impossible date of birth',
			(id) => aVisitRequest(id, { prisoner: { firstName: 'A', lastName: 'B', dateOfBirth: '1990-02-30', prisonerNumber: 'A1234BC' } }),
			400,
			{ 'prisoner.dateOfBirth': 'Enter a real date' }
		],
		['a field it does not know', (id) => ({ ...aVisitRequest(id), admin: true }), 400, {}],
		[
			'a slot after the window closes',
			(id) => aVisitRequest(id, { slots: [{ date: addDays(bookableDate(6), 35), start: '14:00' }] }),
			422,
			{ 'slots.0': expect.stringMatching(/^Choose a date between \d{1,2} \w+ \d{4} and \d{1,2} \w+ \d{4}$/) }
		],
		[
			'four slots',
			(id) =>
				aVisitRequest(id, { slots: [1, 2, 3, 4].map((week) => ({ date: addDays(bookableDate(1), 7 * (week - 1)), start: '14:00' })) }),
			400,
			{ slots: 'Choose up to 3 times' }
		],
		[
			'the same slot twice',
			(id) =>
				aVisitRequest(id, {
					slots: [
						{ date: bookableDate(6), start: '14:00' },
						{ date: bookableDate(6), start: '14:00' }
					]
				}),
			400,
			{ 'slots.1': 'Choose different times' }
		],
		[
			'a prisoner number in the wrong form',
			(id) => aVisitRequest(id, { prisoner: { firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01', prisonerNumber: '1234ABC' } }),
			400,
			{ 'prisoner.prisonerNumber': 'Enter a prisoner number like A1234BC' }
		],
		[
			'a lead visitor with no email or phone',
			(id) => aVisitRequest(id, { visitors: [{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03' }] }),
			400,
			{ 'visitors.0.email': 'Enter an email address or a UK phone number' }
		],
		[
			'additional support over 200 characters',
			(id) => ({ ...aVisitRequest(id), additionalSupport: 'x'.repeat(201) }),
			400,
			{ additionalSupport: 'Enter 200 characters or fewer' }
		],
		[
			'a date of birth in the future',
			(id) => aVisitRequest(id, { prisoner: { firstName: 'A', lastName: 'B', dateOfBirth: '2099-01-01', prisonerNumber: 'A1234BC' } }),
			422,
			{ 'prisoner.dateOfBirth': 'Date of birth must be in the past' }
		]
	];

	for (const [name, make, status, fields] of cases) {
		it(`answers ${status} for ${name}, naming the field, and writes nothing`, async () => {
			const body = make(prisonId);
			const before = await countAll();
			// A phone of its own: a device's submissions are rate limited, rejected ones included.
			const response = await submit(body, newDeviceSecret());
			expect(response.status).toBe(status);
			expect(response.body.error.message).toEqual(expect.any(String));
			if (Object.keys(fields).length > 0) expect(response.body.error.fields).toEqual(fields);
			else expect(Object.keys(response.body.error.fields ?? {}).length).toBeGreaterThan(0);
			expect(await countAll()).toEqual(before);
		});
	}

	it('answers 400 for malformed JSON and 413 for a body over the limit', async () => {
		const broken = await call(api, 'POST', '/api/visit-requests', { raw: '{"id": ', bearer: phone });
		expect(broken.status).toBe(400);
		expect(broken.body.error.code).toBe('invalid_json');
		// On its own connection: the server answers early and closes it instead of reading 200 KB.
		const huge = await postOnFreshConnection('/api/visit-requests', JSON.stringify({ pad: 'x'.repeat(200_000) }), phone);
		expect(huge.status).toBe(413);
		expect(JSON.parse(huge.body).error.code).toBe('payload_too_large');
	});

	it('refuses a closed slot', async () => {
		const date = bookableDate(3);
		await api.db.insertInto('closures').values({ prisonId, date, startTime: null, reason: 'Staff training' }).execute();
		const response = await submit(aVisitRequest(prisonId, { slots: [{ date, start: '14:00' }] }));
		expect(response.status).toBe(422);
		expect(response.body.error.fields).toEqual({ 'slots.0': 'This time is closed: choose another' });
	});
});

describe("a visitor's own requests", () => {
	it('are the only ones a device can see', async () => {
		const other = newDeviceSecret();
		const mine = aVisitRequest(prisonId);
		await submit(mine);
		const theirs = await call(api, 'GET', `/api/visit-requests/${mine.id}`, { bearer: other });
		expect(theirs.status).toBe(404);
		const list = await call(api, 'GET', '/api/visit-requests', { bearer: other });
		expect(list.body.requests).toEqual([]);
		const myList = await call(api, 'GET', '/api/visit-requests', { bearer: phone });
		expect(myList.body.requests.map((r: { id: string }) => r.id)).toContain(mine.id);
	});

	it('can be withdrawn before a decision, harmlessly twice, and then not cancelled', async () => {
		const request = aVisitRequest(prisonId);
		await submit(request);
		const withdrawn = await call(api, 'POST', `/api/visit-requests/${request.id}/withdraw`, { bearer: phone, body: {} });
		expect(withdrawn.status).toBe(200);
		expect(withdrawn.body.status).toBe('withdrawn');
		const again = await call(api, 'POST', `/api/visit-requests/${request.id}/withdraw`, { bearer: phone, body: {} });
		expect(again.status).toBe(200);
		const cancel = await call(api, 'POST', `/api/visit-requests/${request.id}/cancel`, { bearer: phone, body: {} });
		expect(cancel.status).toBe(409);
		expect(cancel.body.error.code).toBe('state_conflict');
		const foreign = await call(api, 'POST', `/api/visit-requests/${request.id}/withdraw`, { bearer: newDeviceSecret(), body: {} });
		expect(foreign.status).toBe(404);
	});
});

describe('push subscriptions', () => {
	const subscription = (endpoint: string) => ({
		endpoint,
		keys: {
			// A real P-256 public point and auth secret, as a browser sends them.
			p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
			auth: 'tBHItJI5svbpez7KI4CCXg'
		}
	});

	it('gives out the public key and keeps a subscription for its device only', async () => {
		const key = await call(api, 'GET', '/api/push/public-key');
		expect(key.body.publicKey).toMatch(/^[A-Za-z0-9_-]{80,}$/);
		const endpoint = 'https://fcm.googleapis.com/fcm/send/abc123';
		const saved = await call(api, 'POST', '/api/push/subscriptions', { bearer: phone, body: subscription(endpoint) });
		expect(saved.status).toBe(201);
		const someoneElse = await call(api, 'DELETE', '/api/push/subscriptions', { bearer: newDeviceSecret(), body: { endpoint } });
		expect(someoneElse.status).toBe(404);
		const mine = await call(api, 'DELETE', '/api/push/subscriptions', { bearer: phone, body: { endpoint } });
		expect(mine.status).toBe(204);
	});

	it('refuses an endpoint inside our own network, and a malformed one', async () => {
		const local = await call(api, 'POST', '/api/push/subscriptions', { bearer: phone, body: subscription('https://10.0.0.5/push') });
		expect(local.status).toBe(400);
		expect(local.body.error.fields.endpoint).toBe('Notifications can only be sent through a public push service');
		const plain = await call(api, 'POST', '/api/push/subscriptions', { bearer: phone, body: subscription('http://push.example.com/x') });
		expect(plain.status).toBe(400);
		const broken = await call(api, 'POST', '/api/push/subscriptions', {
			bearer: phone,
			body: { endpoint: 'https://push.example.com/x', keys: { p256dh: 'x', auth: 'y' } }
		});
		expect(broken.status).toBe(400);
		expect(Object.keys(broken.body.error.fields)).toEqual(['keys.p256dh', 'keys.auth']);
		const anonymous = await call(api, 'POST', '/api/push/subscriptions', { body: subscription('https://push.example.com/y') });
		expect(anonymous.status).toBe(401);
	});
});

function postOnFreshConnection(path: string, body: string, bearer: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(`${api.url}${path}`, {
			method: 'POST',
			agent: false,
			headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}`, Origin: api.url }
		});
		req.on('response', (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
		});
		// The server may close before it has read everything we send: that is the point.
		req.on('error', (error) => (error.message.includes('EPIPE') || error.message.includes('ECONNRESET') ? undefined : reject(error)));
		req.end(body);
	});
}
