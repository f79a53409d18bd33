// Property-based fuzzing of every write endpoint: valid bodies mutated with wrong types, missing
// fields, huge and odd strings, prototype-pollution keys, SQL fragments and impossible dates, sent
// with odd headers, credentials, origins and query strings. Whatever arrives, the API never answers
// 5xx, every 4xx has the contract's error shape, and a refused call leaves the database as it was.
//
// The app is called in-process (app.request): the same middlewares and routes as over HTTP,
// without sockets, so 10,000+ calls take about a minute on either database.
import { createECDH, randomBytes } from 'node:crypto';
import { parse as legacyParse } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createApp, type App } from '../../server/app';
import { sha256Hex } from '../../server/auth/tokens';
import { loadConfig } from '../../server/config';
import { aVisitRequest, bookableDate, createPrison, createStaff, newDeviceSecret } from '../helpers/api';
import { fingerprint, nextTransactionId, type Fingerprint } from '../helpers/db-fingerprint';
import {
	bodyPlan,
	bodyText,
	contentType,
	nastyString,
	queryString,
	trickyEndpoint,
	type BodyPlan,
	type Json
} from '../helpers/fuzz-arbitraries';
import { DEFAULT_PUSH_ALLOWED_HOSTS, hostAllowed } from '../../server/push/endpoint-policy';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// FUZZ_RUNS_PER_ENDPOINT shortens a run while debugging; the last test then fails on the total.
const RUNS_PER_ENDPOINT = Number(process.env.FUZZ_RUNS_PER_ENDPOINT ?? 600);
const ENDPOINTS = 21;
const MIN_CALLS = 10_000;
/** Registered phones: submits are limited per device, so spread them to reach validation. */
const DEVICE_POOL = 200;
const OWN_ORIGIN = 'http://localhost';

// A clock that stands still: no rate-limit refill, no session sliding, no "last seen" touch,
// so the only writes are the ones the calls themselves make.
const NOW = new Date();
const clock = () => NOW;

let database: TestDatabase;
let app: App;
let prisonId: string;
let otherPrisonId: string;
let staffCookie: string;
const devices: string[] = [];
const requestIds: string[] = [];
const bookedIds: string[] = [];
let otherPrisonRequestId: string;
let pushEndpoint: string;
let closureDate: string;
let lastPrint: Partial<Fingerprint>;
let lastXid: string;
let calls = 0;
const serverErrors: string[] = [];
const rejectedUnchanged = { count: 0 };

async function appCall(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
	return app.request(path, { method, headers: init.headers ?? {}, ...(init.body === undefined ? {} : { body: init.body }) });
}

