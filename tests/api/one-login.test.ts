// Visitors sign in with GOV.UK One Login (PRODUCT.md, "Your visits on any phone"): a real OpenID
// provider over https playing One Login (private_key_jwt with an RSA key in PKCS#8, ES256 ID tokens,
// vtr, ui_locales), the service in its own process trusting it through NODE_EXTRA_CA_CERTS. Phones
// signed in to one account see and act on each other's requests; another account sees nothing; a
// forged or replayed callback links nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/lib/shared/i18n';
import { aVisitRequest, call, newDeviceSecret } from '../helpers/api';
import { oneLoginEnv, startOidcServer, type OidcServer } from '../helpers/oidc-server';
import { RedirectBrowser } from '../helpers/redirect-browser';

let service: OidcServer;
let prisonId: string;

beforeAll(async () => {
	service = await startOidcServer(oneLoginEnv);
	prisonId = (await call(service, 'GET', '/api/prisons')).body.prisons[0].id;
}, 240_000);
afterAll(async () => {
	await service?.close();
});

const isCallback = (url: URL) => url.pathname === '/api/auth/one-login/callback';
const intoApp = (url: URL) => url.origin === service.url && !url.pathname.startsWith('/api/');

/** What the app does: asks for a one-time link with its bearer, then the browser opens it. */
async function startLink(phone: string, language = 'en') {
	const started = await call(service, 'POST', '/api/auth/one-login/start', { bearer: phone, headers: { 'Accept-Language': language } });
	expect(started.status).toBe(200);
	expect(started.body.url).not.toContain(phone);
	return `${service.url}${started.body.url}`;
}

async function signIn(phone: string, sub: string) {
	service.provider.signInAs({ sub });
	const browser = new RedirectBrowser(service.provider.ca);
	const { hops, stoppedAt } = await browser.follow(await startLink(phone), intoApp);
	expect(hops.at(-1)!.status).toBe(303);
	expect(stoppedAt).toBe(`${service.url}/visits`);
}

const requestsOf = async (phone: string) =>
	(await call(service, 'GET', '/api/visit-requests', { bearer: phone })).body.requests as Array<{ id: string; status: string }>;
const signedIn = async (phone: string) => (await call(service, 'GET', '/api/account', { bearer: phone })).body.signedIn as boolean;

