// What every route module receives: `export function prisonRoutes(deps: AppDeps): Hono`.
import type { Kysely } from 'kysely';
import type { Config } from './config';
import type { Announce } from './app-events';
import type { Database } from './db/schema';
import type { Logger } from './log';
import type { StaffEventBus } from './staff-events/bus';
import type { CalendarChanges } from './prisons/calendar-changes';

export interface AppDeps {
	db: Kysely<Database>;
	config: Config;
	/** "Now" for every rule and timestamp; tests pass a fixed clock. */
	clock: () => Date;
	/** How a request waits (the sign-in slow-down): a timer; tests record the waits instead of timing answers. */
	wait: (ms: number) => Promise<void>;
	logger: Logger;
	announce: Announce;
	/** Web Push: the VAPID public key browsers subscribe with (the worker sends; see server/push/). */
	push: { publicKey: string };
	/** Staff pages' live updates: what deps.announce announced, from this process or any other. */
	staffEvents: Pick<StaffEventBus, 'subscribe' | 'onClose'>;
	/** Calendar changes heard from every process; without it the calendar cache asks the database each time. */
	calendarChanges?: CalendarChanges;
}