beforeAll(async () => {
	database = await createTestDatabase();
	const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', SEED: 'none', LOG_LEVEL: 'silent', STATIC_DIR: '/nonexistent' });
	// Errors the server logs, so a failing run says what broke (the log has no personal data).
	const logger = pino({ level: 'warn' }, new Writable({ write: (chunk, _encoding, done) => (serverErrors.push(String(chunk)), done()) }));
	app = createApp({ db: database.db, config, clock, logger, push: { publicKey: 'fuzz-public-key' } });
	prisonId = await createPrison(database.db);
	otherPrisonId = await createPrison(database.db);
	const staff = await createStaff(database.db, { prisonIds: [prisonId] });
	const json = { 'Content-Type': 'application/json', Origin: OWN_ORIGIN };
	const login = await appCall('POST', '/api/staff/login', {
		headers: json,
		body: JSON.stringify({ email: staff.email, password: staff.password })
	});
	expect(login.status).toBe(200);
	staffCookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

	for (let i = 0; i < DEVICE_POOL; i += 1) devices.push(newDeviceSecret());
	await database.db
		.insertInto('visitorDevices')
		.values(devices.map((secret) => ({ secretHash: sha256Hex(secret), createdAt: NOW, lastSeenAt: NOW })))
		.execute();

	const submit = async (forPrison: string, secret: string, weekday: number) => {
		const body = aVisitRequest(forPrison, { slots: [{ date: bookableDate(weekday, NOW), start: '14:00' }] });
		const response = await appCall('POST', '/api/visit-requests', {
			headers: { ...json, Authorization: `Bearer ${secret}` },
			body: JSON.stringify(body)
		});
		expect(response.status).toBe(201);
		return body;
	};
	for (let i = 0; i < 8; i += 1) requestIds.push((await submit(prisonId, devices[i % 4]!, 1 + (i % 7))).id);
	for (const id of requestIds.slice(0, 3)) {
		const stored = await database.db
			.selectFrom('requestSlots')
			.select(['date', 'startTime'])
			.where('requestId', '=', id)
			.executeTakeFirstOrThrow();
		const confirmed = await appCall('POST', `/api/staff/requests/${id}/confirm`, {
			headers: { ...json, Cookie: staffCookie },
			body: JSON.stringify({ slot: { date: stored.date, start: stored.startTime } })
		});
		expect(confirmed.status).toBe(200);
		bookedIds.push(id);
	}
	otherPrisonRequestId = (await submit(otherPrisonId, devices[5]!, 3)).id;

	pushEndpoint = `https://fcm.googleapis.com/fcm/send/${randomBytes(8).toString('hex')}`;
	const subscribed = await appCall('POST', '/api/push/subscriptions', {
		headers: { ...json, Authorization: `Bearer ${devices[1]}` },
		body: JSON.stringify({ endpoint: pushEndpoint, keys: browserKeys() })
	});
	expect(subscribed.status).toBe(201);

	// A Friday: no booked visit falls on it (a closure over one would be 409 closure_hits_visits).
	closureDate = bookableDate(5, NOW);
	const closed = await appCall('POST', `/api/staff/prisons/${prisonId}/closures`, {
		headers: { ...json, Cookie: staffCookie },
		body: JSON.stringify({ date: closureDate, reason: 'Staff training' })
	});
	expect(closed.status).toBe(201);
	lastPrint = await fingerprint(database.db);
	lastXid = await nextTransactionId(database.db);
}, 120_000);

afterAll(async () => {
	await database?.close();
});

function browserKeys() {
	return { p256dh: createECDH('prime256v1').generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

/** A URL can only carry well-formed Unicode: lone surrogates become U+FFFD, as a browser would send them. */
const wellFormed = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

/** What HTTP can carry in a header value: no control characters, nothing beyond Latin-1. */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e\x80-\xff]/g, '?').trim();

// ── Who calls ────────────────────────────────────────────────────────────────────────────────────

type Credential =
	| { kind: 'device'; index: number }
	| { kind: 'fresh-device' }
	| { kind: 'staff' }
	| { kind: 'raw'; header: string; value: string }
	| { kind: 'none' };

