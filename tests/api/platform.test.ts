// The server platform under the routes: database, auth building blocks, HTTP error shapes and guards.
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../server/app';
import type { AppDeps } from '../../server/app-deps';
import { createAuthMiddlewares, type DeviceEnv, type StaffEnv } from '../../server/auth/middleware';
import { hashPassword, passwordNeedsRehash, verifyDummyPassword, verifyPassword } from '../../server/auth/passwords';
import { createSession, destroySession, lookupSession, rotateSession, SESSION_TTL_MS } from '../../server/auth/sessions';
import { loadConfig, type Config } from '../../server/config';
import { migrateToLatest } from '../../server/db/migrate';
import { ApiError } from '../../server/http/errors';
import { rateLimit, RateLimiter } from '../../server/http/rate-limit';
import { validate } from '../../server/http/validation';
import { startServer, type RunningServer } from '../../server/server';
import { createTestDatabase, createTestStaff, seedTestPrison, type TestDatabase } from '../helpers/test-database';

let database: TestDatabase;
let staticDir: string;

beforeAll(async () => {
	database = await createTestDatabase();
	staticDir = await mkdtemp(path.join(tmpdir(), 'bpv-static-'));
	// A build's client files with no server build beside them: pages are the app shell.
	const client = path.join(staticDir, 'client');
	await mkdir(path.join(client, '_app/immutable/entry'), { recursive: true });
	await writeFile(
		path.join(client, 'app-shell.html'),
		`<!doctype html><html><head><meta http-equiv="content-security-policy" content="script-src 'self' 'sha256-abc123='"></head><body>spa</body></html>`
	);
	await writeFile(path.join(client, 'service-worker.js'), 'self.addEventListener("fetch", () => {});');
	await writeFile(path.join(client, '_app/immutable/entry/start.abc.js'), 'export {};');
});

afterAll(async () => {
	await database?.close();
	if (staticDir) await rm(staticDir, { recursive: true, force: true });
});

function testConfig(env: Record<string, string> = {}): Config {
	return loadConfig({ PORT: '0', HOST: '127.0.0.1', SEED: 'none', LOG_LEVEL: 'silent', STATIC_DIR: staticDir, ...env });
}

const deviceSecret = () => randomBytes(32).toString('base64url');

describe('database', () => {
	it('has every agreed table after migrating, and migrating again changes nothing', async () => {
		const { rows } = await sql<{ tableName: string }>`
			select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%'
		`.execute(database.db);
		expect(rows.map((row) => row.tableName).sort()).toEqual(
			[
				'account_devices',
				'account_visitors',
				'accounts',
				'app_settings',
				'audit_log',
				'closed_bookings',
				'closures',
				'deliveries',
				'integration_clients',
				'integration_events',
				'integration_facts',
				'oidc_sign_ins',
				'oidc_start_tokens',
				'prison_pass_keys',
				'prisoner_allowances',
				'prisoner_bans',
				'prisoner_closed_visits',
				'prisoner_locations',
				'prisoner_non_associations',
				'prisons',
				'push_subscriptions',
				'rate_limits',
				'request_devices',
				'request_reads',
				'request_slots',
				'request_visitors',
				'review_causes',
				'slot_closed_usage',
				'slot_usage',
				'staff_password_tokens',
				'staff_prisons',
				'staff_sessions',
				'staff_users',
				'state_changes',
				'timetable_history',
				'timetable_slots',
				'visit_arrivals',
				'visit_changes',
				'visit_overrides',
				'visit_requests',
				'visitor_devices',
				'waitlist_entries'
			].sort()
		);
		const again = await migrateToLatest(database.db);
		expect(again).toEqual([]);
	});

	it('seeds a Rochester-like prison with its weekly timetable', async () => {
		const prisonId = await seedTestPrison(database.db, { code: 'SEED1' });
		const slots = await database.db
			.selectFrom('timetableSlots')
			.select(['weekday', 'startTime', 'endTime', 'capacity'])
			.where('prisonId', '=', prisonId)
			.orderBy('weekday')
			.orderBy('startTime')
			.execute();
		expect(slots).toHaveLength(8);
		expect(slots.filter((slot) => slot.weekday === 6)).toEqual([
			{ weekday: 6, startTime: '09:30', endTime: '11:30', capacity: 12 },
			{ weekday: 6, startTime: '14:00', endTime: '16:00', capacity: 20 }
		]);
	});
});

