import { Hono } from 'hono';
import { t } from '../../../src/lib/shared/i18n';
import { LoginInput } from '../../../src/lib/shared/schemas';
import type { StaffUser } from '../../../src/lib/shared/types';
import type { AppDeps } from '../../app-deps';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../../auth/cookies';
import { requireStaff, type StaffIdentity } from '../../auth/middleware';
import { verifyDummyPassword, verifyPassword } from '../../auth/passwords';
import { destroySession, rotateSession } from '../../auth/sessions';
import { jsonb } from '../../db/json';
import { clientAddress } from '../../http/client-address';
import { ApiError, respondWithError } from '../../http/errors';
import { rateLimitedError, TokenBucketLimiter } from '../../http/rate-limit';
import { validate } from '../../http/validation';

/**
 * Signing in and out. Failed logins are limited per address and per email, so neither guessing
 * one account from many places nor many accounts from one place gets far; a success clears the
 * email's bucket.
 */
export const LOGIN_LIMITS = {
	perAddress: { capacity: 20, refillEveryMs: 30_000 },
	perEmail: { capacity: 5, refillEveryMs: 60_000 }
} as const;

export function staffAuthRoutes(deps: AppDeps) {
	const perAddress = new TokenBucketLimiter({ ...LOGIN_LIMITS.perAddress, clock: deps.clock });
	const perEmail = new TokenBucketLimiter({ ...LOGIN_LIMITS.perEmail, clock: deps.clock });

	return new Hono()
		.post('/login', validate('json', LoginInput), async (c) => {
			const { email, password } = c.req.valid('json');
			for (const [limiter, key] of [[perAddress, clientAddress(c)], [perEmail, email]] as const) {
				const taken = limiter.take(key);
				if (!taken.allowed) return respondWithError(c, rateLimitedError(taken.retryAfterSeconds));
			}
			const user = await deps.db
				.selectFrom('staffUsers')
				.select(['id', 'passwordHash'])
				.where('email', '=', email)
				.executeTakeFirst();
			// An unknown email still costs one scrypt, so the answer takes as long either way.
			const valid = user ? await verifyPassword(password, user.passwordHash) : await verifyDummyPassword(password);
			if (!user || !valid) throw ApiError.unauthorized(t('api.staff.signInFailed'));

			perEmail.reset(email);
			const session = await rotateSession(deps.db, readSessionCookie(c), user.id, deps.clock());
			setSessionCookie(c, session.token);
			await audit(deps, user.id, 'staff.login');
			return c.json(await describeStaff(deps, user.id), 200);
		})
		.post('/logout', async (c) => {
			const token = readSessionCookie(c);
			const staffId = token ? await destroySession(deps.db, token) : null;
			clearSessionCookie(c);
			if (staffId) await audit(deps, staffId, 'staff.logout');
			return c.json({ signedOut: true }, 200);
		})
		.get('/me', requireStaff(deps), async (c) => c.json(await describeStaff(deps, c.var.staff.id), 200));
}

/** Signing in and out are in the audit history with the prison actions. */
async function audit(deps: AppDeps, staffId: string, action: 'staff.login' | 'staff.logout'): Promise<void> {
	await deps.db.insertInto('auditLog').values({ staffId, prisonId: null, action, target: null, detail: jsonb({}), at: deps.clock() }).execute();
}

async function describeStaff(deps: AppDeps, staffId: string): Promise<StaffUser> {
	const user = await deps.db.selectFrom('staffUsers').select(['id', 'email', 'name']).where('id', '=', staffId).executeTakeFirstOrThrow();
	const prisons = await deps.db
		.selectFrom('staffPrisons')
		.innerJoin('prisons', 'prisons.id', 'staffPrisons.prisonId')
		.select(['prisons.id', 'prisons.code', 'prisons.name'])
		.where('staffPrisons.staffId', '=', staffId)
		.orderBy('prisons.name')
		.execute();
	return { ...user, prisons };
}

export type { StaffIdentity };
