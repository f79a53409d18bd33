import { hc, type ClientResponse } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
// Type-only: the server's route types, never its code (nothing under server/ reaches the bundle).
import type { ApiType } from '../../../server/app';
import { currentLocale } from '../shared/i18n';
import { isApiFailure, networkFailure, readResult, type ApiFailure, type ApiResult } from './api-result';
import type { BookAPrisonVisitDb, HttpMethod } from './db';
import { getDeviceSecret } from './device';

/*
 * The device's only way to the API: Hono's typed client (hc<ApiType>), so every path, body and
 * answer is the server's own, over a small transport of ours (device bearer or staff cookie,
 * timeout, caller's abort). Results are values, not exceptions (api-result.ts): a page or the sync
 * engine always gets either the data or an ApiFailure, and a network failure is status 0. The reads
 * the device keeps a copy of are in cached-reads.ts.
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