const deviceCredential: fc.Arbitrary<Credential> = fc.oneof(
	{ weight: 12, arbitrary: fc.nat({ max: DEVICE_POOL - 1 }).map((index) => ({ kind: 'device' as const, index })) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'fresh-device' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'staff' as const }) },
	{
		weight: 2,
		arbitrary: fc
			.oneof(
				fc.constantFrom('Bearer short', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'A'.repeat(44)}`, 'Bearer null'),
				nastyString.map((s) => `Bearer ${s}`)
			)
			.map((value) => ({ kind: 'raw' as const, header: 'Authorization', value }))
	}
);

const staffCredential: fc.Arbitrary<Credential> = fc.oneof(
	{ weight: 12, arbitrary: fc.constant({ kind: 'staff' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
	{ weight: 1, arbitrary: fc.nat({ max: DEVICE_POOL - 1 }).map((index) => ({ kind: 'device' as const, index })) },
	{
		weight: 2,
		arbitrary: fc
			.oneof(
				fc.constantFrom('bpv_session=', 'bpv_session=forged', 'bpv_session="; drop table x', 'other=1'),
				nastyString.map((s) => `bpv_session=${encodeURIComponent(wellFormed(s))}`)
			)
			.map((value) => ({ kind: 'raw' as const, header: 'Cookie', value }))
	}
);

/** Origin: usually our own, as the PWA sends; sometimes absent, foreign or odd. */
const origin: fc.Arbitrary<string | undefined> = fc.oneof(
	{ weight: 8, arbitrary: fc.constant(OWN_ORIGIN) },
	{
		weight: 2,
		arbitrary: fc.constantFrom<string | undefined>(undefined, 'https://evil.example', 'null', 'http://localhost:1', 'http://LOCALHOST')
	}
);

function headersFor(
	credential: Credential,
	originValue: string | undefined,
	type: string | undefined
): { headers: Record<string, string>; fresh: boolean } {
	const headers: Record<string, string> = {};
	if (type !== undefined) headers['Content-Type'] = type;
	if (originValue !== undefined) headers.Origin = originValue;
	let fresh = false;
	switch (credential.kind) {
		case 'device':
			headers.Authorization = `Bearer ${devices[credential.index]}`;
			break;
		case 'fresh-device':
			headers.Authorization = `Bearer ${newDeviceSecret()}`;
			fresh = true;
			break;
		case 'staff':
			headers.Cookie = staffCookie;
			break;
		case 'raw':
			headers[credential.header] = headerSafe(credential.value);
			break;
		case 'none':
			break;
	}
	return { headers, fresh };
}

// ── Which resource ───────────────────────────────────────────────────────────────────────────────

const requestIdInPath = fc.oneof(
	{
		weight: 6,
		arbitrary: fc
			.constantFrom(...Array.from({ length: 12 }, (_, i) => i))
			.map((i) => () => [...requestIds, ...bookedIds, otherPrisonRequestId][i % 12]!)
	},
	{ weight: 2, arbitrary: fc.uuid().map((id) => () => id) },
	{ weight: 2, arbitrary: nastyString.map((s) => () => encodeURIComponent(wellFormed(s.slice(0, 200))) || 'x') }
);

const prisonIdInPath = fc.oneof(
	{ weight: 8, arbitrary: fc.constant(() => prisonId) },
	{ weight: 1, arbitrary: fc.constant(() => otherPrisonId) },
	{ weight: 1, arbitrary: fc.uuid().map((id) => () => id) },
	{ weight: 2, arbitrary: nastyString.map((s) => () => encodeURIComponent(wellFormed(s.slice(0, 200))) || 'x') }
);

interface Endpoint {
	name: string;
	method: string;
	path: fc.Arbitrary<() => string>;
	seed: () => Json;
	credential: fc.Arbitrary<Credential>;
}

const fixed = (path: string) => fc.constant(() => path);
const under = (ids: fc.Arbitrary<() => string>, make: (id: string) => string) => ids.map((id) => () => make(id()));
const aSlot = () => ({ date: bookableDate(6, NOW), start: '14:00' });

const endpoints: Endpoint[] = [
	{
		name: 'POST /api/visit-requests',
		method: 'POST',
		path: fixed('/api/visit-requests'),
		seed: () => {
			const body = aVisitRequest(prisonId, {
				slots: [aSlot(), { date: bookableDate(7, NOW), start: '14:00' }],
				additionalSupport: 'Step-free access'
			});
			body.visitors.push({ firstName: 'Tom', lastName: 'Lovelace', dateOfBirth: '2015-06-01' });
			return body as unknown as Json;
		},
		credential: deviceCredential
	},
	{
		name: 'POST /api/visit-requests/:id/withdraw',
		method: 'POST',
		path: under(requestIdInPath, (id) => `/api/visit-requests/${id}/withdraw`),
		seed: () => ({}),
		credential: deviceCredential
	},
	{
		name: 'POST /api/visit-requests/:id/cancel',
		method: 'POST',
		path: under(requestIdInPath, (id) => `/api/visit-requests/${id}/cancel`),
		seed: () => ({}),
		credential: deviceCredential
	},
	// Changing a booked visit.
	{
		name: 'POST /api/visit-requests/:id/change',
		method: 'POST',
		path: under(requestIdInPath, (id) => `/api/visit-requests/${id}/change`),
		seed: () => ({
			slots: [
				{ date: bookableDate(2, NOW), start: '14:00' },
				{ date: bookableDate(3, NOW), start: '14:00' }
			]
		}),
		credential: deviceCredential
	},
	{
		name: 'POST /api/visit-requests/:id/change/withdraw',
		method: 'POST',
		path: under(requestIdInPath, (id) => `/api/visit-requests/${id}/change/withdraw`),
		seed: () => ({}),
		credential: deviceCredential
	},
	{
		name: 'POST /api/staff/requests/:id/change/confirm',
		method: 'POST',
		path: under(requestIdInPath, (id) => `/api/staff/requests/${id}/change/confirm`),
		seed: () => ({ slot: { date: bookableDate(2, NOW), start: '14:00' }, message: 'Moved' }),
		credential: staffCredential
	},
	{
		name: 'POST /api/staff/requests/:id/change/reject',
		method: 'POST',
		path: under(requestIdInPath, (id) => `/api/staff/requests/${id}/change/reject`),
		seed: () => ({ reasons: ['slot_unavailable', 'other'], message: 'Full that day' }),
		credential: staffCredential
	},
	{
		name: 'POST /api/push/subscriptions',
		method: 'POST',
		path: fixed('/api/push/subscriptions'),
		seed: () => ({
			endpoint: `https://fcm.googleapis.com/fcm/send/${randomBytes(6).toString('hex')}`,
			expirationTime: null,
			keys: browserKeys()
		}),
		credential: fc.oneof(deviceCredential, staffCredential)
	},
	{
		name: 'DELETE /api/push/subscriptions',
		method: 'DELETE',
		path: fixed('/api/push/subscriptions'),
		seed: () => ({ endpoint: pushEndpoint }),
		credential: deviceCredential
	},
	{
		name: 'POST /api/staff/login',
		method: 'POST',
		path: fixed('/api/staff/login'),
		seed: () => ({ email: 'officer@prison.example', password: 'a long password' }),
		credential: fc.constant({ kind: 'none' as const })
	},
	{
		name: 'POST /api/staff/requests/:id/confirm',
		method: 'POST',
		path: under(requestIdInPath, (id) => `/api/staff/requests/${id}/confirm`),
		seed: () => ({ slot: aSlot(), excludedVisitors: [1], message: 'See you then' }),
		credential: staffCredential
	},
	{
		name: 'POST /api/staff/requests/:id/reject',
		method: 'POST',
		path: under(requestIdInPath, (id) => `/api/staff/requests/${id}/reject`),
		seed: () => ({ reasons: ['no_allowance', 'other'], message: 'Please call us' }),
		credential: staffCredential
	},
	{
		name: 'POST /api/staff/requests/:id/cancel',
		method: 'POST',
		path: under(requestIdInPath, (id) => `/api/staff/requests/${id}/cancel`),
		seed: () => ({ reason: 'other', message: 'The hall is flooded' }),
		credential: staffCredential
	},
	{
		name: 'POST /api/staff/requests/:id/arrival',
		method: 'POST',
		path: under(requestIdInPath, (id) => `/api/staff/requests/${id}/arrival`),
		seed: () => ({ arrivedAt: NOW.toISOString(), visitors: [0, 1] }),
		credential: staffCredential
	},
	{
		name: 'PUT /api/staff/prisons/:prisonId/timetable',
		method: 'PUT',
		path: under(prisonIdInPath, (id) => `/api/staff/prisons/${id}/timetable`),
		seed: () => ({
			slots: [
				{ weekday: 1, start: '14:00', end: '16:00', capacity: 20 },
				{ weekday: 6, start: '09:30', end: '11:30', capacity: 12 }
			]
		}),
		credential: staffCredential
	},
	{
		name: 'POST /api/staff/prisons/:prisonId/closures',
		method: 'POST',
		path: under(prisonIdInPath, (id) => `/api/staff/prisons/${id}/closures`),
		seed: () => ({ date: bookableDate(4, NOW), start: '14:00', reason: 'Staff training' }),
		credential: staffCredential
	},
	{
		name: 'PATCH /api/staff/prisons/:prisonId',
		method: 'PATCH',
		path: under(prisonIdInPath, (id) => `/api/staff/prisons/${id}`),
		seed: () => ({ onlineBooking: true, onlineBookingMessage: 'Open again on Monday' }),
		credential: staffCredential
	},
	{
		name: 'PUT /api/staff/prisons/:prisonId/prisoners/:number/closed-visits',
		method: 'PUT',
		path: under(prisonIdInPath, (id) => `/api/staff/prisons/${id}/prisoners/A1234BC/closed-visits`),
		seed: () => ({ closedVisitsOnly: true, reason: 'Security review' }),
		credential: staffCredential
	},
	{
		name: 'POST /api/staff/set-password',
		method: 'POST',
		path: fixed('/api/staff/set-password'),
		seed: () => ({ token: randomBytes(32).toString('base64url'), password: 'a long new password' }),
		credential: fc.constant({ kind: 'none' as const })
	},
	{
		name: 'POST /api/admin/prisons',
		method: 'POST',
		path: fixed('/api/admin/prisons'),
		seed: () => ({ code: 'FUZ', name: 'HMP Fuzz', address: '1 Road', timeZone: 'Europe/London', leadDays: 3 }),
		credential: staffCredential
	},
	{
		name: 'DELETE /api/staff/prisons/:prisonId/closures',
		method: 'DELETE',
		path: under(prisonIdInPath, (id) => `/api/staff/prisons/${id}/closures`),
		seed: () => ({ date: closureDate }),
		credential: staffCredential
	}
];

