// Signing in with an OpenID provider (PRODUCT.md, "Your visits on any phone; staff sign in with their
// organisation's account"): staff with their organisation's provider, visitors with GOV.UK One Login.
// The login paths redirect to the provider; the callbacks answer a redirect into the app, or a small
// HTML page saying why no one was signed in. The protocol is in server/auth/oidc.ts.
import { Hono, type Context } from 'hono';
import { sql } from 'kysely';
import { localeFromAcceptLanguage, t, type Locale } from '../../src/lib/shared/i18n';
import type { SignInOptions, SignInStart } from '../../src/lib/shared/schemas-accounts';
import { linkDevice, issueStartToken, redeemStartToken, signOutDevice, subjectHash } from '../accounts/accounts';
import { signInPage } from '../accounts/pages';
import type { AppDeps } from '../app-deps';
import { readSessionCookie, setSessionCookie } from '../auth/cookies';
import { requireDevice } from '../auth/middleware';
import { createOidcClient, SignInFailed, type OidcClient } from '../auth/oidc';
import { rotateSession } from '../auth/sessions';
import { jsonb } from '../db/json';
import { ApiError } from '../http/errors';
import { SignInOptionsAnswer, SignInStartAnswer } from '../openapi/answers';
import { docs, error, json, type Response as DocResponse } from '../openapi/describe';
import { z } from 'zod';

const ONE_LOGIN_SCOPE = 'openid';
/** GOV.UK One Login's "medium" authentication level, with no identity check: Cl.Cm. */
const ONE_LOGIN_VTR = JSON.stringify(['Cl.Cm']);

const redirect = (description: string): DocResponse => ({
	description,
	headers: { Location: { description: 'Where the browser goes next', schema: { type: 'string' } } }
});
const page = (description: string): DocResponse => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const SignedOutAnswer = z.object({ signedOut: z.boolean() });

/** The language a sign-in's pages are in: `?lang=` from the app's link, else the browser's. */
function languageOf(c: Context): Locale {
	const asked = c.req.query('lang');
	return asked === 'cy' || asked === 'en' ? asked : localeFromAcceptLanguage(c.req.header('accept-language'));
}

