// OpenID Connect sign-in, for staff (their organisation's provider, client secret) and for visitors
// (GOV.UK One Login, private_key_jwt). Authorization code with PKCE, state and nonce; the three are
// kept server-side in oidc_sign_ins under the sha256 of a random handle, and the browser holds only
// that handle, in a short-lived HttpOnly SameSite=Lax cookie (Lax: the provider's redirect back is a
// top-level GET from another site). A callback is accepted once: the row is deleted as it is read.
// Nothing here logs a token, a code or a sub.
import { createPrivateKey } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import type { Locale } from '../../src/lib/shared/i18n';
import type { Database } from '../db/schema';
import { publicOrigin, publicOriginIsHttps, type PublicOriginConfig } from '../http/public-origin';
import type { Logger } from '../log';
import { randomToken, sha256Hex } from './tokens';

export type SignInKind = 'staff' | 'one-login';

/** How long a person has at the provider before the sign-in must start again. */
export const SIGN_IN_TTL_MS = 10 * 60 * 1000;
const HANDLE_COOKIE = 'bpv_oidc';

export const CALLBACK_PATHS: Record<SignInKind, string> = {
	staff: '/api/auth/staff/callback',
	'one-login': '/api/auth/one-login/callback'
};

export interface ProviderSettings {
	issuer: string;
	clientId: string;
	/** Staff: client_secret_post. */
	clientSecret?: string;
	/** One Login: private_key_jwt, the client assertion signed RS256 with this PKCS#8 PEM. */
	privateKeyPem?: string;
	scope: string;
	/** Extra authorization parameters (One Login's vtr). */
	extraParams?: Record<string, string>;
}

/** Why a callback made no session; the page says so in the reader's language. */
export class SignInFailed extends Error {
	constructor(
		readonly reason: 'no_sign_in' | 'state' | 'refused' | 'token' | 'unavailable',
		/** The error's code only (never its message or cause: those can quote claims). */
		readonly detail?: string
	) {
		super(`sign-in failed: ${reason}`);
	}
}

export interface StartedSignIn {
	url: URL;
}

export interface FinishedSignIn {
	claims: client.IDToken;
	/** The userinfo endpoint's claims for the same sub (providers may keep email there, not in the ID token). */
	userInfo(): Promise<client.UserInfoResponse>;
	deviceId: string | null;
	language: Locale;
}

export interface OidcClient {
	start(c: Context, options: { deviceId?: string; language: Locale }): Promise<StartedSignIn>;
	finish(c: Context): Promise<FinishedSignIn>;
}

