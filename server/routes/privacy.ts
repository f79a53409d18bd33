import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { t } from '../../src/lib/shared/i18n';
import type { AppDeps } from '../app-deps';
import { findKnownDevice, parseDeviceBearer } from '../auth/device';
import { ApiError, respondWithError } from '../http/errors';
import { exportDevice } from '../privacy/export';
import { forgetDevice } from '../privacy/forget';

type KnownDeviceEnv = { Variables: { deviceId: string } };

/**
 * The visitor's privacy rights (PRODUCT.md, Privacy), mounted at /api/visit-requests before the
 * request routes. Only a device the server knows and has not forgotten may call them: a foreign or
 * revoked bearer gets 401 and registers nothing.
 */
export function privacyRoutes(deps: AppDeps) {
	const knownDevice = createMiddleware<KnownDeviceEnv>(async (c, next) => {
		const secret = parseDeviceBearer(c.req.header('Authorization'));
		const deviceId = secret ? await findKnownDevice(deps.db, secret) : null;
		if (!deviceId) return respondWithError(c, new ApiError(401, 'unauthorized', t('platform.error.deviceUnauthorized')));
		c.set('deviceId', deviceId);
		await next();
	});

	return new Hono<KnownDeviceEnv>()
		.get('/export', knownDevice, async (c) => c.json(await exportDevice(deps.db, c.var.deviceId, deps.clock()), 200))
		.delete('/', knownDevice, async (c) => {
			const { result, changes } = await forgetDevice(deps.db, c.var.deviceId, deps.clock());
			for (const change of changes) deps.notify({ type: 'visit-request.status-changed', ...change });
			return c.json(result, 200);
		});
}
