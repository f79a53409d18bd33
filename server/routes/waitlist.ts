import { Hono } from 'hono';
import { localeFromAcceptLanguage, t } from '../../src/lib/shared/i18n';
import { WaitlistInput } from '../../src/lib/shared/schemas-waitlist';
import type { AppDeps } from '../app-deps';
import { requireDevice, type DeviceEnv } from '../auth/middleware';
import { ApiError } from '../http/errors';
import { isUuid } from '../http/ids';
import { rateLimit, RateLimiter } from '../http/rate-limit';
import { validate } from '../http/validation';
import { notifyChannels } from '../lifecycle/channels';
import { joinWaitlist, leaveWaitlist, listWaitlist } from '../waitlist/entries';
import { SUBMIT_LIMIT } from './visit-requests';

/**
 * The visitor's waiting list (issue #20), device bearer only. Mounted at the API's root, since
 * joining lives under the prison (/prisons/:prisonId/waitlist) beside its public calendar, and
 * the device's own list at /waitlist; the device check is on each route, not the whole of /prisons.
 */
export function waitlistRoutes(deps: AppDeps) {
	// Joins and leaves share the submit's budget shape: a burst for an outbox coming back online, then one a minute.
	const writes = new RateLimiter(deps.db, 'waitlist-device', { ...SUBMIT_LIMIT, clock: deps.clock });
	const device = requireDevice(deps);
	const limited = rateLimit<DeviceEnv>(writes, (c) => c.var.device.id);
	const prisonOf = (id: string) => {
		if (!isUuid(id)) throw ApiError.notFound(t('api.prison.notFound'));
		return id;
	};
	return new Hono<DeviceEnv>()
		.post('/prisons/:prisonId/waitlist', device, limited, validate('json', WaitlistInput), async (c) => {
			const { entry, created } = await joinWaitlist(deps.db, {
				prisonId: prisonOf(c.req.param('prisonId')),
				deviceId: c.var.device.id,
				slot: c.req.valid('json'),
				now: deps.clock(),
				language: localeFromAcceptLanguage(c.req.header('accept-language')),
				tellByEmail: notifyChannels(deps.config).email
			});
			return c.json(entry, created ? 201 : 200);
		})
		.delete('/prisons/:prisonId/waitlist', device, limited, validate('json', WaitlistInput), async (c) => {
			await leaveWaitlist(deps.db, { prisonId: prisonOf(c.req.param('prisonId')), deviceId: c.var.device.id, slot: c.req.valid('json') });
			return c.body(null, 204);
		})
		.get('/waitlist', device, async (c) => c.json({ entries: await listWaitlist(deps.db, c.var.device.id, deps.clock()) }, 200));
}