describe('passwords', () => {
	it('verifies the password that was hashed and nothing else', async () => {
		const hash = await hashPassword('correct horse battery staple');
		expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
		expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
		expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
		expect(passwordNeedsRehash(hash)).toBe(false);
	});

	it('salts every hash', async () => {
		expect(await hashPassword('same')).not.toEqual(await hashPassword('same'));
	});

	it('never matches a malformed hash, and the dummy check always fails', async () => {
		expect(await verifyPassword('x', 'plain-text')).toBe(false);
		expect(await verifyPassword('x', 'scrypt$99999999$8$1$aa$bb')).toBe(false);
		expect(await verifyDummyPassword('anything')).toBe(false);
	});
});

describe('staff sessions', () => {
	let staffId: string;
	let prisonId: string;
	const start = new Date('2026-03-02T09:00:00Z');
	const later = (ms: number) => new Date(start.getTime() + ms);

	beforeAll(async () => {
		prisonId = await seedTestPrison(database.db, { code: 'SESS' });
		const staff = await createTestStaff(database.db, {
			email: 'Officer@Prison.example',
			password: 'a long password',
			prisonIds: [prisonId],
			name: 'Officer Dibble'
		});
		staffId = staff.id;
	});

	it('finds the staff member behind a token and stores only its hash', async () => {
		const { token, expiresAt } = await createSession(database.db, staffId, start);
		expect(token).toMatch(/^[\w-]{43}$/);
		expect(expiresAt).toEqual(later(SESSION_TTL_MS));
		const found = await lookupSession(database.db, token, later(1000));
		expect(found?.staff).toEqual({
			id: staffId,
			email: 'officer@prison.example',
			name: 'Officer Dibble',
			admin: false,
			serviceAdmin: false,
			prisonIds: [prisonId]
		});
		const stored = await database.db.selectFrom('staffSessions').select('idHash').where('staffId', '=', staffId).execute();
		expect(stored.map((row) => row.idHash)).not.toContain(token);
	});

	it('expires 12 hours after the last use, sliding while in use', async () => {
		const { token } = await createSession(database.db, staffId, start);
		const hours = (h: number) => later(h * 60 * 60 * 1000);
		expect((await lookupSession(database.db, token, hours(11)))?.extended).toBe(true);
		expect(await lookupSession(database.db, token, hours(22))).not.toBeNull();
		expect(await lookupSession(database.db, token, hours(34))).toBeNull();
	});

	it('ends on logout and on rotation', async () => {
		const first = await createSession(database.db, staffId, start);
		const second = await rotateSession(database.db, first.token, staffId, start);
		expect(await lookupSession(database.db, first.token, start)).toBeNull();
		expect(await lookupSession(database.db, second.token, start)).not.toBeNull();
		await destroySession(database.db, second.token);
		expect(await lookupSession(database.db, second.token, start)).toBeNull();
		expect(await lookupSession(database.db, 'not-a-token', start)).toBeNull();
	});
});

/** A small app with the platform's middlewares and a few probe routes under /api. */
function probeApp(options: { config?: Config; clock?: () => Date } = {}) {
	return createApp({
		db: database.db,
		config: options.config ?? testConfig(),
		push: { publicKey: 'test-public-key' },
		...(options.clock ? { clock: options.clock } : {}),
		extraApiRoutes: (api: Hono, deps: AppDeps) => {
			const auth = createAuthMiddlewares(deps);
			const limiter = new RateLimiter(deps.db, 'probe', { capacity: 2, refillEveryMs: 30_000, clock: deps.clock });
			api.get('/probe/device', auth.requireDevice, (c) => c.json(c.var.device));
			api.post('/probe/device', auth.requireDevice, (c) => c.json(c.var.device));
			api.get('/probe/staff', auth.requireStaff, (c) => c.json(c.var.staff));
			api.post('/probe/write', (c) => c.json({ ok: true }));
			api.post(
				'/probe/visitors',
				validate('json', z.object({ visitors: z.array(z.object({ dateOfBirth: z.string().date('Enter a real date') })) })),
				(c) => c.json(c.req.valid('json'))
			);
			api.get('/probe/conflict', () => {
				throw ApiError.conflict('Already booked', 'state_conflict', { status: 'booked' });
			});
			api.get('/probe/bug', () => {
				throw new TypeError('secret detail for the log only');
			});
			api.get('/probe/db-down', () => {
				throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
			});
			api.get(
				'/probe/limited',
				rateLimit<DeviceEnv>(limiter, () => 'one-key'),
				(c) => c.json({ ok: true })
			);
			// Keeps the StaffEnv type honest for route authors.
			const staffOnly = new Hono<StaffEnv>().get('/', (c) => c.json({ prisons: c.var.staff.prisonIds }));
			api.route('/probe/staff-only', new Hono().use(auth.requireStaff).route('/', staffOnly));
		}
	});
}

