import { callApi, fetchApi, params, type ApiOptions, type OkData } from './api';
import { failureFrom, isApiFailure, networkFailure, readResult, type ApiFailure } from './api-result';
import type { BookAPrisonVisitDb, CalendarRow, PrisonRow } from './db';
import type { Calendar, Prison } from '../shared/answers';

/*
 * The public reads the device keeps (prisons, and calendars per date range): asked for fresh,
 * stored in Dexie, and answered from there when the network fails.
 */

/** Set by the service worker on an API answer it took from its cache because the network failed. */
export const SERVED_FROM_CACHE_HEADER = 'x-served-from-sw-cache';

export type CacheSource = 'network' | 'not-modified' | 'cache';

export interface CachedCalendar {
	response: Calendar;
	fetchedAt: number;
	etag: string | null;
	source: CacheSource;
	/** Why the cached copy is shown (offline, server trouble). */
	failure?: ApiFailure;
}

export function calendarKey(prisonId: string, from: string, to: string): string {
	return `${prisonId}|${from}|${to}`;
}

/**
 * The prison's slots for a date range: asks the server with the cached ETag (304 keeps the cached
 * copy), and answers from the cache when offline. A failure only when nothing is cached.
 */
export async function fetchCalendar(
	db: BookAPrisonVisitDb,
	prisonId: string,
	from: string,
	to: string,
	options: ApiOptions & { now?: () => number } = {}
): Promise<CachedCalendar | ApiFailure> {
	const now = options.now ?? Date.now;
	const key = calendarKey(prisonId, from, to);
	const cached = await db.calendars.get(key);
	const headers = { ...options.headers, ...(cached?.etag ? { 'if-none-match': cached.etag } : {}) };
	const response = await fetchApi((api) => api.prisons[':prisonId'].slots.$get({ param: params({ prisonId }), query: { from, to } }), {
		...options,
		headers,
		cache: 'no-store'
	});

	if (!isApiFailure(response) && response.status === 304 && cached) {
		const fetchedAt = now();
		await db.calendars.update(key, { fetchedAt });
		return { response: cached.response, fetchedAt, etag: cached.etag, source: 'not-modified' };
	}
	const result = isApiFailure(response) ? response : await readResult<OkData<typeof response>>(response);
	const fromWorkerCache = result.ok && servedFromWorkerCache(result.headers);
	if (fromWorkerCache && cached) {
		return { response: cached.response, fetchedAt: cached.fetchedAt, etag: cached.etag, source: 'cache', failure: networkFailure() };
	}
	if (result.ok && result.data && Array.isArray(result.data.days)) {
		// An answer the worker kept is as old as its Date header, not as old as now.
		const servedAt = fromWorkerCache ? Date.parse(result.headers.get('date') ?? '') : NaN;
		const row: CalendarRow = {
			key,
			prisonId,
			from,
			to,
			response: result.data,
			fetchedAt: Number.isNaN(servedAt) ? now() : servedAt,
			etag: result.headers.get('etag')
		};
		await db.calendars.put(row);
		// Kept, as nothing better is on the device; still not a refresh, so the caller tries again.
		if (fromWorkerCache)
			return { response: row.response, fetchedAt: row.fetchedAt, etag: row.etag, source: 'cache', failure: networkFailure() };
		return { response: row.response, fetchedAt: row.fetchedAt, etag: row.etag, source: 'network' };
	}
	const failure = result.ok ? failureFrom(result.status, undefined) : result;
	if (cached) return { response: cached.response, fetchedAt: cached.fetchedAt, etag: cached.etag, source: 'cache', failure };
	return failure;
}

/** The newest calendar the device keeps for a prison, whatever range it was fetched for. */
export async function newestCachedCalendar(db: BookAPrisonVisitDb, prisonId: string): Promise<CalendarRow | undefined> {
	const rows = await db.calendars.where('prisonId').equals(prisonId).toArray();
	return rows.sort((a, b) => b.fetchedAt - a.fetchedAt)[0];
}

/** Every calendar the device keeps, newest first. */
export async function cachedCalendars(db: BookAPrisonVisitDb): Promise<CalendarRow[]> {
	return (await db.calendars.toArray()).sort((a, b) => b.fetchedAt - a.fetchedAt);
}

/** The prisons whose calendar the device keeps (the family opened it once). */
export async function prisonsWithCachedCalendars(db: BookAPrisonVisitDb): Promise<Set<string>> {
	return new Set((await db.calendars.toArray()).map((row) => row.prisonId));
}

/** One prison as the device keeps it (works offline), if it has it. */
export function cachedPrisonRow(db: BookAPrisonVisitDb, prisonId: string): Promise<PrisonRow | undefined> {
	return db.prisons.get(prisonId);
}

/** The prisons the device has, as GET /api/prisons last returned them (none before the first answer). */
export function cachedPrisons(db: BookAPrisonVisitDb): Promise<PrisonRow[]> {
	return db.prisons.toArray();
}

/** Keeps a prison as an answer just gave it (an officer's settings saved), so pages read it at once. */
export async function rememberPrison(db: BookAPrisonVisitDb, prison: Prison, now: number = Date.now()): Promise<void> {
	await db.prisons.put({ ...prison, fetchedAt: now });
}

export interface CachedPrisons {
	prisons: PrisonRow[];
	source: Exclude<CacheSource, 'not-modified'>;
	failure?: ApiFailure;
}

/** GET /api/prisons into the `prisons` table; the cached list when offline. */
export async function fetchPrisons(
	db: BookAPrisonVisitDb,
	options: ApiOptions & { now?: () => number } = {}
): Promise<CachedPrisons | ApiFailure> {
	const result = await callApi((api) => api.prisons.$get(), options);
	const cached = await cachedPrisons(db);
	const fromWorkerCache = result.ok && servedFromWorkerCache(result.headers);
	if (result.ok && !(fromWorkerCache && cached.length > 0)) {
		// An answer the worker kept is as old as its Date header, not as old as now.
		const servedAt = fromWorkerCache ? Date.parse(result.headers.get('date') ?? '') : NaN;
		const fetchedAt = Number.isNaN(servedAt) ? (options.now ?? Date.now)() : servedAt;
		const prisons = result.data.prisons.map((prison) => ({ ...prison, fetchedAt }));
		await db.transaction('rw', db.prisons, async () => {
			await db.prisons.clear();
			await db.prisons.bulkPut(prisons);
		});
		return fromWorkerCache ? { prisons, source: 'cache', failure: networkFailure() } : { prisons, source: 'network' };
	}
	const failure = result.ok ? networkFailure() : result;
	return cached.length > 0 ? { prisons: cached, source: 'cache', failure } : failure;
}

/**
 * The service worker answered from its cache because the network failed (the moment `online`
 * fires the network is often not usable yet): a copy, not a refresh, so the caller tries again.
 */
function servedFromWorkerCache(headers: Headers): boolean {
	return headers.has(SERVED_FROM_CACHE_HEADER);
}
