// Hono middlewares that identify the caller. After requireDevice, handlers read c.var.device; after
// requireStaff, c.var.staff. Use them per route so Hono's types follow:
//   app.get('/', auth.requireDevice, (c) => c.json(list(c.var.device.id)))
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppDeps } from '../app-deps';
import { ApiError, respondWithError } from '../http/errors';
import { documentedAuth, error, STAFF, VISITOR } from '../openapi/describe';
import { t, tPlural } from '../../src/lib/shared/i18n/index';
import { clearSessionCookie, readSessionCookie, setSessionCookie, SESSION_COOKIE } from './cookies';
import { clientAddress } from '../http/client-address';
import { publicOrigin, type PublicOriginConfig } from '../http/public-origin';
import { rateLimitedError, RateLimiter } from '../http/rate-limit';
import { findDevice, parseDeviceBearer, registerDevice, unstoredDevice, type DeviceIdentity } from './device';
import { lookupSession } from './sessions';
import { assertPrisonAccess, type StaffIdentity } from './staff-identity';

export type { DeviceIdentity, StaffIdentity };

export type DeviceEnv = { Variables: { device: DeviceIdentity } };
export type OptionalDeviceEnv = { Variables: { device: DeviceIdentity | null } };
export type StaffEnv = { Variables: { staff: StaffIdentity; sessionToken: string } };
export type OptionalStaffEnv = { Variables: { staff: StaffIdentity | null; sessionToken: string | null } };

export interface AuthMiddlewares {
	/** 401 unless a well-formed device bearer is sent; registers the device on first sight. */
	requireDevice: MiddlewareHandler<DeviceEnv>;
	/** Sets c.var.device to the device or null (never refuses). */
	optionalDevice: MiddlewareHandler<OptionalDeviceEnv>;
	/** 401 unless the session cookie names a live session. */
	requireStaff: MiddlewareHandler<StaffEnv>;
	/** Sets c.var.staff to the staff member or null (never refuses). */
	optionalStaff: MiddlewareHandler<OptionalStaffEnv>;
}

/** New devices one address may register per hour: generous, since many phones share a carrier's address. */
export const NEW_DEVICES_PER_ADDRESS_PER_HOUR = 300;

type AuthDeps = Pick<AppDeps, 'db' | 'clock'> & {
	config?: Pick<AppDeps['config'], 'newDevicesPerAddressPerHour' | 'trustProxy' | 'publicUrl'>;
};

export function createAuthMiddlewares(deps: AuthDeps): AuthMiddlewares {
	const { db, clock } = deps;
	const perHour = deps.config?.newDevicesPerAddressPerHour ?? NEW_DEVICES_PER_ADDRESS_PER_HOUR;
	const newDevices = new RateLimiter(db, 'new-device-address', { capacity: perHour, refillEveryMs: 3_600_000 / perHour, clock });

	async function deviceOf(c: Context): Promise<DeviceIdentity | null> {
		const secret = parseDeviceBearer(c.req.header('Authorization'));
		if (!secret) return null;
		const known = await findDevice(db, secret, clock());
		if (known === 'revoked') return null;
		if (known) return known;
		// Reads never create a device; a first write does, within the per-address allowance.
		if (SAFE_METHODS.has(c.req.method)) return unstoredDevice();
		const taken = await newDevices.take(clientAddress(c, deps.config ?? {}));
		if (!taken.allowed)
			throw rateLimitedError(taken.retryAfterSeconds, tPlural('api.device.tooManyNew', Math.ceil(taken.retryAfterSeconds / 60)));
		return registerDevice(db, secret, clock());
	}

	async function staffOf(c: Context): Promise<{ staff: StaffIdentity; token: string } | null> {
		const token = readSessionCookie(c);
		if (!token) return null;
		const session = await lookupSession(db, token, clock());
		if (!session) {
			clearSessionCookie(c, deps.config);
			return null;
		}
		if (session.extended) setSessionCookie(c, token, deps.config);
		return { staff: session.staff, token };
	}

	return {
		requireDevice: createMiddleware<DeviceEnv>(async (c, next) => {
			const device = await deviceOf(c);
			if (!device) {
				return respondWithError(c, new ApiError(401, 'unauthorized', t('platform.error.deviceUnauthorized')));
			}
			c.set('device', device);
			await next();
		}),
		optionalDevice: createMiddleware<OptionalDeviceEnv>(async (c, next) => {
			c.set('device', await deviceOf(c));
			await next();
		}),
		requireStaff: createMiddleware<StaffEnv>(async (c, next) => {
			const found = await staffOf(c);
			if (!found) return respondWithError(c, ApiError.unauthorized());
			c.set('staff', found.staff);
			c.set('sessionToken', found.token);
			await next();
		}),
		optionalStaff: createMiddleware<OptionalStaffEnv>(async (c, next) => {
			const found = await staffOf(c);
			c.set('staff', found?.staff ?? null);
			c.set('sessionToken', found?.token ?? null);
			await next();
		})
	};
}

