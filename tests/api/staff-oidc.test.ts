// Staff sign in with their organisation's account (PRODUCT.md, "Your visits on any phone; staff sign
// in with their organisation's account"): a real OpenID provider over https, the service in its own
// process trusting it through NODE_EXTRA_CA_CERTS. The verified email matches a staff user an
// administrator made; prisons and admin come from the app; everything else gets a page saying why,
// and no session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t, translate } from '../../src/lib/shared/i18n';
import { call } from '../helpers/api';
import { adminCookie, startOidcServer, staffOidcEnv, type OidcServer } from '../helpers/oidc-server';
import { RedirectBrowser } from '../helpers/redirect-browser';

let service: OidcServer;
let admin: string;
let prisonId: string;
const officer = { email: 'Sam.Officer@Prison.example', name: 'Sam Officer' };
const leaver = { email: 'gone@prison.example', name: 'Ex Officer' };

beforeAll(async () => {
	service = await startOidcServer(staffOidcEnv);
	admin = await adminCookie(service);
	prisonId = (await call(service, 'GET', '/api/prisons')).body.prisons[0].id;
	for (const user of [officer, leaver]) {
		const made = await call(service, 'POST', '/api/admin/staff', {
			cookie: admin,
			body: { email: user.email.toLowerCase(), name: user.name, prisonIds: [prisonId] }
		});
		expect(made.status).toBe(201);
		if (user === leaver)
			expect((await call(service, 'POST', `/api/admin/staff/${made.body.user.id}/deactivate`, { cookie: admin })).status).toBe(200);
	}
}, 240_000);
afterAll(async () => {
	await service?.close();
});

const isCallback = (url: URL) => url.pathname === '/api/auth/staff/callback';
/** Into the app's own pages: where a sign-in ends. */
const intoApp = (origin: string) => (url: URL) => url.origin === origin && !url.pathname.startsWith('/api/');

/** Starts a sign-in and goes through the provider; stops at its redirect back to the service. */
async function toCallback(browser: RedirectBrowser, query = '') {
	const { stoppedAt } = await browser.follow(`${service.url}/api/auth/staff/login${query}`, isCallback);
	expect(stoppedAt).not.toBeNull();
	return stoppedAt!;
}

async function sessionOf(browser: RedirectBrowser) {
	const cookie = browser.cookieHeader(service.url);
	return (await call(service, 'GET', '/api/staff/session', { cookie })).body;
}

