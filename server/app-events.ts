import type { VisitRequestStatus } from './db/schema';

/**
 * Something happened that other parts of the system may react to (push notifications, cache
 * invalidation, other instances). Routes call deps.announce(event) AFTER their transaction commits.
 */
export type AppEvent =
	| { type: 'visit-request.created'; requestId: string; prisonId: string }
	| {
			type: 'visit-request.status-changed';
			requestId: string;
			prisonId: string;
			from: VisitRequestStatus;
			to: VisitRequestStatus;
	  }
	/** A visitor asked to change a booked visit, or withdrew the change (server/requests/changes.ts). */
	| { type: 'visit-request.change-requested'; requestId: string; prisonId: string }
	/** Visitors of a booked visit came through the gate (server/gate/arrival.ts). */
	| { type: 'visit-request.arrived'; requestId: string; prisonId: string }
	| { type: 'prison.timetable-changed'; prisonId: string }
	| { type: 'prison.closures-changed'; prisonId: string };

/** Must not throw or block the response: failures are the listener's to log. */
export type Announce = (event: AppEvent) => void;
