import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { t } from '../../src/lib/shared/i18n';
import type { AppDeps } from '../app-deps';
import { findKnownDevice, parseDeviceBearer } from '../auth/device';
import { ApiError, respondWithError } from '../http/errors';
import { exportDevice } from '../privacy/export';
import { forgetDevice } from '../privacy/forget';
import { DataExportAnswer, ForgetAnswer } from '../openapi/answers';
import { docs, documentedAuth, error, json, VISITOR } from '../openapi/describe';

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
	documentedAuth(knownDevice, VISITOR, { 401: error('No bearer, or one this service does not know or has forgotten (unauthorized)') });

	return new Hono<KnownDeviceEnv>()
		.get(
			'/export',
			docs({
				summary: 'Everything the service holds for this device',
				tags: ['privacy'],
				answers: { 200: json(DataExportAnswer, 'The export') }
			}),
			knownDevice,
			async (c) => c.json(await exportDevice(deps.db, c.var.deviceId, deps.clock()), 200)
		)
		.delete(
			'/',
			docs({
				summary: 'Forget this device: withdraw its requests, cancel its visits, erase its details, revoke its bearer',
				tags: ['privacy'],
				answers: { 200: json(ForgetAnswer, 'What was done') }
			}),
			knownDevice,
			async (c) => {
				const { result, changes } = await forgetDevice(deps.db, c.var.deviceId, deps.clock());
				for (const change of changes) deps.announce({ type: 'visit-request.status-changed', ...change });
				return c.json(result, 200);
			}
		);
}