// ── The properties ──────────────────────────────────────────────────────────────────────────────

const ERROR_KEYS = new Set(['code', 'message', 'fields', 'details', 'visits']);

/** The contract's error shape: {"error":{"code","message","fields"?}} and nothing else at the top. */
function expectErrorShape(status: number, text: string, where: string): void {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new Error(`${where}: ${status} with a body that is not JSON: ${text.slice(0, 200)}`);
	}
	const body = parsed as { error?: { code?: unknown; message?: unknown; fields?: unknown; details?: unknown } };
	expect(Object.keys(body), where).toEqual(['error']);
	const error = body.error!;
	expect(typeof error.code === 'string' && error.code.length > 0, `${where}: code`).toBe(true);
	expect(typeof error.message === 'string' && error.message.length > 0, `${where}: message`).toBe(true);
	expect(
		Object.keys(error).filter((key) => !ERROR_KEYS.has(key)),
		where
	).toEqual([]);
	if (error.fields !== undefined) {
		expect(typeof error.fields === 'object' && error.fields !== null && !Array.isArray(error.fields), `${where}: fields`).toBe(true);
		for (const [field, message] of Object.entries(error.fields as Record<string, unknown>)) {
			expect(typeof message === 'string' && message.length > 0, `${where}: fields.${field}`).toBe(true);
		}
	}
	// details only say who decided first (409), never echo the input.
	if (error.details !== undefined) expect(status, `${where}: details`).toBe(409);
}

