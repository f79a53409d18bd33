// What platform.test.ts and staff.test.ts leave open about the staff session: the cookie's flags
// on a real sign-in over HTTPS, rotation of a token the browser already held (a planted one too),
// the server forgetting the session at sign-out, and sign-in itself refusing a foreign Origin.
// The app is called in-process so a request can say it came over HTTPS, as behind a TLS proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app';
import { sha256Hex } from '../../server/auth/tokens';
import { loadConfig } from '../../server/config';
import { createPrison, createStaff } from '../helpers/api';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const SITE = 'https://visits.example';
let database: TestDatabase;
let app: App;
let officer: { email: string; password: string };

beforeAll(async () => {
	database = await createTestDatabase();
	app = createApp({
		db: database.db,
		config: loadConfig({ SEED: 'none', LOG_LEVEL: 'silent', STATIC_DIR: '/nonexistent' }),
		push: { publicKey: 'session-test' }
	});
	officer = await createStaff(database.db, { prisonIds: [await createPrison(database.db)] });
});
afterAll(async () => {
	await database?.close();
});

async function signIn(options: { cookie?: string; origin?: string } = {}) {
	return app.request(`${SITE}/api/staff/login`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			Origin: options.origin ?? SITE,
			...(options.cookie ? { Cookie: options.cookie } : {})
		},
		body: JSON.stringify({ email: officer.email, password: officer.password })
	});
}

const tokenOf = (response: Response) => /bpv_session=([^;]*)/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? '';
const me = (token: string) => app.request(`${SITE}/api/staff/me`, { headers: { Cookie: `bpv_session=${token}` } });
const storedSessions = async (token: string) =>
	(await database.db.selectFrom('staffSessions').select('idHash').where('idHash', '=', sha256Hex(token)).execute()).length;

describe('the staff session cookie over HTTPS', () => {
	it('is HttpOnly, SameSite=Strict, Secure and for the whole site, with HSTS on the answer', async () => {
		const response = await signIn();
		expect(response.status).toBe(200);
		const cookie = response.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^bpv_session=[\w-]{43};/);
		for (const flag of [/; HttpOnly/i, /; Secure/i, /; SameSite=Strict/i, /; Path=\//i]) expect(cookie).toMatch(flag);
		expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
	});

	it('is a new token at every sign-in: the one the browser held, even a planted one, stops working', async () => {
		const first = tokenOf(await signIn());
		const second = tokenOf(await signIn({ cookie: `bpv_session=${first}` }));
		expect(second).not.toBe(first);
		expect((await me(first)).status).toBe(401);
		expect(await storedSessions(first)).toBe(0);
		expect((await me(second)).status).toBe(200);

		const planted = 'planted-by-an-attacker-aaaaaaaaaaaaaaaaaaaaaa';
		const afterPlant = tokenOf(await signIn({ cookie: `bpv_session=${planted}` }));
		expect(afterPlant).not.toBe(planted);
		expect(afterPlant).toMatch(/^[\w-]{43}$/);
	});

	it('is forgotten by the server at sign-out, so a copy of it is worthless', async () => {
		const token = tokenOf(await signIn());
		expect(await storedSessions(token)).toBe(1);
		const out = await app.request(`${SITE}/api/staff/logout`, {
			method: 'POST',
			headers: { Origin: SITE, Cookie: `bpv_session=${token}` }
		});
		expect(out.status).toBe(200);
		expect(out.headers.get('set-cookie')).toMatch(/bpv_session=;.*Max-Age=0/i);
		expect(await storedSessions(token)).toBe(0);
		expect((await me(token)).status).toBe(401);
	});

	it('is not given to a sign-in from a foreign Origin (login CSRF)', async () => {
		const response = await signIn({ origin: 'https://evil.example' });
		expect(response.status).toBe(403);
		expect(response.headers.get('set-cookie')).toBeNull();
		expect((await response.json()).error.code).toBe('forbidden_origin');
	});
});
