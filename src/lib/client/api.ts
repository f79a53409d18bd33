import { hc, type ClientResponse } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
// Type-only: the server's route types, never its code (nothing under server/ reaches the bundle).
import type { ApiType } from '../../../server/app';
import { currentLocale, t } from '../shared/i18n';
import type { BookAPrisonVisitDb, CalendarRow, HttpMethod, PrisonRow } from './db';
import { getDeviceSecret } from './device';
import type { ApiErrorBody, CalendarResponse } from './types';

/*
 * The device's only way to the API: Hono's typed client (hc<ApiType>), so every path, body and
 * answer is the server's own, over a small transport of ours (device bearer or staff cookie,
 * timeout, caller's abort). Results are values, not exceptions: a page or the sync engine always
 * gets either the data or an ApiFailure in the contract's terms, and a network failure is just a
 * failure with status 0.
 *
 *   const result = await callApi((api) => api.staff.me.$get(), { auth: 'staff' });
 *   if (result.ok) result.data.name; // typed from the route's c.json(…)
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
export type ApiAuth = 'device' | 'staff' | 'none';
export type SendMethod = HttpMethod;

export interface ApiOptions {
	/** 'device' sends the bearer secret (needs `db` or `deviceSecret`); 'staff' sends the session cookie. */
	auth?: ApiAuth;
	db?: BookAPrisonVisitDb;
	deviceSecret?: string;
	fetch?: FetchLike;
	/** Where the API is: '' in the browser (same origin), an origin under Node. */
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
	/** From Retry-After on a 429 or 503. */
	retryAfterMs?: number;
	headers?: Headers;
}

export type ApiResult<T> = ApiSuccess<T> | ApiFailure;

export const NETWORK_FAILURE_CODE = 'network';
/** Set by the service worker on an API answer it took from its cache because the network failed. */
export const SERVED_FROM_CACHE_HEADER = 'x-served-from-sw-cache';
const DEFAULT_TIMEOUT_MS = 30_000;

/** The typed client's shape: `api.staff.requests[':id'].confirm.$post(…)`. */
export type ApiClient = ReturnType<typeof hc<ApiType>>['api'];

/** The client used only to build paths (`$path()`), e.g. for outbox items and EventSource: it never sends. */
export const apiPaths: ApiClient = hc<ApiType>('').api;

/** Path parameters, encoded: the typed client puts them into the path as given. */
export function params<P extends Record<string, string>>(values: P): P {
	return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, encodeURIComponent(value)])) as P;
}

/** What a call answers on success: the union of its 2xx answers' bodies. */
export type OkData<R> = R extends ClientResponse<infer T, infer S, infer _F> ? (S extends SuccessStatusCode ? T : never) : never;
/** Any typed call's answer. */
type AnyClientResponse = ClientResponse<unknown, number, string>;

/** A failure, as opposed to data or to a raw Response (which also has `ok: false` on a 4xx). */
export function isApiFailure(value: unknown): value is ApiFailure {
	if (typeof value !== 'object' || value === null) return false;
	const candidate = value as { ok?: unknown; code?: unknown };
	return candidate.ok === false && typeof candidate.code === 'string';
}

/** A path under /api (the one place that knows where the API is mounted besides the typed client). */
export function isApiPath(path: string): boolean {
	return /^\/api(\/|\?|$)/.test(path);
}

/** A route's path (`apiPaths.prisons[':prisonId'].slots.$path()`) as a pattern matching its concrete paths. */
export function pathPattern(routePath: string): RegExp {
	const escaped = routePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`^${escaped.replace(/:[^/]+/g, '[^/]+')}$`);
}

/** Only paths under /api: the bearer secret must never go anywhere else. */
export function apiUrl(path: string, baseUrl = ''): string {
	if (!isApiPath(path)) throw new Error(`Not an API path: ${path}`);
	return `${baseUrl.replace(/\/$/, '')}${path}`;
}

/** Thrown by the transport when no answer came back; callApi and sendStored turn it into networkFailure(). */
class NoAnswer extends Error {}

