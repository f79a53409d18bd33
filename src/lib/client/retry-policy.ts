import type { ApiFailure } from './api-result';

/*
 * What an answer means for a queued item, and when a retried one goes again: done on a 2xx,
 * refused for good on a 4xx that retrying cannot fix, otherwise tried later with full-jitter
 * backoff (or the server's Retry-After, within a cap).
 */

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/** A Retry-After longer than this is treated as this (a misconfigured header must not park a request for days). */
export const RETRY_AFTER_CAP_MS = 60 * 60_000;

/** Statuses that mean "this exact request will never be accepted": retrying cannot help. */
const RETRYABLE_4XX = new Set([401, 408, 425, 429]);

export type Outcome =
	| { type: 'done'; status: number; data: unknown }
	| { type: 'failed'; failure: ApiFailure }
	| { type: 'retry'; failure: ApiFailure; retryAfterMs?: number }
	/** The device secret was replaced: try again straight away with the new one. */
	| { type: 'retry-now'; failure: ApiFailure }
	/** The staff session ended: keep the item untouched until someone signs in again. */
	| { type: 'staff-sign-in'; failure: ApiFailure };

/** Full jitter: a random wait between 0 and min(cap, base · 2^attempts). */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts));
	return Math.floor(random() * ceiling);
}

export function isDefiniteRefusal(status: number): boolean {
	return status >= 400 && status < 500 && !RETRYABLE_4XX.has(status);
}
