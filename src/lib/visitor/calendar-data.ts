import { fetchCalendar, isApiFailure, type ApiFailure } from '../client/api';
import type { BookAPrisonVisitDb } from '../client/db';
import { bookingWindow, type BookingWindow } from '../shared/rules/booking-window';
import type { CalendarDay, Prison } from '../shared/types';

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
	const rows = await db.calendars.where('prisonId').equals(prison.id).toArray();
	const newest = rows.sort((a, b) => b.fetchedAt - a.fetchedAt)[0];
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
