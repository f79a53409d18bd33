import { fetchPrisons, prisonsWithCachedCalendars } from '../client/cached-reads';
import { isApiFailure, type ApiFailure } from '../client/api-result';
import type { BookAPrisonVisitDb } from '../client/db';
import { refreshWhenBack } from '../client/refresh-when-back';
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
	/** Why the round did not reach the server (no network, or only the service worker's copy): tried again. */
	failure?: ApiFailure;
}

/** One round: the prison list, then each saved calendar. Does nothing without signal. */
export async function refreshVisitorData(db: BookAPrisonVisitDb, now: () => Date = () => new Date()): Promise<FreshResult> {
	// Offline says so for certain: the `online` event starts the next round.
	if (typeof navigator !== 'undefined' && navigator.onLine === false) return { prisons: false, calendars: 0 };
	const prisons = await fetchPrisons(db);
	if (isApiFailure(prisons)) return { prisons: false, calendars: 0, failure: prisons };
	if (prisons.failure) return { prisons: false, calendars: 0, failure: prisons.failure };
	const opened = await prisonsWithCachedCalendars(db);
	let calendars = 0;
	let failure: ApiFailure | undefined;
	for (const row of prisons.prisons) {
		if (!opened.has(row.id)) continue;
		const result = await refreshCalendar(db, prisonFromRow(row), now());
		const missed = isApiFailure(result) ? result : result.failure;
		if (missed) failure ??= missed;
		else calendars += 1;
	}
	return { prisons: true, calendars, ...(failure ? { failure } : {}) };
}

/**
 * Runs refreshVisitorData now, whenever signal may be back, and every `everyMs`; a round that
 * could not reach the server (the service worker answered from its cache the moment `online`
 * fired) is tried again a few times, further apart. Returns a stop function.
 */
export function keepVisitorDataFresh(
	db: BookAPrisonVisitDb,
	options: { everyMs?: number; retryDelaysMs?: readonly number[]; now?: () => Date } = {}
): () => void {
	let running: Promise<FreshResult> | undefined;
	let next: Promise<FreshResult> | undefined;
	// A call while a round is in flight (signal back during the app-start round) must not be lost:
	// that round may have read the server before the change, so one more round follows it.
	const round = (): Promise<FreshResult> => {
		if (running) {
			next ??= running.then(
				() => ((next = undefined), round()),
				() => ((next = undefined), round())
			);
			return next;
		}
		const current = refreshVisitorData(db, options.now).finally(() => {
			if (running === current) running = undefined;
		});
		running = current;
		return current;
	};
	const back = refreshWhenBack(async () => (await round()).failure ?? null, options.retryDelaysMs);
	back.now();
	const timer = setInterval(back.now, options.everyMs ?? KEEP_FRESH_EVERY_MS);
	return () => {
		back.stop();
		clearInterval(timer);
	};
}