const deviceCount = (print: Partial<Fingerprint>) => Number((print.visitor_devices ?? '0:').split(':')[0]);
const withoutDevices = ({ visitor_devices: _ignored, ...rest }: Partial<Fingerprint>) => rest;

async function fuzzOne(
	endpoint: Endpoint,
	pathOf: () => string,
	query: string,
	credential: Credential,
	originValue: string | undefined,
	type: string | undefined,
	plan: BodyPlan
): Promise<void> {
	const path = `${pathOf()}${query}`;
	const { headers, fresh } = headersFor(credential, originValue, type);
	const body = bodyText(endpoint.seed(), plan);
	const response = await appCall(endpoint.method, path, { headers, ...(body === undefined ? {} : { body }) });
	calls += 1;
	const text = await response.text();
	const where = `${endpoint.method} ${path.slice(0, 120)} → ${response.status}`;
	expect(response.status, `${where}: ${text.slice(0, 300)} ${serverErrors.at(-1) ?? ''}`).toBeLessThan(500);
	const xid = await nextTransactionId(database.db);
	const after = xid === lastXid ? lastPrint : await fingerprint(database.db);
	if (response.status >= 400) {
		expectErrorShape(response.status, text, where);
		// Refused: nothing written. The one exception is the caller's own phone being registered on
		// first sight (a new well-formed bearer), which happens before the body is even read.
		expect(withoutDevices(after), `${where}: the database changed`).toEqual(withoutDevices(lastPrint));
		expect(deviceCount(after) - deviceCount(lastPrint), `${where}: devices`).toBeLessThanOrEqual(fresh ? 1 : 0);
		expect(deviceCount(after)).toBeGreaterThanOrEqual(deviceCount(lastPrint));
		rejectedUnchanged.count += 1;
	}
	lastPrint = after;
	lastXid = xid;
}

