import { t } from '../shared/i18n';
import type { BookAPrisonVisitDb, CalendarRow, PrisonRow } from './db';
import { getDeviceSecret } from './device';
import type { ApiErrorBody, CalendarResponse, HitVisit, ServerPrison } from './types';

/*
 * The device's only way to the API. Results are values, not exceptions: a page or the sync engine
 * always gets either the data or an ApiFailure in the contract's terms, and a network failure is
 * just a failure with status 0.
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
export type ApiAuth = 'device' | 'staff' | 'none';
export type SendMethod = 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface ApiOptions {
	/** 'device' sends the bearer secret (needs `db` or `deviceSecret`); 'staff' sends the session cookie. */
	auth?: ApiAuth;
	db?: BookAPrisonVisitDb;
	deviceSecret?: string;
	fetch?: FetchLike;
	/** Prepended to every path: '' in the browser, an origin under Node. */
	baseUrl?: string;
	headers?: Record<string, string>;
	timeoutMs?: number;
	signal?: AbortSignal;
	cache?: RequestCache;
}

export interface ApiSuccess<T> {
	ok: true;
	status: number;
	data: T;
	headers: Headers;
}

export interface ApiFailure {
	ok: false;
	/** 0 when no answer came back (offline, DNS, timeout, aborted). */
	status: number;
	code: string;
	message: string;
	fields?: Record<string, string>;
	/** The booked visits a closure or timetable change would hit (409 closure_hits_visits / timetable_hits_visits). */
	visits?: HitVisit[];
	/** From Retry-After on a 429 or 503. */
	retryAfterMs?: number;
	headers?: Headers;
}

export type ApiResult<T> = ApiSuccess<T> | ApiFailure;

export const NETWORK_FAILURE_CODE = 'network';
/** Set by the service worker on an API answer it took from its cache because the network failed. */
export const SERVED_FROM_CACHE_HEADER = 'x-served-from-sw-cache';
const DEFAULT_TIMEOUT_MS = 30_000;

/** A failure, as opposed to data or to a raw Response (which also has `ok: false` on a 4xx). */
export function isApiFailure(value: unknown): value is ApiFailure {
	if (typeof value !== 'object' || value === null) return false;
	const candidate = value as { ok?: unknown; code?: unknown };
	return candidate.ok === false && typeof candidate.code === 'string';
}

/** Only paths under /api: the bearer secret must never go anywhere else. */
export function apiUrl(path: string, baseUrl = ''): string {
	if (!/^\/api(\/|\?|$)/.test(path)) throw new Error(`Not an API path: ${path}`);
	return `${baseUrl.replace(/\/$/, '')}${path}`;
}

/** The raw answer (any status), or a failure when none came back. */
export async function apiFetch(
	method: 'GET' | SendMethod,
	path: string,
	body: unknown,
	options: ApiOptions = {}
): Promise<Response | ApiFailure> {
	const url = apiUrl(path, options.baseUrl);
	const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
	if (body !== undefined) headers['content-type'] = 'application/json';
	const auth = options.auth ?? 'none';
	if (auth === 'device') {
		const secret = options.deviceSecret ?? (options.db ? await getDeviceSecret(options.db) : undefined);
		if (!secret) throw new Error('Device auth needs db or deviceSecret');
		headers.authorization = `Bearer ${secret}`;
	}
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
	const abortFromCaller = () => controller.abort();
	options.signal?.addEventListener('abort', abortFromCaller, { once: true });
	try {
		const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
		return await doFetch(url, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
			// The staff session is an HttpOnly cookie; device calls carry no cookies at all.
			credentials: auth === 'staff' ? 'same-origin' : 'omit',
			signal: controller.signal,
			cache: options.cache
		});
	} catch {
		return networkFailure();
	} finally {
		clearTimeout(timer);
		options.signal?.removeEventListener('abort', abortFromCaller);
	}
}

/** Turns an answer into data or a typed failure (reads the body once). */
export async function readResult<T>(response: Response): Promise<ApiResult<T>> {
	let parsed: unknown = undefined;
	const text = await response.text().catch(() => '');
	if (text) {
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = undefined;
		}
	}
	if (response.ok) return { ok: true, status: response.status, data: parsed as T, headers: response.headers };
	return failureFrom(response.status, parsed, response.headers);
}

export async function apiGet<T>(path: string, options: ApiOptions = {}): Promise<ApiResult<T>> {
	const response = await apiFetch('GET', path, undefined, options);
	return isApiFailure(response) ? response : readResult<T>(response);
}

