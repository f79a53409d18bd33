import { cachedCalendars, fetchCalendar, newestCachedCalendar } from '../client/cached-reads';
import { isApiFailure, type ApiFailure } from '../client/api-result';
import type { BookAPrisonVisitDb } from '../client/db';
import { bookingWindow, type BookingWindow } from '../shared/rules/booking-window';
import type { CalendarDay, Prison } from '../shared/answers';

export interface ShownCalendar {
	days: CalendarDay[];
	fetchedAt: number;
	/** The window today, in the prison's time zone: a calendar cached days ago still obeys it. */
	window: BookingWindow;
	failure?: ApiFailure;
}

/**
 * The newest calendar cached for the prison, whatever range it was fetched for: the window moves
 * every day, and offline yesterday's copy is far better than nothing.
 */
export async function cachedCalendar(db: BookAPrisonVisitDb, prison: Prison, now: Date): Promise<ShownCalendar | null> {
	const newest = await newestCachedCalendar(db, prison.id);
	if (!newest) return null;
	return { days: newest.response.days as CalendarDay[], fetchedAt: newest.fetchedAt, window: bookingWindow(prison, now) };
}

/** Asks the server for today's window (with the cached ETag); the newest cached copy when that fails. */
export async function refreshCalendar(db: BookAPrisonVisitDb, prison: Prison, now: Date): Promise<ShownCalendar | ApiFailure> {
	const window = bookingWindow(prison, now);
	const result = await fetchCalendar(db, prison.id, window.from, window.to);
	if (!isApiFailure(result) && !result.failure) {
		return { days: result.response.days as CalendarDay[], fetchedAt: result.fetchedAt, window };
	}
	const failure = isApiFailure(result) ? result : result.failure;
	const cached = await cachedCalendar(db, prison, now);
	return cached ? { ...cached, ...(failure ? { failure } : {}) } : (failure as ApiFailure);
}

/**
 * Every prison's cached calendar days, newest copy first: what says when a time a family asked for
 * ends ("2pm to 4pm", not "2pm") on pages that show their requests.
 */
export async function cachedDaysByPrison(db: BookAPrisonVisitDb): Promise<Map<string, CalendarDay[]>> {
	const rows = await cachedCalendars(db);
	const days = new Map<string, CalendarDay[]>();
	for (const row of rows) days.set(row.prisonId, [...(days.get(row.prisonId) ?? []), ...(row.response.days as CalendarDay[])]);
	return days;
}
