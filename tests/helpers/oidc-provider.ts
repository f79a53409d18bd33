// A real OpenID provider (oidc-provider) over https on 127.0.0.1, with a self-signed certificate
// (tests/helpers/push-endpoint.ts's): the server process trusts it through NODE_EXTRA_CA_CERTS, as
// PRODUCT.md says. It plays an organisation's provider (client secret, RS256 ID tokens) and GOV.UK One
// Login (private_key_jwt, ES256 ID tokens, vtr), and a third client whose codes the service must refuse.
// Who signs in is the test's choice (`signInAs`): the interaction page logs that account in and grants
// the scopes at once, so a browser or a test's own requests go straight through the redirects.
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import Provider, { type ClientMetadata } from 'oidc-provider';
import { selfSignedCertificate } from './push-endpoint';

export interface TestAccount {
	sub: string;
	email?: string;
	email_verified?: boolean;
}

export interface TestProvider {
	issuer: string;
	/** The CA file for NODE_EXTRA_CA_CERTS (the certificate itself: it is self-signed). */
	certPath: string;
	ca: Buffer;
	staff: { clientId: string; clientSecret: string };
	oneLogin: { clientId: string; privateKeyPem: string };
	/** A client registered with the same redirect URIs, whose codes the service must not accept. */
	otherClientId: string;
	/** The account the next sign-in at the provider logs in as. */
	signInAs(account: TestAccount): void;
	/** The authorization parameters of every sign-in the provider was asked for, oldest first. */
	authorizations: Array<Record<string, unknown>>;
	close(): Promise<void>;
}

export async function startTestProvider(options: { redirectOrigins: string[]; port?: number }): Promise<TestProvider> {
	const { certPath, keyPath } = selfSignedCertificate();
	const ca = readFileSync(certPath);
	const server: Server = createServer({ cert: ca, key: readFileSync(keyPath) });
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const issuer = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const oneLoginKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const privateKeyPem = oneLoginKey.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
	const staff = { clientId: 'staff-service', clientSecret: randomBytes(24).toString('base64url') };
	const oneLoginClientId = 'visits-one-login';
	const otherClientId = 'another-service';
	const redirects = (path: string) => options.redirectOrigins.map((origin) => `${origin}${path}`);
	const every = [...redirects('/api/auth/staff/callback'), ...redirects('/api/auth/one-login/callback')];

	const clients: ClientMetadata[] = [
		{
			client_id: staff.clientId,
			client_secret: staff.clientSecret,
			redirect_uris: redirects('/api/auth/staff/callback'),
			token_endpoint_auth_method: 'client_secret_post',
			id_token_signed_response_alg: 'RS256'
		},
		{
			client_id: oneLoginClientId,
			redirect_uris: redirects('/api/auth/one-login/callback'),
			token_endpoint_auth_method: 'private_key_jwt',
			token_endpoint_auth_signing_alg: 'RS256',
			jwks: { keys: [publicJwk(oneLoginKey.publicKey)] },
			// One Login's default.
			id_token_signed_response_alg: 'ES256'
		},
		{
			client_id: otherClientId,
			client_secret: randomBytes(24).toString('base64url'),
			redirect_uris: every,
			token_endpoint_auth_method: 'client_secret_post'
		}
	];

	const accounts = new Map<string, TestAccount>();
	let next: TestAccount | undefined;
	const authorizations: Array<Record<string, unknown>> = [];

	const provider = new Provider(issuer, {
		clients,
		jwks: {
			keys: [
				privateJwk(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey),
				privateJwk(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)
			]
		},
		cookies: { keys: [randomBytes(32).toString('base64url')] },
		claims: { openid: ['sub'], email: ['email', 'email_verified'] },
		extraParams: ['vtr'],
		features: { devInteractions: { enabled: false } },
		interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
		pkce: { required: () => true },
		// Lifetimes said, so the provider does not warn about its defaults on every run.
		ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
		findAccount: (_ctx, id) => {
			const account = accounts.get(id);
			return account ? { accountId: id, claims: () => ({ ...account }) } : undefined;
		}
	});
	const callback = provider.callback();

	server.on('request', (req, res) => {
		if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
		void (async () => {
			const details = await provider.interactionDetails(req, res);
			authorizations.push({ ...details.params });
			const account = next;
			if (!account) throw new Error('the test did not say who signs in (signInAs)');
			accounts.set(account.sub, account);
			const clientId = String(details.params.client_id);
			const grant = new provider.Grant({ accountId: account.sub, clientId });
			grant.addOIDCScope(String(details.params.scope));
			const grantId = await grant.save();
			await provider.interactionFinished(
				req,
				res,
				{ login: { accountId: account.sub }, consent: { grantId } },
				{ mergeWithLastSubmission: false }
			);
		})().catch((error: unknown) => {
			res.statusCode = 500;
			res.end(String(error));
		});
	});

	return {
		issuer,
		certPath,
		ca,
		staff,
		oneLogin: { clientId: oneLoginClientId, privateKeyPem },
		otherClientId,
		signInAs: (account) => {
			next = account;
		},
		authorizations,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

function publicJwk(key: KeyObject) {
	return { ...key.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' };
}

function privateJwk(key: KeyObject) {
	return { ...key.export({ format: 'jwk' }), use: 'sig', kid: randomBytes(6).toString('hex') };
}
