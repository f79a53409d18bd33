import { fetchPrisons, isApiFailure } from '../client/api';
import type { BookAPrisonVisitDb } from '../client/db';
import { refreshCalendar } from './calendar-data';
import { prisonFromRow } from './prison';

/*
 * Offline from the first visit: as soon as the app has opened once with signal, the device holds
 * the prison list, so Start works later with none; and the calendar of every prison whose pages
 * the visitor opened (those with a calendar saved on the device) is fetched again whenever there
 * is signal (app start, the phone coming back online, the app shown again, and every few minutes
 * while it is open), so the copy shown offline is as fresh as it can be.
 */

/** How often an open app refreshes in the background while online. */
export const KEEP_FRESH_EVERY_MS = 10 * 60_000;

export interface FreshResult {
	prisons: boolean;
	calendars: number;
}

/** One round: the prison list, then each saved calendar. Does nothing without signal. */
export async function refreshVisitorData(db: BookAPrisonVisitDb, now: () => Date = () => new Date()): Promise<FreshResult> {
	if (typeof navigator !== 'undefined' && navigator.onLine === false) return { prisons: false, calendars: 0 };
	const prisons = await fetchPrisons(db);
	if (isApiFailure(prisons) || prisons.source !== 'network') return { prisons: false, calendars: 0 };
	const opened = new Set((await db.calendars.toArray()).map((row) => row.prisonId));
	let calendars = 0;
	for (const row of prisons.prisons) {
		if (!opened.has(row.id)) continue;
		const result = await refreshCalendar(db, prisonFromRow(row), now());
		if (!isApiFailure(result) && !result.failure) calendars += 1;
	}
	return { prisons: true, calendars };
}

/** Runs refreshVisitorData now and whenever signal may be back; returns a stop function. */
export function keepVisitorDataFresh(db: BookAPrisonVisitDb, everyMs = KEEP_FRESH_EVERY_MS): () => void {
	let running: Promise<unknown> | undefined;
	// A call while a round is in flight (signal back during the app-start round) must not be lost:
	// that round may have read the server before the change, so one more round follows it.
	let again = false;
	const run = () => {
		if (running) {
			again = true;
			return;
		}
		running = refreshVisitorData(db)
			.catch(() => undefined)
			.finally(() => {
				running = undefined;
				if (again) {
					again = false;
					run();
				}
			});
	};
	const onVisible = () => {
		if (document.visibilityState === 'visible') run();
	};
	run();
	addEventListener('online', run);
	document.addEventListener('visibilitychange', onVisible);
	const timer = setInterval(run, everyMs);
	return () => {
		removeEventListener('online', run);
		document.removeEventListener('visibilitychange', onVisible);
		clearInterval(timer);
	};
}
