// Token-bucket rate limits, kept in memory. They are PER PROCESS: with several server instances each
// has its own buckets, so the effective limit is multiplied by the number of instances. That is enough
// for this service's abuse limits; a shared store (Postgres or Redis) would be needed for exact ones.
import type { Context, Env, MiddlewareHandler } from 'hono';
import { t } from '../../src/lib/shared/i18n/index';
import { ApiError, respondWithError } from './errors';

export interface TokenBucketOptions {
	/** Requests allowed in a burst. */
	capacity: number;
	/** Milliseconds for one token to come back. */
	refillEveryMs: number;
	clock?: () => Date;
	/** Buckets kept before full ones are swept (memory bound). */
	maxKeys?: number;
}

export interface TakeResult {
	allowed: boolean;
	/** Whole seconds until the next request would be allowed (0 when allowed). */
	retryAfterSeconds: number;
	remaining: number;
}

interface Bucket {
	tokens: number;
	updatedAt: number;
}

export class TokenBucketLimiter {
	readonly #buckets = new Map<string, Bucket>();
	readonly #capacity: number;
	readonly #refillEveryMs: number;
	readonly #clock: () => Date;
	readonly #maxKeys: number;

	constructor(options: TokenBucketOptions) {
		this.#capacity = options.capacity;
		this.#refillEveryMs = options.refillEveryMs;
		this.#clock = options.clock ?? (() => new Date());
		this.#maxKeys = options.maxKeys ?? 100_000;
	}

	/** Takes one token for key if there is one. */
	take(key: string): TakeResult {
		const now = this.#clock().getTime();
		const bucket = this.#refilled(key, now);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			this.#buckets.set(key, bucket);
			this.#sweepIfLarge(now);
			return { allowed: true, retryAfterSeconds: 0, remaining: Math.floor(bucket.tokens) };
		}
		this.#buckets.set(key, bucket);
		const waitMs = (1 - bucket.tokens) * this.#refillEveryMs;
		return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), remaining: 0 };
	}

	/** Forget a key (e.g. after a successful login, clear that email's failures). */
	reset(key: string): void {
		this.#buckets.delete(key);
	}

	#refilled(key: string, now: number): Bucket {
		const bucket = this.#buckets.get(key);
		if (!bucket) return { tokens: this.#capacity, updatedAt: now };
		const regained = (now - bucket.updatedAt) / this.#refillEveryMs;
		return { tokens: Math.min(this.#capacity, bucket.tokens + Math.max(0, regained)), updatedAt: now };
	}

	#sweepIfLarge(now: number): void {
		if (this.#buckets.size <= this.#maxKeys) return;
		for (const [key, bucket] of this.#buckets) {
			if (bucket.tokens + (now - bucket.updatedAt) / this.#refillEveryMs >= this.#capacity) this.#buckets.delete(key);
		}
	}
}

export function rateLimitedError(retryAfterSeconds: number): ApiError {
	return new ApiError(429, 'rate_limited', t('platform.error.rateLimited', { seconds: retryAfterSeconds }), {
		headers: { 'Retry-After': String(retryAfterSeconds) }
	});
}

/**
 * Middleware: one token per request from the bucket named by key(c). A null key skips the limit
 * (e.g. no device yet: the auth middleware will refuse the request anyway).
 */
export function rateLimit<E extends Env = Env>(
	limiter: TokenBucketLimiter,
	key: (c: Context<E>) => string | null | undefined
): MiddlewareHandler<E> {
	return async (c, next) => {
		const name = key(c);
		if (name) {
			const result = limiter.take(name);
			if (!result.allowed) return respondWithError(c, rateLimitedError(result.retryAfterSeconds));
		}
		await next();
	};
}
