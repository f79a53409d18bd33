// Token-bucket rate limits, kept in the database (table rate_limits, 004_security) so that every
// server process sees the same counters: N processes allow the limit once, not N times. Each take
// is one atomic upsert, the same SQL on PostgreSQL and PGlite; the time is the app's clock, passed
// in, so tests can move it.
import { createHash } from 'node:crypto';
import type { Context, Env, MiddlewareHandler } from 'hono';
import { sql, type Kysely } from 'kysely';
import { t } from '../../src/lib/shared/i18n/index';
import type { Database } from '../db/schema';
import { ApiError, respondWithError } from './errors';

export interface TokenBucketOptions {
	/** Requests allowed in a burst. */
	capacity: number;
	/** Milliseconds for one token to come back. */
	refillEveryMs: number;
}

export interface TakeResult {
	allowed: boolean;
	/** Whole seconds until the next request would be allowed (0 when allowed). */
	retryAfterSeconds: number;
	remaining: number;
}

/** Buckets untouched this long are full again whatever their limit, and are swept. */
const SWEEP_AFTER_MS = 24 * 60 * 60 * 1000;

/** A named limit (e.g. 'login-address'); keys within it are hashed, so no email or address is stored. */
export class RateLimiter {
	readonly #db: Kysely<Database>;
	readonly #name: string;
	readonly #capacity: number;
	readonly #refillEveryMs: number;
	readonly #clock: () => Date;

	constructor(db: Kysely<Database>, name: string, options: TokenBucketOptions & { clock?: () => Date }) {
		this.#db = db;
		this.#name = name;
		this.#capacity = options.capacity;
		this.#refillEveryMs = options.refillEveryMs;
		this.#clock = options.clock ?? (() => new Date());
	}

	#key(subject: string): string {
		return createHash('sha256').update(`${this.#name}\u0000${subject}`).digest('base64url');
	}

	/** Tokens in the bucket now, refilled to the clock (SQL over the stored row). */
	#refilled(now: Date) {
		return sql<number>`least(${this.#capacity}::float8, rate_limits.tokens + greatest(0::float8, extract(epoch from (${now}::timestamptz - rate_limits.updated_at))::float8 * 1000 / ${this.#refillEveryMs}::float8))`;
	}

	/** Takes one token for subject if there is one: one statement, atomic across processes. */
	async take(subject: string): Promise<TakeResult> {
		const now = this.#clock();
		const key = this.#key(subject);
		const refilled = this.#refilled(now);
		// Its own transaction does not wait for the commit to reach the disk (synchronous_commit off for
		// it alone, never inside a caller's transaction): a crash may forget the last fraction of a
		// second of takes, which gives a few phones a token back, and a submit no longer waits for
		// two flushes of the write-ahead log besides its own (issue #17). Still atomic and visible to
		// every process at once.
		const asynchronous = this.#db.isTransaction ? sql`true` : sql`set_config('synchronous_commit', 'off', true) = 'off'`;
		const taken = await sql<{ tokens: number }>`
			insert into rate_limits (key, tokens, updated_at)
			select ${key}::text, ${this.#capacity - 1}::float8, ${now}::timestamptz where ${asynchronous}
			on conflict (key) do update
				set tokens = ${refilled} - 1, updated_at = greatest(rate_limits.updated_at, ${now}::timestamptz)
				where ${refilled} >= 1
			returning tokens
		`.execute(this.#db);
		if (Math.random() < 0.001) void this.sweep(now).catch(() => {});
		const row = taken.rows[0];
		if (row) return { allowed: true, retryAfterSeconds: 0, remaining: Math.floor(Number(row.tokens)) };
		const tokens = await this.peek(subject);
		const waitMs = (1 - tokens) * this.#refillEveryMs;
		return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), remaining: 0 };
	}

	/** Tokens left for subject, without taking one (capacity for an unknown subject). */
	async peek(subject: string): Promise<number> {
		const now = this.#clock();
		const row = await sql<{
			tokens: number;
		}>`select ${this.#refilled(now)} as tokens from rate_limits where key = ${this.#key(subject)}`.execute(this.#db);
		const tokens = row.rows[0]?.tokens;
		return tokens === undefined ? this.#capacity : Number(tokens);
	}

	/** Forget a subject (e.g. after a successful login, clear that pair's failures). */
	async reset(subject: string): Promise<void> {
		await this.#db.deleteFrom('rateLimits').where('key', '=', this.#key(subject)).execute();
	}

	/** Deletes buckets nobody has touched for a day (full again by then). */
	async sweep(now = this.#clock()): Promise<void> {
		await this.#db
			.deleteFrom('rateLimits')
			.where('updatedAt', '<', new Date(now.getTime() - SWEEP_AFTER_MS))
			.execute();
	}
}

export function rateLimitedError(
	retryAfterSeconds: number,
	message = t('platform.error.rateLimited', { seconds: retryAfterSeconds })
): ApiError {
	return new ApiError(429, 'rate_limited', message, {
		headers: { 'Retry-After': String(retryAfterSeconds) }
	});
}

/**
 * Middleware: one token per request from the bucket named by key(c). A null key skips the limit
 * (e.g. no device yet: the auth middleware will refuse the request anyway).
 */
export function rateLimit<E extends Env = Env>(
	limiter: RateLimiter,
	key: (c: Context<E>) => string | null | undefined
): MiddlewareHandler<E> {
	return async (c, next) => {
		const name = key(c);
		if (name) {
			const result = await limiter.take(name);
			if (!result.allowed) return respondWithError(c, rateLimitedError(result.retryAfterSeconds));
		}
		await next();
	};
}
