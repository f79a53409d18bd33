import { Hono } from 'hono';
import { StaffBookingInput } from '../../../src/lib/shared/schemas-prisoners';
import type { AppDeps } from '../../app-deps';
import { requirePrisonAccess, type StaffEnv } from '../../auth/middleware';
import { validate } from '../../http/validation';
import { serviceChannels } from '../../messages/channels';
import { statusNoticeHook } from '../../messages/notices';
import { bookOnBehalf } from '../../requests/on-behalf';
import { withFlags } from '../../prisoners/flags';
import { StaffBookingAnswer } from '../../openapi/answers';
import { docs, error, json } from '../../openapi/describe';

/** Booking on a visitor's behalf: one slot at once, the reference to read out. */
export function staffBookingRoutes(deps: AppDeps) {
	return new Hono<StaffEnv>().use('/prisons/:prisonId/bookings', requirePrisonAccess).post(
		'/prisons/:prisonId/bookings',
		docs({
			summary: "Book a visit on a visitor's behalf (phone, in person, email, prisoner): one slot, booked at once",
			tags: ['staff'],
			answers: {
				201: json(StaffBookingAnswer, 'Booked; read out the reference'),
				403: error('Not one of your prisons (forbidden)'),
				404: error('No such prison'),
				409: error(
					'The slot is full (slot_full), no closed table is left for a closed-visits-only prisoner (closed_full), or a blocking flag needs an override reason (flagged)'
				),
				422: error("The prison's rules refuse it (fields say why)")
			}
		}),
		validate('json', StaffBookingInput),
		async (c) => {
			const prisonId = c.req.param('prisonId');
			const input = c.req.valid('json');
			const booked = await bookOnBehalf(deps.db, {
				prisonId,
				staff: c.var.staff,
				now: deps.clock(),
				input,
				onBooked: statusNoticeHook(serviceChannels(deps.config))
			});
			deps.announce({ type: 'visit-request.created', prisonId, requestId: booked.id });
			deps.announce({ type: 'visit-request.status-changed', prisonId, requestId: booked.id, from: 'requested', to: 'booked' });
			const [flagged] = await withFlags(deps.db, [booked]);
			return c.json({ ...booked, flags: flagged?.flags ?? [], bookingMethod: input.method }, 201);
		}
	);
}
