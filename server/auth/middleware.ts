// Hono middlewares that identify the caller. After requireDevice, handlers read c.var.device; after
// requireStaff, c.var.staff. Use them per route so Hono's types follow:
//   app.get('/', auth.requireDevice, (c) => c.json(list(c.var.device.id)))
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppDeps } from '../app-deps';
import { ApiError, respondWithError } from '../http/errors';
import { t } from '../../src/lib/shared/i18n/index';
import { clearSessionCookie, readSessionCookie, setSessionCookie, SESSION_COOKIE } from './cookies';
import { findOrRegisterDevice, parseDeviceBearer, type DeviceIdentity } from './device';
import { lookupSession, type StaffIdentity } from './sessions';

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

export function createAuthMiddlewares(deps: Pick<AppDeps, 'db' | 'clock'>): AuthMiddlewares {
	const { db, clock } = deps;

	async function deviceOf(c: Context): Promise<DeviceIdentity | null> {
		const secret = parseDeviceBearer(c.req.header('Authorization'));
		return secret ? findOrRegisterDevice(db, secret, clock()) : null;
	}

	async function staffOf(c: Context): Promise<{ staff: StaffIdentity; token: string } | null> {
		const token = readSessionCookie(c);
		if (!token) return null;
		const session = await lookupSession(db, token, clock());
		if (!session) {
			clearSessionCookie(c);
			return null;
		}
		if (session.extended) setSessionCookie(c, token);
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

/** Throws 403 unless the staff member works at the prison. */
export function assertStaffPrison(staff: StaffIdentity, prisonId: string): void {
	if (!staff.prisonIds.includes(prisonId)) throw ApiError.forbidden(t('api.staff.forbiddenPrison'));
}

/** 403 unless the signed-in staff member is an administrator; use after requireStaff. */
export const requireAdmin = createMiddleware<StaffEnv>(async (c, next) => {
	if (!c.var.staff.admin) return respondWithError(c, ApiError.forbidden(t('admin.forbidden')));
	await next();
});

// Standalone forms, for route modules that take deps: `.use(requireDevice(deps))`.
export const requireDevice = (deps: Pick<AppDeps, 'db' | 'clock'>) => createAuthMiddlewares(deps).requireDevice;
export const optionalDevice = (deps: Pick<AppDeps, 'db' | 'clock'>) => createAuthMiddlewares(deps).optionalDevice;
export const requireStaff = (deps: Pick<AppDeps, 'db' | 'clock'>) => createAuthMiddlewares(deps).requireStaff;
export const optionalStaff = (deps: Pick<AppDeps, 'db' | 'clock'>) => createAuthMiddlewares(deps).optionalStaff;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard for every write under /api.
 * - An Origin header must be this server's own origin or one of allowedOrigins.
 * - Without Origin (non-browser clients; browsers always send it on writes), a request carrying the
 *   session cookie is refused, since the cookie is what a forged request would ride on. Bearer-only
 *   requests are allowed: a browser never attaches the bearer by itself.
 * - Without Origin, Sec-Fetch-Site: cross-site is refused too.
 */
export function checkOrigin(options: { allowedOrigins: readonly string[] }): MiddlewareHandler {
	const allowed = new Set(options.allowedOrigins);
	const refuse = (c: Context) =>
		respondWithError(c, new ApiError(403, 'forbidden_origin', t('platform.error.forbiddenOrigin')));

	return async (c, next) => {
		if (SAFE_METHODS.has(c.req.method)) return next();
		const origin = c.req.header('Origin');
		if (origin !== undefined) {
			if (origin !== new URL(c.req.url).origin && !allowed.has(origin)) return refuse(c);
			return next();
		}
		if (c.req.header('Sec-Fetch-Site') === 'cross-site') return refuse(c);
		const hasCookieSession = (c.req.header('Cookie') ?? '').includes(`${SESSION_COOKIE}=`);
		if (hasCookieSession) return refuse(c);
		return next();
	};
}