export function createOidcClient(
	kind: SignInKind,
	settings: ProviderSettings,
	deps: { db: Kysely<Database>; clock: () => Date; logger: Logger; config: PublicOriginConfig }
): OidcClient {
	let discovered: Promise<client.Configuration> | undefined;
	// Discovered on first use, not at start-up: a provider that is down must not stop the service
	// (password sign-in and visitors go on); a failed discovery is tried again next time.
	function configuration(): Promise<client.Configuration> {
		discovered ??= discover(settings).catch((error: unknown) => {
			discovered = undefined;
			deps.logger.warn({ kind, code: errorCode(error) }, 'openid provider discovery failed');
			throw new SignInFailed('unavailable', errorCode(error));
		});
		return discovered;
	}

	const redirectUri = (c: Context) => `${publicOrigin(c, deps.config)}${CALLBACK_PATHS[kind]}`;

	return {
		async start(c, options) {
			const config = await configuration();
			const handle = randomToken();
			const state = client.randomState();
			const nonce = client.randomNonce();
			const codeVerifier = client.randomPKCECodeVerifier();
			const now = deps.clock();
			// Old rows of anyone's abandoned sign-ins go as new ones come: no job needed.
			await deps.db.deleteFrom('oidcSignIns').where('expiresAt', '<', now).execute();
			await deps.db
				.insertInto('oidcSignIns')
				.values({
					handleHash: sha256Hex(handle),
					kind,
					state,
					nonce,
					codeVerifier,
					deviceId: options.deviceId ?? null,
					language: options.language,
					expiresAt: new Date(now.getTime() + SIGN_IN_TTL_MS)
				})
				.execute();
			setCookie(c, HANDLE_COOKIE, handle, {
				httpOnly: true,
				sameSite: 'Lax',
				path: '/api/auth',
				secure: publicOriginIsHttps(c, deps.config),
				maxAge: SIGN_IN_TTL_MS / 1000
			});
			const url = client.buildAuthorizationUrl(config, {
				redirect_uri: redirectUri(c),
				scope: settings.scope,
				response_type: 'code',
				state,
				nonce,
				code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
				code_challenge_method: 'S256',
				ui_locales: options.language,
				...settings.extraParams
			});
			return { url };
		},

		async finish(c) {
			const handle = getCookie(c, HANDLE_COOKIE);
			deleteCookie(c, HANDLE_COOKIE, { path: '/api/auth', httpOnly: true, sameSite: 'Lax', secure: publicOriginIsHttps(c, deps.config) });
			if (!handle) throw new SignInFailed('no_sign_in');
			// Read once: a replayed callback (the same code, or the same state) finds nothing.
			const row = await deps.db
				.deleteFrom('oidcSignIns')
				.where('handleHash', '=', sha256Hex(handle))
				.where('kind', '=', kind)
				.returningAll()
				.executeTakeFirst();
			if (!row || row.expiresAt.getTime() <= deps.clock().getTime()) throw new SignInFailed('no_sign_in');
			const language = row.language;
			const current = new URL(c.req.url);
			// The URL the provider redirected to, on this service's public origin (behind a proxy the
			// request's own URL may be http://internal:3000).
			const callbackUrl = new URL(`${redirectUri(c)}${current.search}`);
			if (current.searchParams.get('state') !== row.state) throw new SignInFailed('state');
			if (current.searchParams.has('error')) throw new SignInFailed('refused', current.searchParams.get('error') ?? undefined);
			const config = await configuration();
			let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
			try {
				tokens = await client.authorizationCodeGrant(config, callbackUrl, {
					pkceCodeVerifier: row.codeVerifier,
					expectedState: row.state,
					expectedNonce: row.nonce,
					idTokenExpected: true
				});
			} catch (error) {
				const code = errorCode(error);
				deps.logger.info({ kind, code }, 'sign-in refused');
				// The provider refusing the code (reused, another client's, expired) or the ID token
				// failing a check (signature, audience, issuer, nonce, expiry): both make no session.
				throw new SignInFailed(error instanceof client.ResponseBodyError ? 'refused' : 'token', code);
			}
			const claims = tokens.claims();
			if (!claims) throw new SignInFailed('token', 'no_id_token');
			const accessToken = tokens.access_token;
			return {
				claims,
				userInfo: () => client.fetchUserInfo(config, accessToken, claims.sub),
				deviceId: row.deviceId,
				language
			};
		}
	};
}

async function discover(settings: ProviderSettings): Promise<client.Configuration> {
	const issuer = new URL(settings.issuer);
	// config.ts allows http:// only for a provider on this machine.
	const options: client.DiscoveryRequestOptions = issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {};
	if (settings.privateKeyPem) {
		const key = await importRsaPrivateKey(settings.privateKeyPem);
		// One Login wants the token endpoint as the client assertion's audience (the library puts the
		// issuer); it is known once discovery has read the metadata, before any assertion is made.
		let audience = settings.issuer;
		const config = await client.discovery(
			issuer,
			settings.clientId,
			{ token_endpoint_auth_method: 'private_key_jwt' },
			client.PrivateKeyJwt(key, {
				[client.modifyAssertion]: (_header, payload) => {
					payload.aud = audience;
				}
			}),
			options
		);
		audience = config.serverMetadata().token_endpoint ?? settings.issuer;
		return config;
	}
	return client.discovery(issuer, settings.clientId, settings.clientSecret, client.ClientSecretPost(settings.clientSecret), options);
}

async function importRsaPrivateKey(pem: string): Promise<CryptoKey> {
	const der = createPrivateKey({ key: pem, format: 'pem' }).export({ format: 'der', type: 'pkcs8' });
	return crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
}

function errorCode(error: unknown): string {
	if (error && typeof error === 'object') {
		const { code, error: oauthError } = error as { code?: unknown; error?: unknown };
		if (typeof oauthError === 'string') return oauthError;
		if (typeof code === 'string') return code;
	}
	return error instanceof Error ? error.name : 'unknown';
}
