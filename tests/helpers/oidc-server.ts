// The service as a child process beside a test OpenID provider, trusting the provider's certificate
// through NODE_EXTRA_CA_CERTS (PRODUCT.md): Node reads that variable only when a process starts, so the
// server cannot be the test's own process. Its database is its own (a PGlite folder, or a fresh
// PostgreSQL database when DATABASE_URL is set); staff users are made through the admin API, signed in
// as the demo administrator.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { call } from './api';
import { apiChecker } from './openapi-check';
import { startTestProvider, type TestProvider } from './oidc-provider';
import { freePort, startServerProcess, type ServerProcess } from './server-process';
import { createTestDatabase } from './test-database';

export const DEMO_ADMIN = { email: 'staff@rochester.example', password: 'demo-admin-password-oidc' };

export interface OidcServer {
	url: string;
	server: ServerProcess;
	provider: TestProvider;
	close(): Promise<void>;
}

export async function startOidcServer(env: (provider: TestProvider) => Record<string, string>): Promise<OidcServer> {
	const cleanups: Array<() => Promise<unknown>> = [];
	// The answer checker builds the app in this process on first use, which takes seconds on a busy
	// machine: done first, so it does not idle a kept-alive connection past the server's timeout.
	await apiChecker();
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const provider = await startTestProvider({ redirectOrigins: [url] });
	cleanups.push(() => provider.close());
	let databaseEnv: Record<string, string>;
	if (process.env.DATABASE_URL) {
		const database = await createTestDatabase();
		cleanups.push(() => database.close());
		databaseEnv = { DATABASE_URL: database.url! };
	} else {
		const folder = await mkdtemp(path.join(tmpdir(), 'bpv-oidc-'));
		cleanups.push(() => rm(folder, { recursive: true, force: true }));
		databaseEnv = { DATA_DIR: path.join(folder, 'data') };
	}
	const server = await startServerProcess({
		port,
		env: {
			...databaseEnv,
			SEED: 'demo',
			DEMO_STAFF_PASSWORD: DEMO_ADMIN.password,
			LOG_LEVEL: 'debug',
			NODE_EXTRA_CA_CERTS: provider.certPath,
			...env(provider)
		},
		timeoutMs: 180_000
	});
	cleanups.push(() => server.stop());
	return {
		url,
		server,
		provider,
		close: async () => {
			for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
		}
	};
}

export const staffOidcEnv = (provider: TestProvider) => ({
	STAFF_OIDC_ISSUER: provider.issuer,
	STAFF_OIDC_CLIENT_ID: provider.staff.clientId,
	STAFF_OIDC_CLIENT_SECRET: provider.staff.clientSecret
});

export const oneLoginEnv = (provider: TestProvider) => ({
	ONE_LOGIN_ISSUER: provider.issuer,
	ONE_LOGIN_CLIENT_ID: provider.oneLogin.clientId,
	// As an env file would hold it: one line.
	ONE_LOGIN_PRIVATE_KEY: provider.oneLogin.privateKeyPem.replace(/\n/g, '\\n')
});

/** The demo administrator's session cookie (password sign-in must be on). */
export async function adminCookie(api: { url: string }): Promise<string> {
	const response = await call(api, 'POST', '/api/staff/login', { body: DEMO_ADMIN });
	if (response.status !== 200) throw new Error(`admin sign-in failed: ${response.status}`);
	return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}