describe('visitor devices', () => {
	it('registers a device on its first write, not on reads, and knows it afterwards', async () => {
		const app = probeApp();
		const secret = deviceSecret();
		const read = await app.request('/api/probe/device', { headers: { Authorization: `Bearer ${secret}` } });
		expect(read.status).toBe(200);
		expect(await read.json()).toEqual({ id: expect.any(String), registered: false, stored: false });

		const first = await app.request('/api/probe/device', { method: 'POST', headers: { Authorization: `Bearer ${secret}` } });
		expect(first.status).toBe(200);
		const registered = await first.json();
		expect(registered).toEqual({ id: expect.any(String), registered: true, stored: true });

		const again = await app.request('/api/probe/device', { headers: { Authorization: `Bearer ${secret}` } });
		expect(await again.json()).toEqual({ id: registered.id, registered: false, stored: true });
	});

	it('refuses a missing or malformed bearer with 401', async () => {
		const app = probeApp();
		const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer short' }, { Authorization: `Basic ${deviceSecret()}` }];
		for (const headers of attempts) {
			const response = await app.request('/api/probe/device', { headers });
			expect(response.status).toBe(401);
			expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
		}
	});
});

describe('staff cookie', () => {
	it('identifies staff from the session cookie and refuses without one', async () => {
		const prisonId = await seedTestPrison(database.db, { code: 'COOK' });
		const staff = await createTestStaff(database.db, {
			email: 'cookie@prison.example',
			password: 'another long password',
			prisonIds: [prisonId],
			name: 'Officer Cookie'
		});
		const { token } = await createSession(database.db, staff.id, new Date());
		const app = probeApp();
		const ok = await app.request('/api/probe/staff-only', { headers: { Cookie: `bpv_session=${token}` } });
		expect(await ok.json()).toEqual({ prisons: [prisonId] });
		const refused = await app.request('/api/probe/staff', { headers: { Cookie: 'bpv_session=forged' } });
		expect(refused.status).toBe(401);
		expect(refused.headers.get('set-cookie')).toMatch(/bpv_session=;/);
	});
});

describe('Origin check on writes', () => {
	const post = (app: ReturnType<typeof probeApp>, headers: Record<string, string>) =>
		app.request('/api/probe/write', { method: 'POST', headers });

	it('refuses a foreign Origin', async () => {
		const response = await post(probeApp(), { Origin: 'https://evil.example' });
		expect(response.status).toBe(403);
		expect((await response.json()).error.code).toBe('forbidden_origin');
	});

	it('accepts its own origin and configured ones', async () => {
		expect((await post(probeApp(), { Origin: 'http://localhost' })).status).toBe(200);
		const app = probeApp({ config: testConfig({ ALLOWED_ORIGINS: 'https://visits.example' }) });
		expect((await post(app, { Origin: 'https://visits.example' })).status).toBe(200);
	});

	it('refuses a cookie-carrying write without Origin, but lets a bearer-only client through', async () => {
		expect((await post(probeApp(), { Cookie: 'bpv_session=abc' })).status).toBe(403);
		expect((await post(probeApp(), { Authorization: `Bearer ${deviceSecret()}` })).status).toBe(200);
	});
});