export function authRoutes(deps: AppDeps) {
	const { config } = deps;
	const oidcDeps = { db: deps.db, clock: deps.clock, logger: deps.logger, config };
	const staff: OidcClient | null = config.staffOidc
		? createOidcClient('staff', { ...config.staffOidc, scope: 'openid email' }, oidcDeps)
		: null;
	const oneLogin: OidcClient | null = config.oneLogin
		? createOidcClient(
				'one-login',
				{
					issuer: config.oneLogin.issuer,
					clientId: config.oneLogin.clientId,
					privateKeyPem: config.oneLogin.privateKeyPem,
					scope: ONE_LOGIN_SCOPE,
					extraParams: { vtr: ONE_LOGIN_VTR }
				},
				oidcDeps
			)
		: null;

	const staffBack = { href: '/staff', label: 'account.page.back.staff' } as const;
	const visitorBack = { href: '/visits', label: 'account.page.back.visitor' } as const;

	function failedPage(c: Context, language: Locale, failure: unknown, back: typeof staffBack | typeof visitorBack) {
		if (!(failure instanceof SignInFailed)) throw failure;
		const unavailable = failure.reason === 'unavailable';
		return signInPage(c, language, {
			status: unavailable ? 503 : 400,
			title: 'account.page.failed.title',
			body: unavailable ? 'account.page.unavailable.body' : 'account.page.failed.body',
			back
		});
	}

	async function auditStaff(staffId: string | null, action: 'staff.login' | 'staff.login-refused', detail: Record<string, unknown>) {
		await deps.db
			.insertInto('auditLog')
			.values({ staffId, prisonId: null, action, target: null, detail: jsonb(detail), at: deps.clock() })
			.execute();
	}

	return (
		new Hono()
			.get(
				'/config',
				docs({
					summary: 'Which ways of signing in this service offers',
					tags: ['sign-in'],
					answers: { 200: json(SignInOptionsAnswer, 'The ways on offer') }
				}),
				(c) => {
					const options: SignInOptions = {
						oneLogin: oneLogin !== null,
						staffOidc: staff !== null,
						staffPasswordLogin: config.staffPasswordLogin
					};
					return c.json(options, 200);
				}
			)
			// ── Staff ──────────────────────────────────────────────────────────────────────────────
			.get(
				'/staff/login',
				docs({
					summary: "Staff sign-in with their organisation's account: redirects to its provider",
					tags: ['sign-in'],
					parameters: [{ in: 'query', name: 'lang', required: false, schema: { type: 'string' }, description: 'en or cy' }],
					answers: {
						302: redirect("To the organisation's provider (authorization code, PKCE, state, nonce)"),
						404: error('No provider is configured (not_found)'),
						503: page('The provider is not answering')
					}
				}),
				async (c) => {
					if (!staff) throw ApiError.notFound(t('api.auth.notConfigured'));
					const language = languageOf(c);
					try {
						const { url } = await staff.start(c, { language });
						return c.redirect(url.href, 302);
					} catch (failure) {
						return failedPage(c, language, failure, staffBack);
					}
				}
			)
			.get(
				'/staff/callback',
				docs({
					summary: "Where the organisation's provider sends an officer back: starts a staff session",
					description:
						'The ID token must carry `email` with `email_verified: true`, matching (without case) a staff user an ' +
						'administrator made who is not deactivated; prisons and admin come from the app. Then the session ' +
						'cookie is set (rotated) and the browser goes to /staff/requests.',
					tags: ['sign-in'],
					answers: {
						303: redirect('Signed in: to the request queue'),
						400: page('Sign-in failed: wrong or missing state, a refused code, or an ID token failing its checks'),
						403: page('No staff user has that email, the user is deactivated, or the email is not verified'),
						404: error('No provider is configured (not_found)'),
						503: page('The provider is not answering')
					}
				}),
				async (c) => {
					if (!staff) throw ApiError.notFound(t('api.auth.notConfigured'));
					let finished;
					try {
						finished = await staff.finish(c);
					} catch (failure) {
						return failedPage(c, languageOf(c), failure, staffBack);
					}
					const { language } = finished;
					// The email may be in the ID token, or only at the userinfo endpoint (for the same sub).
					let claims: Record<string, unknown> = { ...finished.claims };
					if (claims.email === undefined) {
						try {
							claims = { ...(await finished.userInfo()) };
						} catch (failure) {
							return failedPage(c, language, new SignInFailed('token', failure instanceof Error ? failure.name : 'userinfo'), staffBack);
						}
					}
					const refuse = async (
						body: 'account.page.staff.unknown' | 'account.page.staff.deactivated' | 'account.page.staff.unverified',
						staffId: string | null
					) => {
						await auditStaff(staffId, 'staff.login-refused', { method: 'oidc', reason: body.split('.').at(-1) });
						return signInPage(c, language, { status: 403, title: 'account.page.refused.title', body, back: staffBack });
					};
					const email = typeof claims.email === 'string' ? claims.email : null;
					if (!email || claims.email_verified !== true) return refuse('account.page.staff.unverified', null);
					const user = await deps.db
						.selectFrom('staffUsers')
						.select(['id', 'deactivatedAt'])
						.where(sql<boolean>`lower(email) = lower(${email})`)
						.executeTakeFirst();
					if (!user) return refuse('account.page.staff.unknown', null);
					if (user.deactivatedAt !== null) return refuse('account.page.staff.deactivated', user.id);
					const session = await rotateSession(deps.db, readSessionCookie(c), user.id, deps.clock());
					setSessionCookie(c, session.token, config);
					await auditStaff(user.id, 'staff.login', { method: 'oidc' });
					return c.redirect('/staff/requests', 303);
				}
			)
			// ── Visitors: GOV.UK One Login ───────────────────────────────────────────────────────────
			.post(
				'/one-login/start',
				docs({
					summary: 'A one-time link for the browser to sign this phone in with GOV.UK One Login',
					description:
						'The app calls this with its bearer, then opens `url`: the bearer never appears in a URL. ' +
						'The link works once, for two minutes. The provider is asked in the language of Accept-Language.',
					tags: ['sign-in'],
					answers: { 200: json(SignInStartAnswer, 'The link'), 404: error('One Login is not configured (not_found)') }
				}),
				requireDevice(deps),
				async (c) => {
					if (!oneLogin) throw ApiError.notFound(t('api.auth.notConfigured'));
					const language = localeFromAcceptLanguage(c.req.header('accept-language'));
					const token = await issueStartToken(deps.db, c.var.device.id, language, deps.clock());
					const answer: SignInStart = { url: `/api/auth/one-login/login?start=${encodeURIComponent(token)}` };
					return c.json(answer, 200);
				}
			)
			.get(
				'/one-login/login',
				docs({
					summary: 'Goes to GOV.UK One Login for the phone that asked for this link',
					tags: ['sign-in'],
					parameters: [
						{ in: 'query', name: 'start', required: true, schema: { type: 'string' }, description: 'From POST /api/auth/one-login/start' }
					],
					answers: {
						302: redirect('To GOV.UK One Login (authorization code, PKCE, state, nonce, vtr, ui_locales)'),
						400: page('The link is unknown, used or too old'),
						404: error('One Login is not configured (not_found)'),
						503: page('GOV.UK One Login is not answering')
					}
				}),
				async (c) => {
					if (!oneLogin) throw ApiError.notFound(t('api.auth.notConfigured'));
					const started = await redeemStartToken(deps.db, c.req.query('start') ?? '', deps.clock());
					const language = started?.language ?? languageOf(c);
					try {
						if (!started) throw new SignInFailed('no_sign_in');
						const { url } = await oneLogin.start(c, { deviceId: started.deviceId, language });
						return c.redirect(url.href, 302);
					} catch (failure) {
						return failedPage(c, language, failure, visitorBack);
					}
				}
			)
			.get(
				'/one-login/callback',
				docs({
					summary: 'Where GOV.UK One Login sends a visitor back: links the phone to the account',
					tags: ['sign-in'],
					answers: {
						303: redirect('Signed in: to Your visits'),
						400: page('Sign-in failed: wrong or missing state, a refused code, or an ID token failing its checks'),
						404: error('One Login is not configured (not_found)'),
						503: page('GOV.UK One Login is not answering')
					}
				}),
				async (c) => {
					if (!oneLogin || !config.oneLogin) throw ApiError.notFound(t('api.auth.notConfigured'));
					try {
						const { claims, deviceId } = await oneLogin.finish(c);
						if (!deviceId) throw new SignInFailed('no_sign_in');
						await linkDevice(deps.db, { subjectHash: subjectHash(config.oneLogin.issuer, claims.sub), deviceId, now: deps.clock() });
						return c.redirect('/visits', 303);
					} catch (failure) {
						return failedPage(c, languageOf(c), failure, visitorBack);
					}
				}
			)
			.post(
				'/one-login/logout',
				docs({
					summary: 'Sign this phone out: it leaves the account (its visits stay there) and its bearer is revoked',
					description: 'The app then clears its store and makes a new device secret.',
					tags: ['sign-in'],
					answers: { 200: json(SignedOutAnswer, 'Signed out (false: it was not signed in, and nothing changed)') }
				}),
				requireDevice(deps),
				async (c) => c.json({ signedOut: await signOutDevice(deps.db, c.var.device.id, deps.clock()) }, 200)
			)
	);
}