/**
 * The fetch the typed client sends through: auth, timeout and abort, and only to /api under
 * baseUrl. Throws NoAnswer when nothing came back.
 */
function transport(options: ApiOptions): (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> {
	const base = (options.baseUrl ?? '').replace(/\/$/, '');
	return async (input, init = {}) => {
		const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
		if (!url.startsWith(base)) throw new Error(`Not an API path: ${url}`);
		const target = apiUrl(url.slice(base.length), base);
		// The server answers errors in the device's language (and stores it with a new request, for push and email).
		const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLocale(), ...options.headers };
		new Headers(init.headers).forEach((value, name) => (headers[name] = value));
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
			return await doFetch(target, {
				method: init.method ?? 'GET',
				headers,
				body: init.body,
				// The staff session is an HttpOnly cookie; device calls carry no cookies at all.
				credentials: auth === 'staff' ? 'same-origin' : 'omit',
				signal: controller.signal,
				cache: options.cache
			});
		} catch {
			throw new NoAnswer();
		} finally {
			clearTimeout(timer);
			options.signal?.removeEventListener('abort', abortFromCaller);
		}
	};
}

/** The typed client over the transport. Prefer callApi; use this for answers that need the raw response (e.g. 304). */
export function apiClient(options: ApiOptions = {}): ApiClient {
	return hc<ApiType>(options.baseUrl ?? '', { fetch: transport(options) }).api;
}

/** A typed call's raw answer (any status), or a failure when none came back. */
export async function fetchApi<R extends AnyClientResponse>(
	call: (api: ApiClient) => Promise<R>,
	options: ApiOptions = {}
): Promise<R | ApiFailure> {
	try {
		return await call(apiClient(options));
	} catch (error) {
		if (error instanceof NoAnswer) return networkFailure();
		throw error;
	}
}

/** A typed call: its 2xx answer's body as data, or the contract's error as an ApiFailure. */
export async function callApi<R extends AnyClientResponse>(
	call: (api: ApiClient) => Promise<R>,
	options: ApiOptions = {}
): Promise<ApiResult<OkData<R>>> {
	const response = await fetchApi(call, options);
	return isApiFailure(response) ? response : readResult<OkData<R>>(response);
}

/** A stored request (an outbox item built by `commands`), sent through the same transport. */
export async function sendStored(
	request: { method: HttpMethod; path: string; body?: unknown },
	options: ApiOptions = {}
): Promise<ApiResult<unknown>> {
	try {
		const body = request.body === undefined ? undefined : JSON.stringify(request.body);
		const headers = body === undefined ? undefined : { 'content-type': 'application/json' };
		const response = await transport(options)(apiUrl(request.path, options.baseUrl), { method: request.method, headers, body });
		return await readResult<unknown>(response);
	} catch (error) {
		if (error instanceof NoAnswer) return networkFailure();
		throw error;
	}
}

/** Turns an answer into data or a typed failure (reads the body once). */
export async function readResult<T>(response: Pick<Response, 'ok' | 'status' | 'headers' | 'text'>): Promise<ApiResult<T>> {
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

export function failureFrom(status: number, body: unknown, headers?: Headers): ApiFailure {
	const retryAfterMs = parseRetryAfter(headers?.get('retry-after') ?? null);
	const error = isErrorBody(body) ? body.error : undefined;
	return {
		ok: false,
		status,
		code: error?.code ?? `http_${status}`,
		message: error?.message ?? fallbackMessage(status),
		...(error?.fields ? { fields: error.fields } : {}),
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
	const result = await callApi((api) => api.prisons.$get(), options);
	if (result.ok) {
		const fetchedAt = (options.now ?? Date.now)();
		const prisons = result.data.prisons.map((prison) => ({ ...prison, fetchedAt }));
		await db.transaction('rw', db.prisons, async () => {
			await db.prisons.clear();
			await db.prisons.bulkPut(prisons);
		});
		return { prisons, source: 'network' };
	}
	const cached = await db.prisons.toArray();
	return cached.length > 0 ? { prisons: cached, source: 'cache', failure: result } : result;
}
