// Token-bucket rate limits, kept in the database (table rate_limits, 004_security) so that every
// server process sees the same counters: N processes allow the limit once, not N times. Each take
// is one atomic upsert, the same SQL on PostgreSQL and PGlite; the time is the app's clock, passed
// in, so tests can move it.
import { createHash } from 'node:crypto';
import type { Context, Env, MiddlewareHandler } from 'hono';
import { sql, type Kysely } from 'kysely';
import { tPlural } from '../../src/lib/shared/i18n/index';
import type { Database } from '../db/schema';
import { groupCommit } from '../db/group-commit';
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
	#refilled(now: Date, capacity: number) {
		return sql<number>`least(${capacity}::float8, rate_limits.tokens + greatest(0::float8, extract(epoch from (${now}::timestamptz - rate_limits.updated_at))::float8 * 1000 / ${this.#refillEveryMs}::float8))`;
	}

	/**
	 * Takes one token for subject if there is one: atomic across processes. `capacity` replaces the
	 * limiter's burst for this subject (a prison's burst follows its places); it refills at the same rate.
	 */
	async take(subject: string, options: { capacity?: number } = {}): Promise<TakeResult> {
		const key = this.#key(subject);
		const capacity = options.capacity ?? this.#capacity;
		// Inside a caller's transaction the take commits with it; elsewhere, takes that arrive together share one statement.
		const taken = this.#db.isTransaction ? await this.#takeOne(key, capacity, this.#clock()) : await this.#gathered({ key, capacity });
		if (Math.random() < 0.001) void this.sweep().catch(() => {});
		if (taken !== null) return { allowed: true, retryAfterSeconds: 0, remaining: Math.floor(taken) };
		const tokens = await this.peek(subject, options);
		const waitMs = (1 - tokens) * this.#refillEveryMs;
		return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), remaining: 0 };
	}

	/**
	 * Its own transaction does not wait for the commit to reach the disk (synchronous_commit off for
	 * it alone, never inside a caller's transaction): a crash may forget the last fraction of a
	 * second of takes, which gives a few phones a token back, and a submit no longer waits for
	 * two flushes of the write-ahead log besides its own. Still atomic and visible to every process at once.
	 */
	#asynchronous() {
		return this.#db.isTransaction ? sql`true` : sql`set_config('synchronous_commit', 'off', true) = 'off'`;
	}

	/** One token for one key: the tokens left, or null when there was none. */
	async #takeOne(key: string, capacity: number, now: Date): Promise<number | null> {
		const refilled = this.#refilled(now, capacity);
		const taken = await sql<{ tokens: number }>`
			insert into rate_limits (key, tokens, updated_at)
			select ${key}::text, ${capacity - 1}::float8, ${now}::timestamptz where ${this.#asynchronous()}
			on conflict (key) do update
				set tokens = ${refilled} - 1, updated_at = greatest(rate_limits.updated_at, ${now}::timestamptz)
				where ${refilled} >= 1
			returning tokens
		`.execute(this.#db);
		const row = taken.rows[0];
		return row ? Number(row.tokens) : null;
	}

	/**
	 * Takes gathered from concurrent calls (group commit): one statement per burst size takes every
	 * key's tokens at once (n calls for a key take n tokens, all or none). A key that had fewer than
	 * its calls want goes one call at a time, so each gets exactly what the bucket allows.
	 */
	readonly #gathered = groupCommit<{ key: string; capacity: number }, number | null>(async (calls) => {
		const now = this.#clock();
		const left = new Map<string, number>();
		const wanted = new Map<string, number>();
		// One burst per key in a batch (the first call's), so a key is in one statement only.
		const capacityOf = new Map<string, number>();
		for (const call of calls) {
			wanted.set(call.key, (wanted.get(call.key) ?? 0) + 1);
			if (!capacityOf.has(call.key)) capacityOf.set(call.key, call.capacity);
		}
		for (const capacity of new Set(capacityOf.values())) {
			const keys = [...capacityOf].filter(([, c]) => c === capacity).map(([key]) => key);
			const rows = JSON.stringify(keys.map((key) => ({ key, n: wanted.get(key)! })));
			const refilled = this.#refilled(now, capacity);
			// The proposed row carries capacity - n, so the update reads n back from excluded.tokens.
			const { rows: taken } = await sql<{ key: string; tokens: number }>`
				insert into rate_limits (key, tokens, updated_at)
				select w.key, ${capacity}::float8 - w.n, ${now}::timestamptz
				from jsonb_to_recordset(${rows}::jsonb) as w(key text, n int)
				where w.n <= ${capacity} and ${this.#asynchronous()}
				-- Rows locked in one order by every statement, so two batches that share keys never deadlock.
				order by w.key
				on conflict (key) do update
					set tokens = ${refilled} - (${capacity}::float8 - excluded.tokens),
						updated_at = greatest(rate_limits.updated_at, ${now}::timestamptz)
					where ${refilled} >= ${capacity}::float8 - excluded.tokens
				returning key, tokens
			`.execute(this.#db);
			for (const row of taken) left.set(row.key, Number(row.tokens));
		}
		const answers: (number | null)[] = [];
		const seen = new Map<string, number>();
		for (const call of calls) {
			const after = left.get(call.key);
			if (after !== undefined) {
				// The calls for one key share the batch's take: later ones see fewer left.
				const before = seen.get(call.key) ?? 0;
				seen.set(call.key, before + 1);
				answers.push(after + (wanted.get(call.key)! - before - 1));
			} else answers.push(await this.#takeOne(call.key, call.capacity, now));
		}
		return answers;
	});

	/** Tokens left for subject, without taking one (capacity for an unknown subject). */
	async peek(subject: string, options: { capacity?: number } = {}): Promise<number> {
		const now = this.#clock();
		const capacity = options.capacity ?? this.#capacity;
		const row = await sql<{
			tokens: number;
		}>`select ${this.#refilled(now, capacity)} as tokens from rate_limits where key = ${this.#key(subject)}`.execute(this.#db);
		const tokens = row.rows[0]?.tokens;
		return tokens === undefined ? capacity : Number(tokens);
	}

	/** Puts back a token taken for something that turned out not to count (a right claim): one atomic statement. */
	async giveBack(subject: string): Promise<void> {
		await sql`update rate_limits set tokens = least(${this.#capacity}::float8, tokens + 1) where key = ${this.#key(subject)}`.execute(
			this.#db
		);
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

export function rateLimitedError(retryAfterSeconds: number, message = tPlural('platform.error.rateLimited', retryAfterSeconds)): ApiError {
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
