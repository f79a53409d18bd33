import { Hono } from 'hono';
import { StaffBookingInput } from '../../../src/lib/shared/schemas-prisoners';
import type { AppDeps } from '../../app-deps';
import { requirePrisonAccess, type StaffEnv } from '../../auth/middleware';
import { validate } from '../../http/validation';
import { notifyChannels } from '../../lifecycle/channels';
import { visitorNotifier } from '../../lifecycle/notify';
import { bookOnBehalf } from '../../requests/on-behalf';
import { withFlags } from '../../prisoners/flags';

/** Booking on a visitor's behalf: one slot at once, the reference to read out. */
export function staffBookingRoutes(deps: AppDeps) {
	return new Hono<StaffEnv>()
		.use('/prisons/:prisonId/bookings', requirePrisonAccess)
		.post('/prisons/:prisonId/bookings', validate('json', StaffBookingInput), async (c) => {
			const prisonId = c.req.param('prisonId');
			const input = c.req.valid('json');
			const booked = await bookOnBehalf(deps.db, { prisonId, staff: c.var.staff, now: deps.clock(), input, onBooked: visitorNotifier(notifyChannels(deps.config)) });
			deps.notify({ type: 'visit-request.created', prisonId, requestId: booked.id });
			deps.notify({ type: 'visit-request.status-changed', prisonId, requestId: booked.id, from: 'requested', to: 'booked' });
			const [flagged] = await withFlags(deps.db, [booked]);
			return c.json({ ...booked, flags: flagged?.flags ?? [], bookingMethod: input.method }, 201);
		});
}