/** 403 unless the signed-in staff member is an administrator; use after requireStaff. */
export const requireAdmin = documentedAuth(
	createMiddleware<StaffEnv>(async (c, next) => {
		if (!c.var.staff.admin) return respondWithError(c, ApiError.forbidden(t('admin.forbidden')));
		await next();
	}),
	[],
	{ 403: error('The officer is not an administrator (forbidden), or the Origin is not this service (forbidden_origin)') }
);

/**
 * 403 unless the officer works at the path's :prisonId; use after requireStaff. Runs before the body is
 * validated, so another prison's officer learns nothing about the request.
 */
export const requirePrisonAccess = createMiddleware<StaffEnv>(async (c, next) => {
	assertPrisonAccess(c.var.staff, c.req.param('prisonId') ?? '');
	await next();
});

// Standalone forms, for route modules that take deps: `.use(requireDevice(deps))`. Each carries its
// part of the OpenAPI document (security scheme, 401, 429) to the routes after it (server/openapi).
const deviceUnknown = error('No bearer, or one this service has forgotten (unauthorized)');
const tooManyDevices = error('Too many new devices from this address (rate_limited); Retry-After says when to try again');
export const requireDevice = (deps: AuthDeps) =>
	documentedAuth(createAuthMiddlewares(deps).requireDevice, VISITOR, { 401: deviceUnknown, 429: tooManyDevices });
/** With optionalStaff: either credential (security lists both). */
export const optionalDevice = (deps: AuthDeps) =>
	documentedAuth(createAuthMiddlewares(deps).optionalDevice, VISITOR, { 429: tooManyDevices });
export const requireStaff = (deps: AuthDeps) =>
	documentedAuth(createAuthMiddlewares(deps).requireStaff, STAFF, { 401: error('Not signed in, or the session has ended (unauthorized)') });
export const optionalStaff = (deps: AuthDeps) => documentedAuth(createAuthMiddlewares(deps).optionalStaff, STAFF, {});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SESSION_COOKIE_ANYWHERE = new RegExp(`(^|[;,\\s])${SESSION_COOKIE}\\s*=`, 'i');

/**
 * Cross-site request forgery guard for every write under /api.
 * - An Origin header must be this server's public origin (server/http/public-origin.ts: PUBLIC_URL
 *   when set, not Host; the proxy's X-Forwarded-Proto/-Host only with TRUST_PROXY) or one of allowedOrigins.
 * - Without Origin (non-browser clients; browsers always send it on writes), a request carrying the
 *   session cookie is refused, since the cookie is what a forged request would ride on. Bearer-only
 *   requests are allowed: a browser never attaches the bearer by itself.
 * - Without Origin, Sec-Fetch-Site: cross-site is refused too.
 */
export function checkOrigin(options: { allowedOrigins: readonly string[] } & PublicOriginConfig): MiddlewareHandler {
	const allowed = new Set(options.allowedOrigins);
	const refuse = (c: Context) => respondWithError(c, new ApiError(403, 'forbidden_origin', t('platform.error.forbiddenOrigin')));

	return async (c, next) => {
		if (SAFE_METHODS.has(c.req.method)) return next();
		const origin = c.req.header('Origin');
		if (origin !== undefined) {
			if (origin !== publicOrigin(c, options) && !allowed.has(origin)) return refuse(c);
			return next();
		}
		if (c.req.header('Sec-Fetch-Site') === 'cross-site') return refuse(c);
		// The same parser as authentication (readSessionCookie): `bpv_session =x` once passed a
		// substring test here yet authenticated there. Any spelling of the name counts.
		const hasCookieSession = readSessionCookie(c) !== undefined || SESSION_COOKIE_ANYWHERE.test(c.req.header('Cookie') ?? '');
		if (hasCookieSession) return refuse(c);
		return next();
	};
}
