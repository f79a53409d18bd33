import { Hono } from 'hono';
import { t } from '../../../src/lib/shared/i18n';
import { LoginInput } from '../../../src/lib/shared/schemas';
import type { StaffSessionView, StaffUser } from '../../../src/lib/shared/answers';
import type { AppDeps } from '../../app-deps';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../../auth/cookies';
import { optionalStaff, requireStaff } from '../../auth/middleware';
import { verifyDummyPassword, verifyPassword } from '../../auth/passwords';
import { destroySession, rotateSession } from '../../auth/sessions';
import { jsonb } from '../../db/json';
import { clientAddress } from '../../http/client-address';
import { ApiError, respondWithError } from '../../http/errors';
import { rateLimitedError, RateLimiter } from '../../http/rate-limit';
import { validate } from '../../http/validation';
import { z } from 'zod';
import { StaffSessionAnswer, StaffUserAnswer } from '../../openapi/answers';
import { docs, error, json, STAFF } from '../../openapi/describe';

const SignedOutAnswer = z.object({ signedOut: z.literal(true) });

/**
 * Signing in and out. Attempts are limited per (email, address) pair and per address, with a 429:
 * guessing one account from one place, or many accounts from one place, does not get far, and a
 * success clears the pair. Per email there is only a looser ceiling that SLOWS attempts (an
 * exponential delay once many have failed, from anywhere) and never refuses them: otherwise
 * anyone could lock an officer out by failing five times with their email. So the
 * right password from an address that has not failed always gets in, at worst after the delay.
 */
export const LOGIN_LIMITS = {
	perAddress: { capacity: 20, refillEveryMs: 30_000 },
	perPair: { capacity: 5, refillEveryMs: 60_000 },
	/** Failures per email from anywhere; once `slowAfter` are recent, each attempt waits. */
	perEmail: { capacity: 30, refillEveryMs: 60_000, slowAfter: 10, firstDelayMs: 250, maxDelayMs: 4_000 }
} as const;

/** How long an attempt for an email waits, given its recent failures from anywhere. */
export function loginDelayMs(recentFailures: number): number {
	const { slowAfter, firstDelayMs, maxDelayMs } = LOGIN_LIMITS.perEmail;
	if (recentFailures < slowAfter) return 0;
	return Math.min(maxDelayMs, firstDelayMs * 2 ** (recentFailures - slowAfter));
}

