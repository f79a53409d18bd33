import { t } from '../shared/i18n';
import type { ApiErrorBody, HitVisit } from '../shared/answers';

/*
 * What a call to the API comes to: the data of a 2xx, or an ApiFailure in the contract's terms
 * (its code, message, fields), with a network failure as status 0. Values, not exceptions, so a
 * page or the sync engine always has one of the two.
 */

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

/** A failure, as opposed to data or to a raw Response (which also has `ok: false` on a 4xx). */
export function isApiFailure(value: unknown): value is ApiFailure {
	if (typeof value !== 'object' || value === null) return false;
	const candidate = value as { ok?: unknown; code?: unknown };
	return candidate.ok === false && typeof candidate.code === 'string';
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
