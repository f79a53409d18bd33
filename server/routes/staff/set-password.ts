import { Hono } from 'hono';
import { SetPasswordInput } from '../../../src/lib/shared/schemas-admin';
import type { AppDeps } from '../../app-deps';
import { setPasswordFromLink } from '../../admin/staff-users';
import { clientAddress } from '../../http/client-address';
import { rateLimit, RateLimiter } from '../../http/rate-limit';
import { validate } from '../../http/validation';
import { z } from 'zod';
import { docs, error, json } from '../../openapi/describe';

const EmailAnswer = z.object({ email: z.string() });

/** POST /api/staff/set-password {token, password}: the one-time link's page sends it (no session). */
export function staffSetPasswordRoutes(deps: AppDeps) {
	const perAddress = new RateLimiter(deps.db, 'set-password-address', { capacity: 10, refillEveryMs: 60_000, clock: deps.clock });
	return new Hono().post(
		'/set-password',
		docs({
			summary: 'Set a password from a one-time link (no session needed)',
			tags: ['staff'],
			answers: { 200: json(EmailAnswer, 'Set: sign in with this email'), 429: error('Too many tries from this address (rate_limited)') }
		}),
		// The caller's address as every other limit takes it: behind a trusted proxy, X-Forwarded-For's last entry.
		rateLimit(perAddress, (c) => clientAddress(c, deps.config)),
		validate('json', SetPasswordInput),
		async (c) => c.json(await setPasswordFromLink(deps.db, c.req.valid('json'), deps.clock()))
	);
}
