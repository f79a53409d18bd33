// Behind a TLS-terminating proxy: the browser is on https://proxy, the server hears
// plain http. With TRUST_PROXY the Origin check, the Secure cookie and HSTS follow the proxy's
// X-Forwarded-Proto/-Host; without it those headers are ignored and the https Origin is refused.
// With PUBLIC_URL the Origin is compared with it, never with Host (DNS rebinding).
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrison, createStaff, startTestApi, type TestApi } from '../helpers/api';
import type { TestStaff } from '../helpers/test-database';
import { startTlsProxy, type TlsProxy } from '../helpers/tls-proxy';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

async function serverWithOfficer(env: Record<string, string>): Promise<{ api: TestApi; officer: TestStaff }> {
	const api = await startTestApi({ env });
	cleanups.push(() => api.close());
	const prisonId = await createPrison(api.db);
	return { api, officer: await createStaff(api.db, { prisonIds: [prisonId] }) };
}

async function proxyFor(api: TestApi): Promise<TlsProxy> {
	const proxy = await startTlsProxy(api);
	cleanups.push(() => proxy.close());
	return proxy;
}

const loginBody = (officer: TestStaff, password = officer.password) => JSON.stringify({ email: officer.email, password });

/** A plain http request straight to the server with any Host (fetch will not send a chosen Host). */
function direct(api: TestApi, headers: Record<string, string>, body: string): Promise<{ status: number; headers: IncomingHttpHeaders }> {
	const url = new URL(api.url);
	return new Promise((resolve, reject) => {
		const outgoing = httpRequest(
			{
				host: url.hostname,
				port: url.port,
				method: 'POST',
				path: '/api/staff/login',
				headers: { 'Content-Type': 'application/json', ...headers }
			},
			(answer) => {
				answer.resume();
				answer.on('end', () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers }));
			}
		);
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

const sessionCookie = (headers: IncomingHttpHeaders) => (headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith('bpv_session='));

describe('a TLS-terminating proxy in front of the server', () => {
	it('with TRUST_PROXY: sign-in through https works, the cookie is Secure and HSTS is sent', async () => {
		const { api, officer } = await serverWithOfficer({ TRUST_PROXY: '1' });
		const proxy = await proxyFor(api);
		const answer = await proxy.request('POST', '/api/staff/login', {
			headers: { 'Content-Type': 'application/json', Origin: proxy.url },
			body: loginBody(officer)
		});
		expect(answer.status, answer.body).toBe(200);
		const cookie = sessionCookie(answer.headers);
		expect(cookie).toBeDefined();
		expect(cookie).toMatch(/;\s*Secure/i);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(answer.headers['strict-transport-security']).toMatch(/max-age=\d+/);

		// The session works through the proxy, and signing out clears it, Secure too.
		const token = cookie!.split(';')[0]!;
		const me = await proxy.request('GET', '/api/staff/me', { headers: { Cookie: token } });
		expect(me.status).toBe(200);
		const out = await proxy.request('POST', '/api/staff/logout', { headers: { Cookie: token, Origin: proxy.url } });
		expect(out.status).toBe(200);
		expect(sessionCookie(out.headers)).toMatch(/;\s*Secure/i);

		// Another site's page, through the same proxy, is still refused.
		const forged = await proxy.request('POST', '/api/staff/login', {
			headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
			body: loginBody(officer)
		});
		expect(forged.status).toBe(403);
	});

	it('without TRUST_PROXY: the forwarded headers are ignored, so the https Origin is refused and no HSTS', async () => {
		const { api, officer } = await serverWithOfficer({});
		const proxy = await proxyFor(api);
		const answer = await proxy.request('POST', '/api/staff/login', {
			headers: { 'Content-Type': 'application/json', Origin: proxy.url },
			body: loginBody(officer)
		});
		expect(answer.status).toBe(403);
		expect(JSON.parse(answer.body).error.code).toBe('forbidden_origin');
		expect(answer.headers['strict-transport-security']).toBeUndefined();
		expect(sessionCookie(answer.headers)).toBeUndefined();

		// Nor can a caller talking to the server directly claim https by sending the headers itself.
		const spoofed = await direct(
			api,
			{ 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'visits.example', Origin: 'https://visits.example' },
			loginBody(officer)
		);
		expect(spoofed.status).toBe(403);
		expect(spoofed.headers['strict-transport-security']).toBeUndefined();
	});
});

describe('PUBLIC_URL', () => {
	it('is what the Origin is compared with, not Host: Host evil.example with a matching Origin is refused', async () => {
		// Without PUBLIC_URL the server can only trust Host, and a rebinding page passes (the hole).
		const plain = await serverWithOfficer({});
		const rebound = await direct(
			plain.api,
			{ Host: 'evil.example', Origin: 'http://evil.example' },
			loginBody(plain.officer, 'wrong-password')
		);
		expect(rebound.status).toBe(401);

		const { api, officer } = await serverWithOfficer({ PUBLIC_URL: 'https://visits.example' });
		const refused = await direct(api, { Host: 'evil.example', Origin: 'http://evil.example' }, loginBody(officer));
		expect(refused.status).toBe(403);
		const ownHost = await direct(api, { Origin: api.url }, loginBody(officer));
		expect(ownHost.status).toBe(403);

		// The public origin signs in; it is https, so the cookie is Secure and HSTS is sent.
		const signedIn = await direct(api, { Host: 'visits.example', Origin: 'https://visits.example' }, loginBody(officer));
		expect(signedIn.status).toBe(200);
		expect(sessionCookie(signedIn.headers)).toMatch(/;\s*Secure/i);
		expect(signedIn.headers['strict-transport-security']).toMatch(/max-age=\d+/);
	});

	it('over http does not make the cookie Secure or send HSTS', async () => {
		const { api, officer } = await serverWithOfficer({ PUBLIC_URL: 'http://visits.internal:8080' });
		const signedIn = await direct(api, { Origin: 'http://visits.internal:8080' }, loginBody(officer));
		expect(signedIn.status).toBe(200);
		expect(sessionCookie(signedIn.headers)).not.toMatch(/Secure/i);
		expect(signedIn.headers['strict-transport-security']).toBeUndefined();
	});
});