describe('GOV.UK One Login', () => {
	const firstPhone = newDeviceSecret();
	const secondPhone = newDeviceSecret();
	const strangerPhone = newDeviceSecret();
	let firstRequest: string;

	it('is offered when configured', async () => {
		expect((await call(service, 'GET', '/api/auth/config')).body.oneLogin).toBe(true);
		expect((await call(service, 'GET', '/api/account', { bearer: firstPhone })).body).toEqual({
			oneLogin: true,
			signedIn: false,
			visitors: []
		});
	});

	it('asks One Login for Cl.Cm in the page language, with PKCE, and links the phone to the account', async () => {
		const made = await call(service, 'POST', '/api/visit-requests', { bearer: firstPhone, body: aVisitRequest(prisonId) });
		expect(made.status).toBe(201);
		firstRequest = made.body.id;

		service.provider.signInAs({ sub: 'urn:fdc:gov.uk:2022:family-one' });
		const browser = new RedirectBrowser(service.provider.ca);
		const login = await browser.get(await startLink(firstPhone, 'cy'));
		expect(login.status).toBe(302);
		const asked = new URL(login.location!);
		expect(asked.searchParams.get('vtr')).toBe('["Cl.Cm"]');
		expect(asked.searchParams.get('ui_locales')).toBe('cy');
		expect(asked.searchParams.get('scope')).toBe('openid');
		expect(asked.searchParams.get('code_challenge_method')).toBe('S256');
		const { stoppedAt } = await browser.follow(login.location!, intoApp);
		expect(stoppedAt).toBe(`${service.url}/visits`);
		// The provider checked the private_key_jwt assertion; it saw vtr too.
		expect(service.provider.authorizations.at(-1)!.vtr).toBe('["Cl.Cm"]');
		expect(await signedIn(firstPhone)).toBe(true);
	});

	it('lets a second phone on the same account see and act on the first phone’s requests, and the other way round', async () => {
		await signIn(secondPhone, 'urn:fdc:gov.uk:2022:family-one');
		expect((await requestsOf(secondPhone)).map((r) => r.id)).toEqual([firstRequest]);
		const fromSecond = await call(service, 'POST', '/api/visit-requests', {
			bearer: secondPhone,
			body: aVisitRequest(prisonId, {
				visitors: [{ firstName: 'Grace', lastName: 'Hopper', dateOfBirth: '1970-12-09', phone: '07700900123' }]
			})
		});
		expect(fromSecond.status).toBe(201);
		expect((await requestsOf(firstPhone)).map((r) => r.id).sort()).toEqual([firstRequest, fromSecond.body.id].sort());
		// The demo prison books at once: the first phone's visit is booked, and the second phone cancels it.
		const cancelled = await call(service, 'POST', `/api/visit-requests/${firstRequest}/cancel`, { bearer: secondPhone });
		expect(cancelled.status).toBe(200);
		expect((await call(service, 'GET', `/api/visit-requests/${firstRequest}`, { bearer: firstPhone })).body.status).toBe('cancelled');
	});

	it('shows another account nothing of it', async () => {
		await signIn(strangerPhone, 'urn:fdc:gov.uk:2022:someone-else');
		expect(await requestsOf(strangerPhone)).toEqual([]);
		expect((await call(service, 'GET', `/api/visit-requests/${firstRequest}`, { bearer: strangerPhone })).status).toBe(404);
		expect((await call(service, 'POST', `/api/visit-requests/${firstRequest}/cancel`, { bearer: strangerPhone })).status).toBe(404);
		expect((await call(service, 'GET', '/api/account', { bearer: strangerPhone })).body.visitors).toEqual([]);
	});

	it('keeps the visitors a signed-in phone booked for, to pick from; they can be deleted; export covers the account', async () => {
		const account = (await call(service, 'GET', '/api/account', { bearer: firstPhone })).body;
		expect(account.visitors).toEqual([
			{ id: expect.any(String), firstName: 'Grace', lastName: 'Hopper', dateOfBirth: '1970-12-09', phone: '07700900123' }
		]);
		const exported = (await call(service, 'GET', '/api/visit-requests/export', { bearer: firstPhone })).body;
		expect(exported.requests).toHaveLength(2);
		expect(exported.account.visitors).toHaveLength(1);
		expect((await call(service, 'DELETE', `/api/account/visitors/${account.visitors[0].id}`, { bearer: strangerPhone })).status).toBe(404);
		expect((await call(service, 'DELETE', `/api/account/visitors/${account.visitors[0].id}`, { bearer: secondPhone })).status).toBe(204);
		expect((await call(service, 'GET', '/api/account', { bearer: firstPhone })).body.visitors).toEqual([]);
	});

	it('refuses a forged or replayed callback: nothing is linked', async () => {
		const phone = newDeviceSecret();
		await call(service, 'POST', '/api/visit-requests', { bearer: phone, body: aVisitRequest(prisonId) });
		service.provider.signInAs({ sub: 'urn:fdc:gov.uk:2022:family-one' });
		const browser = new RedirectBrowser(service.provider.ca);

		const wrongState = new URL((await browser.follow(await startLink(phone), isCallback)).stoppedAt!);
		wrongState.searchParams.set('state', 'forged');
		const refused = await browser.get(wrongState.href);
		expect(refused.status).toBe(400);
		expect(refused.body).toContain(t('account.page.failed.title'));

		// A code issued to another client.
		const other = new URL((await browser.get(await startLink(phone))).location!);
		other.searchParams.set('client_id', service.provider.otherClientId);
		expect((await browser.get((await browser.follow(other.href, isCallback)).stoppedAt!)).status).toBe(400);

		// An ID token carrying another nonce.
		const nonce = new URL((await browser.get(await startLink(phone))).location!);
		nonce.searchParams.set('nonce', 'not-this-sign-ins');
		expect((await browser.get((await browser.follow(nonce.href, isCallback)).stoppedAt!)).status).toBe(400);

		// A start link used twice.
		const link = await startLink(phone);
		expect((await browser.get(link)).status).toBe(302);
		expect((await browser.get(link)).status).toBe(400);

		expect(await signedIn(phone)).toBe(false);
		expect(await requestsOf(phone)).toHaveLength(1);

		// Signed in properly, the callback replayed afterwards changes nothing.
		const good = (await browser.follow(await startLink(phone), isCallback)).stoppedAt!;
		expect((await browser.get(good)).status).toBe(303);
		expect((await browser.get(good)).status).toBe(400);
		expect(await signedIn(phone)).toBe(true);
	});

	it('signing out unlinks the phone and revokes its credential; the account keeps what it booked', async () => {
		const out = await call(service, 'POST', '/api/auth/one-login/logout', { bearer: firstPhone });
		expect(out.body).toEqual({ signedOut: true });
		expect((await call(service, 'GET', '/api/visit-requests', { bearer: firstPhone })).status).toBe(401);
		expect((await requestsOf(secondPhone)).map((r) => r.id)).toContain(firstRequest);
		// A phone that was never signed in has nothing to sign out of, and keeps its credential.
		const never = newDeviceSecret();
		await call(service, 'POST', '/api/visit-requests', { bearer: never, body: aVisitRequest(prisonId) });
		expect((await call(service, 'POST', '/api/auth/one-login/logout', { bearer: never })).body).toEqual({ signedOut: false });
		expect(await requestsOf(never)).toHaveLength(1);
	});

	it('logs no sub, token or start link', () => {
		const output = service.server.output();
		expect(output).not.toContain('family-one');
		expect(output).not.toContain('someone-else');
		expect(output).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
		expect(output).not.toMatch(/start=/);
	});
});