export async function apiSend<T>(
	method: SendMethod,
	path: string,
	body?: unknown,
	options: ApiOptions = {}
): Promise<ApiResult<T>> {
	const response = await apiFetch(method, path, body, options);
	return isApiFailure(response) ? response : readResult<T>(response);
}

export function failureFrom(status: number, body: unknown, headers?: Headers): ApiFailure {
	const retryAfterMs = parseRetryAfter(headers?.get('retry-after') ?? null);
	const error = isErrorBody(body) ? body.error : undefined;
	return {
		ok: false,
		status,
		code: error?.code ?? `http_${status}`,
		message: error?.message ?? fallbackMessage(status),
		...(error?.fields ? { fields: error.fields } : {}),
		...(Array.isArray(error?.visits) ? { visits: error.visits } : {}),
		...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
		...(headers ? { headers } : {})
	};
}

export function networkFailure(): ApiFailure {
	return { ok: false, status: 0, code: NETWORK_FAILURE_CODE, message: t('sync.error.network') };
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
	if (!value) return undefined;
	const trimmed = value.trim();
	if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
	const at = Date.parse(trimmed);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Lists may come bare or wrapped (`{ prisons: [...] }`); the device accepts both. */
export function unwrapList<T>(body: unknown, key: string): T[] {
	if (Array.isArray(body)) return body as T[];
	const inner = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
	return Array.isArray(inner) ? (inner as T[]) : [];
}

/** One object, bare or wrapped (`{ request: {...} }`); undefined when it has no `id`. */
export function unwrapItem<T extends { id: string }>(body: unknown, key: string): T | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const record = body as Record<string, unknown>;
	if (typeof record.id === 'string') return body as T;
	const inner = record[key];
	if (typeof inner === 'object' && inner !== null && typeof (inner as Record<string, unknown>).id === 'string') {
		return inner as T;
	}
	return undefined;
}

function isErrorBody(body: unknown): body is ApiErrorBody {
	if (typeof body !== 'object' || body === null) return false;
	const error = (body as { error?: unknown }).error;
	return (
		typeof error === 'object' &&
		error !== null &&
		typeof (error as { code?: unknown }).code === 'string' &&
		typeof (error as { message?: unknown }).message === 'string'
	);
}

function fallbackMessage(status: number): string {
	if (status === 429) return t('sync.error.rateLimited');
	if (status >= 500) return t('sync.error.server');
	return t('sync.error.unexpected');
}

// ── Cached reads: prisons and calendars ─────────────────────────────────────────

export type CacheSource = 'network' | 'not-modified' | 'cache';

export interface CachedCalendar {
	response: CalendarResponse;
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
	const path = `/api/prisons/${encodeURIComponent(prisonId)}/slots?from=${from}&to=${to}`;
	const headers = { ...options.headers, ...(cached?.etag ? { 'if-none-match': cached.etag } : {}) };
	const response = await apiFetch('GET', path, undefined, { ...options, headers, cache: 'no-store' });

	if (!isApiFailure(response) && response.status === 304 && cached) {
		const fetchedAt = now();
		await db.calendars.update(key, { fetchedAt });
		return { response: cached.response, fetchedAt, etag: cached.etag, source: 'not-modified' };
	}
	const result = isApiFailure(response) ? response : await readResult<CalendarResponse>(response);
	const fromWorkerCache = result.ok && result.headers.has(SERVED_FROM_CACHE_HEADER);
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
		return { response: row.response, fetchedAt: row.fetchedAt, etag: row.etag, source: fromWorkerCache ? 'cache' : 'network' };
	}
	const failure = result.ok ? failureFrom(result.status, undefined) : result;
	if (cached) return { response: cached.response, fetchedAt: cached.fetchedAt, etag: cached.etag, source: 'cache', failure };
	return failure;
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
	const result = await apiGet<unknown>('/api/prisons', options);
	if (result.ok) {
		const fetchedAt = (options.now ?? Date.now)();
		const prisons = unwrapList<ServerPrison>(result.data, 'prisons').map((prison) => ({ ...prison, fetchedAt }));
		await db.transaction('rw', db.prisons, async () => {
			await db.prisons.clear();
			await db.prisons.bulkPut(prisons);
		});
		return { prisons, source: 'network' };
	}
	const cached = await db.prisons.toArray();
	return cached.length > 0 ? { prisons: cached, source: 'cache', failure: result } : result;
}
