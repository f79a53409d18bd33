/*
 * When to try a push again after a temporary failure (408, 429, 5xx, network). Exponential
 * backoff spreads retries out while a push service is struggling; jitter stops every server's
 * queue from hammering it in step when it comes back.
 */

export const RETRY_BASE_MS = 10_000;
export const RETRY_MAX_MS = 60 * 60 * 1000;
/** A Retry-After longer than this is treated as this: the message would be stale anyway. */
export const RETRY_AFTER_MAX_MS = 6 * 60 * 60 * 1000;

/** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | null {
	const text = Array.isArray(value) ? value[0] : value;
	if (!text) return null;
	if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}

/**
 * Delay before attempt `attempt + 1`: 10 s, 20 s, 40 s … up to an hour, each scaled by a random
 * 50–100 %, and never sooner than the push service's Retry-After.
 */
export function retryDelayMs(options: { attempt: number; retryAfter?: string | string[]; now: Date; random: () => number }): number {
	const exponential = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, options.attempt - 1));
	const jittered = Math.round(exponential * (0.5 + options.random() * 0.5));
	const retryAfter = parseRetryAfter(options.retryAfter, options.now);
	return retryAfter === null ? jittered : Math.max(jittered, Math.min(retryAfter, RETRY_AFTER_MAX_MS));
}
