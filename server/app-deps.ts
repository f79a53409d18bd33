// What every route module receives: `export function prisonRoutes(deps: AppDeps): Hono`.
import type { Kysely } from 'kysely';
import type { Config } from './config';
import type { Database, VisitRequestStatus } from './db/schema';
import type { Logger } from './log';
import type { StaffEventBus } from './staff-events/bus';
import type { CalendarChanges } from './prisons/calendar-changes';

/**
 * Something happened that other parts of the system may react to (push notifications, cache
 * invalidation, other instances). Routes call deps.notify(event) AFTER their transaction commits.
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
export type Notify = (event: AppEvent) => void;

export interface AppDeps {
	db: Kysely<Database>;
	config: Config;
	/** "Now" for every rule and timestamp; tests pass a fixed clock. */
	clock: () => Date;
	logger: Logger;
	notify: Notify;
	/** Web Push: the VAPID public key browsers subscribe with (the worker sends; see server/push/). */
	push: { publicKey: string };
	/** Staff pages' live updates: what deps.notify announced, from this process or any other. */
	staffEvents: Pick<StaffEventBus, 'subscribe' | 'onClose'>;
	/** Calendar changes heard from every process; without it the calendar cache asks the database each time. */
	calendarChanges?: CalendarChanges;
}