describe('fuzzing every write endpoint', () => {
	if (endpoints.length !== ENDPOINTS) throw new Error(`expected ${ENDPOINTS} endpoints, found ${endpoints.length}`);

	for (const endpoint of endpoints) {
		it(`${endpoint.name}: never 5xx, always the error shape, nothing written when refused`, async () => {
			await fc.assert(
				fc.asyncProperty(
					endpoint.path,
					queryString,
					endpoint.credential,
					origin,
					contentType,
					bodyPlan,
					(pathOf, query, credential, originValue, type, plan) => fuzzOne(endpoint, pathOf, query, credential, originValue, type, plan)
				),
				{ numRuns: RUNS_PER_ENDPOINT }
			);
		}, 180_000);
	}

	it('push endpoints that URL parsers read differently: refused, or stored as a push service host both parsers agree on', async () => {
		await fc.assert(
			fc.asyncProperty(trickyEndpoint, fc.nat({ max: DEVICE_POOL - 1 }), async (endpoint, device) => {
				const response = await appCall('POST', '/api/push/subscriptions', {
					headers: { 'Content-Type': 'application/json', Origin: OWN_ORIGIN, Authorization: `Bearer ${devices[device]}` },
					body: JSON.stringify({ endpoint, keys: browserKeys() })
				});
				calls += 1;
				const text = await response.text();
				expect(response.status, `${endpoint} → ${text.slice(0, 200)}`).toBeLessThan(500);
				if (response.status >= 400) {
					expectErrorShape(response.status, text, endpoint);
					return;
				}
				const { id } = JSON.parse(text) as { id: string };
				const row = await database.db.selectFrom('pushSubscriptions').select('endpoint').where('id', '=', id).executeTakeFirstOrThrow();
				const whatwg = new URL(row.endpoint);
				const legacy = legacyParse(row.endpoint);
				expect(legacy.hostname, endpoint).toBe(whatwg.hostname);
				expect(legacy.port ?? '', endpoint).toBe('');
				expect(hostAllowed(whatwg.hostname, DEFAULT_PUSH_ALLOWED_HOSTS), endpoint).toBe(true);
				await database.db.deleteFrom('pushSubscriptions').where('id', '=', id).execute();
			}),
			{ numRuns: 400 }
		);
		lastPrint = await fingerprint(database.db);
		lastXid = await nextTransactionId(database.db);
	}, 180_000);

	it(`made at least ${MIN_CALLS} calls, most of them refused, and polluted no prototype`, () => {
		expect(calls).toBeGreaterThanOrEqual(MIN_CALLS);
		expect(rejectedUnchanged.count).toBeGreaterThan(MIN_CALLS / 2);
		expect(Object.keys(Object.prototype)).toEqual([]);
		expect(({} as Record<string, unknown>).admin).toBeUndefined();
	});
});