describe('error answers', () => {
	it('answers malformed JSON with 400 in the contract shape', async () => {
		const response = await probeApp().request('/api/probe/visitors', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: '{"visitors": ['
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ error: { code: 'invalid_json', message: expect.any(String) } });
	});

	it('names invalid fields by dotted path with the schema’s message', async () => {
		const response = await probeApp().request('/api/probe/visitors', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ visitors: [{ dateOfBirth: '2001-02-30' }] })
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			error: { code: 'validation_failed', message: expect.any(String), fields: { 'visitors.0.dateOfBirth': 'Enter a real date' } }
		});
	});

	it('refuses a body over 64 KB with 413', async () => {
		const response = await probeApp().request('/api/probe/write', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ padding: 'x'.repeat(70 * 1024) })
		});
		expect(response.status).toBe(413);
		expect((await response.json()).error.code).toBe('payload_too_large');
	});

	it('answers unknown API paths with 404 JSON', async () => {
		const response = await probeApp().request('/api/no-such-thing');
		expect(response.status).toBe(404);
		expect(response.headers.get('content-type')).toMatch(/application\/json/);
		expect((await response.json()).error.code).toBe('not_found');
	});

	it('passes an ApiError through with its details', async () => {
		const response = await probeApp().request('/api/probe/conflict');
		expect(response.status).toBe(409);
		expect(await response.json()).toEqual({
			error: { code: 'state_conflict', message: 'Already booked', details: { status: 'booked' } }
		});
	});

	it('hides a bug behind a generic 500', async () => {
		const response = await probeApp().request('/api/probe/bug');
		expect(response.status).toBe(500);
		const body = await response.json();
		expect(body.error.code).toBe('internal_error');
		expect(JSON.stringify(body)).not.toContain('secret detail');
	});

	it('answers 503 with Retry-After when the database cannot be reached', async () => {
		const response = await probeApp().request('/api/probe/db-down');
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toBe('5');
	});

	it('rate limits with 429 and Retry-After', async () => {
		const app = probeApp({ clock: () => new Date('2026-01-01T00:00:00Z') });
		expect((await app.request('/api/probe/limited')).status).toBe(200);
		expect((await app.request('/api/probe/limited')).status).toBe(200);
		const limited = await app.request('/api/probe/limited');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('30');
		expect((await limited.json()).error.code).toBe('rate_limited');
	});
});

describe('security headers', () => {
	it('sends a strict CSP that allows only the build’s own inline script hash', async () => {
		const page = await probeApp().request('/some/client/route');
		const csp = page.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("script-src 'self' 'sha256-abc123='");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
		expect(page.headers.get('x-content-type-options')).toBe('nosniff');
		expect(page.headers.get('x-frame-options')).toBe('DENY');
		expect(page.headers.get('referrer-policy')).toBe('no-referrer');
		expect(page.headers.get('strict-transport-security')).toBeNull();
	});

	it('adds HSTS over HTTPS and marks the session cookie Secure there', async () => {
		const app = probeApp();
		const response = await app.request('https://visits.example/api/health');
		expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
		const signedOut = await app.request('https://visits.example/api/probe/staff', { headers: { Cookie: 'bpv_session=stale' } });
		expect(signedOut.headers.get('set-cookie')).toMatch(/bpv_session=;.*HttpOnly.*Secure.*SameSite=Strict/);
	});
});

describe('startServer', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startServer({ config: testConfig(), db: database });
	});
	afterAll(async () => {
		await server?.close();
	});

	it('serves the API over HTTP', async () => {
		const response = await fetch(`${server.url}/api/health`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ ok: true });
	});

	it('serves the PWA, answering a page with the app shell where there is no server build', async () => {
		const page = await fetch(`${server.url}/staff/requests/123`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('spa');
		expect(page.headers.get('cache-control')).toBe('no-cache');
		expect((await fetch(`${server.url}/missing.js`)).status).toBe(404);
	});

	it('never lets the service worker be cached, and caches hashed assets forever', async () => {
		const worker = await fetch(`${server.url}/service-worker.js`);
		expect(worker.headers.get('cache-control')).toBe('no-cache');
		const asset = await fetch(`${server.url}/_app/immutable/entry/start.abc.js`);
		expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
	});
});
