import { Hono } from 'hono';
import { localeFromAcceptLanguage, t } from '../../src/lib/shared/i18n';
import { WaitlistInput } from '../../src/lib/shared/schemas-waitlist';
import type { AppDeps } from '../app-deps';
import { requireDevice, type DeviceEnv } from '../auth/middleware';
import { ApiError } from '../http/errors';
import { isUuid } from '../http/ids';
import { rateLimit, RateLimiter } from '../http/rate-limit';
import { validate } from '../http/validation';
import { serviceChannels } from '../messages/channels';
import { joinWaitlist, leaveWaitlist, listWaitlist } from '../waitlist/entries';
import { SUBMIT_LIMIT } from './visit-requests';
import { WaitlistEntryAnswer } from '../openapi/answers';
import { docs, empty, error, json } from '../openapi/describe';
import { z } from 'zod';

const WaitlistAnswer = z.object({ entries: z.array(WaitlistEntryAnswer) });

/**
 * The visitor's waiting list, device bearer only. Mounted at the API's root, since
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
		.post(
			'/prisons/:prisonId/waitlist',
			docs({
				summary: 'Join the waiting list for a full slot (the same again answers with the same entry)',
				tags: ['visitor'],
				answers: {
					201: json(WaitlistEntryAnswer, 'On the list'),
					200: json(WaitlistEntryAnswer, 'On the list already: the same entry'),
					404: error('No such prison'),
					409: error('The slot has places: book it (slot_has_places), or the device waits for too many (waitlist_too_many)'),
					422: error('The time cannot be booked: not in the timetable, closed, started or outside the booking window (fields say which)'),
					429: error('Too many joins and leaves from this device (rate_limited)')
				}
			}),
			device,
			limited,
			validate('json', WaitlistInput),
			async (c) => {
				const { entry, created } = await joinWaitlist(deps.db, {
					prisonId: prisonOf(c.req.param('prisonId')),
					deviceId: c.var.device.id,
					slot: c.req.valid('json'),
					now: deps.clock(),
					language: localeFromAcceptLanguage(c.req.header('accept-language')),
					tellByEmail: serviceChannels(deps.config).email
				});
				return c.json(entry, created ? 201 : 200);
			}
		)
		.delete(
			'/prisons/:prisonId/waitlist',
			docs({
				summary: 'Leave the waiting list for a slot (harmless when not on it)',
				tags: ['visitor'],
				answers: {
					204: empty('Not on the list (any more)'),
					404: error('No such prison'),
					429: error('Too many joins and leaves from this device (rate_limited)')
				}
			}),
			device,
			limited,
			validate('json', WaitlistInput),
			async (c) => {
				await leaveWaitlist(deps.db, { prisonId: prisonOf(c.req.param('prisonId')), deviceId: c.var.device.id, slot: c.req.valid('json') });
				return c.body(null, 204);
			}
		)
		.get(
			'/waitlist',
			docs({
				summary: 'The slots this device waits for a place in, soonest first',
				tags: ['visitor'],
				answers: { 200: json(WaitlistAnswer, 'The waiting list') }
			}),
			device,
			async (c) => c.json({ entries: await listWaitlist(deps.db, c.var.device.id, deps.clock()) }, 200)
		);
}