describe('staff sign-in with an OpenID provider', () => {
	it('says which ways are on offer', async () => {
		expect((await call(service, 'GET', '/api/auth/config')).body).toEqual({ oneLogin: false, staffOidc: true, staffPasswordLogin: true });
	});

	it('signs in an officer whose verified email matches, without case, with the prisons the app gives them', async () => {
		const browser = new RedirectBrowser(service.provider.ca);
		service.provider.signInAs({ sub: 'org-user-1', email: officer.email.toUpperCase(), email_verified: true });
		const login = await browser.get(`${service.url}/api/auth/staff/login`);
		expect(login.status).toBe(302);
		const asked = new URL(login.location!);
		expect(asked.origin).toBe(service.provider.issuer);
		expect(asked.searchParams.get('code_challenge_method')).toBe('S256');
		expect(asked.searchParams.get('state')).toBeTruthy();
		expect(asked.searchParams.get('nonce')).toBeTruthy();
		// The handle cookie: HttpOnly, SameSite=Lax (the provider's redirect back is cross-site), short-lived.
		expect(login.setCookies.join('\n')).toMatch(/bpv_oidc=[^;]+;.*HttpOnly/i);
		expect(login.setCookies.join('\n')).toMatch(/SameSite=Lax/i);

		const { hops } = await browser.follow(login.location!, intoApp(service.url));
		const back = hops.at(-1)!;
		expect(back.url).toContain('/api/auth/staff/callback');
		expect(back.status).toBe(303);
		expect(back.location).toBe(`${service.url}/staff/requests`);
		expect(back.setCookies.join('\n')).toMatch(/bpv_session=[^;]+;.*HttpOnly/i);
		const session = await sessionOf(browser);
		expect(session.signedIn).toBe(true);
		expect(session.staff.email).toBe(officer.email.toLowerCase());
		expect(session.staff.admin).toBe(false);
		expect(session.staff.prisons.map((p: { id: string }) => p.id)).toEqual([prisonId]);
		// It is a staff session like any other: the queue answers.
		expect(
			(await call(service, 'GET', `/api/staff/requests?prisonId=${prisonId}`, { cookie: browser.cookieHeader(service.url) })).status
		).toBe(200);
	});

	it.each([
		['an email no staff user has', { sub: 'org-2', email: 'stranger@prison.example', email_verified: true }, 'account.page.staff.unknown'],
		['a deactivated user', { sub: 'org-3', email: leaver.email, email_verified: true }, 'account.page.staff.deactivated'],
		[
			'an email the provider has not verified',
			{ sub: 'org-4', email: officer.email, email_verified: false },
			'account.page.staff.unverified'
		],
		['no email at all', { sub: 'org-5' }, 'account.page.staff.unverified']
	] as const)('refuses %s with a 403 page saying so, and no session', async (_what, account, message) => {
		const browser = new RedirectBrowser(service.provider.ca);
		service.provider.signInAs(account);
		const { hops } = await browser.follow(`${service.url}/api/auth/staff/login`);
		const last = hops.at(-1)!;
		expect(last.status).toBe(403);
		expect(last.contentType).toMatch(/text\/html/);
		expect(last.body).toContain(t(message).replace(/'/g, '&#39;'));
		expect(last.setCookies.join('\n')).not.toMatch(/bpv_session=[^;]/);
		expect((await sessionOf(browser)).signedIn).toBe(false);
	});

	it('says it in Welsh when the sign-in started in Welsh', async () => {
		const browser = new RedirectBrowser(service.provider.ca);
		service.provider.signInAs({ sub: 'org-6', email: 'nobody@prison.example', email_verified: true });
		const { hops } = await browser.follow(`${service.url}/api/auth/staff/login?lang=cy`);
		const last = hops.at(-1)!;
		expect(last.status).toBe(403);
		expect(last.body).toContain('<html lang="cy">');
		expect(last.body).toContain(translate('cy', 'account.page.refused.title'));
		expect(service.provider.authorizations.at(-1)!.ui_locales).toBe('cy');
	});

	it('refuses a callback with a wrong or missing state, a replayed one, and a code issued to another client', async () => {
		const browser = new RedirectBrowser(service.provider.ca);
		service.provider.signInAs({ sub: 'org-1', email: officer.email, email_verified: true });

		const wrongState = new URL(await toCallback(browser));
		wrongState.searchParams.set('state', 'not-the-state');
		expect((await browser.get(wrongState.href)).status).toBe(400);

		const noState = new URL(await toCallback(browser));
		noState.searchParams.delete('state');
		expect((await browser.get(noState.href)).status).toBe(400);

		// Signed in once; the same callback again (the code and state reused) is refused.
		const good = await toCallback(browser);
		expect((await browser.get(good)).status).toBe(303);
		const signedInCookie = browser.cookieHeader(service.url);
		const replay = await browser.get(good);
		expect(replay.status).toBe(400);
		expect(replay.body).toContain(t('account.page.failed.title'));
		expect(replay.setCookies.join('\n')).not.toMatch(/bpv_session=[^;]/);
		expect(browser.cookieHeader(service.url)).toBe(signedInCookie);

		// A code the provider issued to another client (the authorization request's client_id changed).
		const fresh = new RedirectBrowser(service.provider.ca);
		const login = await fresh.get(`${service.url}/api/auth/staff/login`);
		const other = new URL(login.location!);
		other.searchParams.set('client_id', service.provider.otherClientId);
		const { stoppedAt } = await fresh.follow(other.href, isCallback);
		const refused = await fresh.get(stoppedAt!);
		expect(refused.status).toBe(400);
		expect((await sessionOf(fresh)).signedIn).toBe(false);

		// An ID token whose nonce is not the one this sign-in made.
		const nonce = new RedirectBrowser(service.provider.ca);
		const started = new URL((await nonce.get(`${service.url}/api/auth/staff/login`)).location!);
		started.searchParams.set('nonce', 'someone-elses-nonce');
		const { stoppedAt: withOtherNonce } = await nonce.follow(started.href, isCallback);
		expect((await nonce.get(withOtherNonce!)).status).toBe(400);
		expect((await sessionOf(nonce)).signedIn).toBe(false);

		// A callback with no sign-in started in this browser (no handle cookie): a forged link.
		const forger = new RedirectBrowser(service.provider.ca);
		const forged = await forger.get(await toCallback(new RedirectBrowser(service.provider.ca)));
		expect(forged.status).toBe(400);
		expect((await sessionOf(forger)).signedIn).toBe(false);

		// The provider refusing (access_denied) is a failed sign-in too.
		const denied = new URL(await toCallback(browser));
		const deniedUrl = new URL(denied.pathname, service.url);
		deniedUrl.searchParams.set('state', denied.searchParams.get('state')!);
		deniedUrl.searchParams.set('error', 'access_denied');
		expect((await browser.get(deniedUrl.href)).status).toBe(400);
	});

	it('logs no token, code or sub', () => {
		const output = service.server.output();
		expect(output).not.toMatch(/org-user-1|org-[0-9]/);
		expect(output).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
		expect(output).not.toContain(service.provider.staff.clientSecret);
	});
});

describe('with STAFF_PASSWORD_LOGIN=off', () => {
	let passwordsOff: OidcServer;
	beforeAll(async () => {
		passwordsOff = await startOidcServer((provider) => ({ ...staffOidcEnv(provider), STAFF_PASSWORD_LOGIN: 'off' }));
	}, 240_000);
	afterAll(async () => {
		await passwordsOff?.close();
	});

	it('refuses password sign-in with 403, even with the right password, and says so in /api/auth/config', async () => {
		const refused = await call(passwordsOff, 'POST', '/api/staff/login', {
			body: { email: 'staff@rochester.example', password: 'demo-admin-password-oidc' }
		});
		expect(refused.status).toBe(403);
		expect(refused.body.error.code).toBe('password_login_off');
		expect((await call(passwordsOff, 'GET', '/api/auth/config')).body.staffPasswordLogin).toBe(false);

		const browser = new RedirectBrowser(passwordsOff.provider.ca);
		passwordsOff.provider.signInAs({ sub: 'admin-at-org', email: 'staff@rochester.example', email_verified: true });
		const { hops } = await browser.follow(`${passwordsOff.url}/api/auth/staff/login`, intoApp(passwordsOff.url));
		expect(hops.at(-1)!.status).toBe(303);
		expect(
			(await call(passwordsOff, 'GET', '/api/staff/session', { cookie: browser.cookieHeader(passwordsOff.url) })).body.staff.admin
		).toBe(true);
	});
});