export function staffAuthRoutes(deps: AppDeps) {
	const perAddress = new RateLimiter(deps.db, 'login-address', { ...LOGIN_LIMITS.perAddress, clock: deps.clock });
	const perPair = new RateLimiter(deps.db, 'login-pair', { ...LOGIN_LIMITS.perPair, clock: deps.clock });
	const emailFailures = new RateLimiter(deps.db, 'login-email-failures', { ...LOGIN_LIMITS.perEmail, clock: deps.clock });

	return new Hono()
		.post(
			'/login',
			docs({
				summary: 'Sign in: sets the session cookie',
				tags: ['staff'],
				answers: {
					200: {
						...json(StaffUserAnswer, 'Signed in'),
						headers: { 'Set-Cookie': { description: 'The session cookie (HttpOnly, SameSite=Strict)', schema: { type: 'string' } } }
					},
					401: error('Wrong email or password, or the account is deactivated (unauthorized)'),
					403: error("STAFF_PASSWORD_LOGIN is off: staff sign in with their organisation's account (password_login_off)"),
					429: error('Too many attempts from this address, or for this email from it (rate_limited)')
				}
			}),
			async (c, next) => {
				// Refused before the body is read: with passwords off there is nothing to check.
				if (!deps.config.staffPasswordLogin) return respondWithError(c, new ApiError(403, 'password_login_off', t('api.auth.passwordOff')));
				await next();
			},
			validate('json', LoginInput),
			async (c) => {
				const { email, password } = c.req.valid('json');
				const address = clientAddress(c, deps.config);
				const pair = `${email.toLowerCase()}\u0000${address}`;
				for (const [limiter, key] of [
					[perAddress, address],
					[perPair, pair]
				] as const) {
					const taken = await limiter.take(key);
					if (!taken.allowed) return respondWithError(c, rateLimitedError(taken.retryAfterSeconds));
				}
				const recentFailures = LOGIN_LIMITS.perEmail.capacity - (await emailFailures.peek(email.toLowerCase()));
				const delay = loginDelayMs(Math.round(recentFailures));
				if (delay > 0) await deps.wait(delay);
				const user = await deps.db
					.selectFrom('staffUsers')
					.select(['id', 'passwordHash', 'deactivatedAt'])
					.where('email', '=', email)
					.executeTakeFirst();
				// An unknown email still costs one scrypt, so the answer takes as long either way.
				const valid = user ? await verifyPassword(password, user.passwordHash) : await verifyDummyPassword(password);
				// A deactivated user gets the same answer as a wrong password: nothing to learn from it.
				if (!user || !valid || user.deactivatedAt !== null) {
					await emailFailures.take(email.toLowerCase());
					throw ApiError.unauthorized(t('api.staff.signInFailed'));
				}

				await perPair.reset(pair);
				const session = await rotateSession(deps.db, readSessionCookie(c), user.id, deps.clock());
				setSessionCookie(c, session.token, deps.config);
				await audit(deps, user.id, 'staff.login');
				return c.json(await describeStaff(deps, user.id), 200);
			}
		)
		.post(
			'/logout',
			docs({
				summary: 'Sign out: ends the session and clears the cookie',
				tags: ['staff'],
				security: STAFF,
				answers: { 200: json(SignedOutAnswer, 'Signed out (or was not signed in)') }
			}),
			async (c) => {
				const token = readSessionCookie(c);
				const staffId = token ? await destroySession(deps.db, token) : null;
				clearSessionCookie(c, deps.config);
				if (staffId) await audit(deps, staffId, 'staff.logout');
				return c.json({ signedOut: true }, 200);
			}
		)
		.get(
			'/me',
			docs({ summary: 'The signed-in officer and their prisons', tags: ['staff'], answers: { 200: json(StaffUserAnswer, 'The officer') } }),
			requireStaff(deps),
			async (c) => c.json(await describeStaff(deps, c.var.staff.id), 200)
		)
		.get(
			'/session',
			docs({
				summary: 'Whether an officer is signed in: never a 401',
				description:
					'For a page that only needs to know whether a session exists (the sign-in page on a first visit): ' +
					'signed out is a 200 too, so the browser logs no error. `staff` is what GET /api/staff/me answers.',
				tags: ['staff'],
				answers: { 200: json(StaffSessionAnswer, 'Signed in (with the officer), or not') }
			}),
			optionalStaff(deps),
			async (c) => {
				const staff = c.var.staff;
				const answer: StaffSessionView = staff ? { signedIn: true, staff: await describeStaff(deps, staff.id) } : { signedIn: false };
				return c.json(answer, 200);
			}
		);
}

/** Signing in and out are in the audit history with the prison actions. */
async function audit(deps: AppDeps, staffId: string, action: 'staff.login' | 'staff.logout'): Promise<void> {
	await deps.db
		.insertInto('auditLog')
		.values({ staffId, prisonId: null, action, target: null, detail: jsonb({}), at: deps.clock() })
		.execute();
}

async function describeStaff(deps: AppDeps, staffId: string): Promise<StaffUser> {
	const user = await deps.db
		.selectFrom('staffUsers')
		.select(['id', 'email', 'name', 'admin', 'serviceAdmin'])
		.where('id', '=', staffId)
		.executeTakeFirstOrThrow();
	const prisons = await deps.db
		.selectFrom('staffPrisons')
		.innerJoin('prisons', 'prisons.id', 'staffPrisons.prisonId')
		.select(['prisons.id', 'prisons.code', 'prisons.name'])
		.where('staffPrisons.staffId', '=', staffId)
		.orderBy('prisons.name')
		.execute();
	return { ...user, prisons };
}
