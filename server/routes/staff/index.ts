import { Hono } from 'hono';
import type { AppDeps } from '../../app-deps';
import { requireStaff, type StaffEnv } from '../../auth/middleware';
import { staffAuthRoutes } from './auth';
import { staffEventRoutes } from './events';
import { staffGateRoutes } from './gate';
import { staffPrisonRoutes } from './prisons';
import { staffPrisonerRoutes } from './prisoners';
import { staffBookingRoutes } from './bookings';
import { staffRequestRoutes } from './requests';
import { staffReviewRoutes } from './review';
import { staffRunningRoutes } from './running';
import { staffSetPasswordRoutes } from './set-password';

/** Everything under /api/staff: sign-in is open, the rest needs a session. */
export function staffRoutes(deps: AppDeps) {
	const signedIn = new Hono<StaffEnv>()
		.use(requireStaff(deps))
		.route('/requests', staffRequestRoutes(deps))
		.route('/events', staffEventRoutes(deps))
		.route('/', staffGateRoutes(deps))
		.route('/', staffPrisonRoutes(deps))
		.route('/', staffRunningRoutes(deps))
		.route('/', staffPrisonerRoutes(deps))
		.route('/', staffBookingRoutes(deps))
		.route('/', staffReviewRoutes(deps));
	return new Hono().route('/', staffAuthRoutes(deps)).route('/', staffSetPasswordRoutes(deps)).route('/', signedIn);
}
