import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/*
 * The push worker's queries. Times come from the worker's clock as parameters (not now()) so
 * tests can move time; server clocks are NTP-synchronised and the lease is minutes long, so a
 * little skew between processes only shifts a retry by that much.
 */

export interface ClaimedJob {
	id: string;
	subscriptionId: string;
	/** The serialised payload, exactly as queued. */
	payload: string;
	topic: string | null;
	ttl: number;
	urgency: string;
	/** Including this claim: a fencing token, since every claim increments it. */
	attempts: number;
	createdAt: Date;
	endpoint: string;
	p256dh: string;
	auth: string;
}

const at = (time: Date) => sql<Date>`${time.toISOString()}::timestamptz`;

/**
 * Takes up to `limit` due jobs for this worker: locks them with FOR UPDATE SKIP LOCKED (other
 * workers skip them instead of waiting), then, in the same short transaction, leases them until
 * now + leaseMs and counts the attempt. After commit no other worker will take them until the
 * lease runs out, so a worker that dies mid-send leaves its jobs to be retried later.
 */
export async function claimPushJobs(
	db: Kysely<Database>,
	options: { now: Date; leaseMs: number; limit: number; maxAttempts: number }
): Promise<ClaimedJob[]> {
	const { now, leaseMs, limit, maxAttempts } = options;
	return db.transaction().execute(async (trx) => {
		// Jobs whose last allowed attempt was claimed by a worker that never came back.
		await trx
			.updateTable('pushJobs')
			.set({ status: 'failed', lockedUntil: null, lastError: 'lease expired on the last attempt' })
			.where('status', '=', 'pending')
			.where('attempts', '>=', maxAttempts)
			.where('lockedUntil', '<=', at(now))
			.execute();

		const due = await trx
			.selectFrom('pushJobs as j')
			.innerJoin('pushSubscriptions as s', 's.id', 'j.subscriptionId')
			.select([
				'j.id',
				'j.subscriptionId',
				'j.payload',
				'j.topic',
				'j.ttl',
				'j.urgency',
				'j.attempts',
				'j.createdAt',
				's.endpoint',
				's.p256dh',
				's.auth'
			])
			.where('j.status', '=', 'pending')
			.where('j.nextAttemptAt', '<=', at(now))
			.where((eb) => eb.or([eb('j.lockedUntil', 'is', null), eb('j.lockedUntil', '<=', at(now))]))
			.where('j.attempts', '<', maxAttempts)
			.orderBy('j.nextAttemptAt')
			.limit(limit)
			.forUpdate('j')
			.skipLocked()
			.execute();
		if (due.length === 0) return [];

		await trx
			.updateTable('pushJobs')
			.set((eb) => ({
				lockedUntil: at(new Date(now.getTime() + leaseMs)),
				attempts: eb('attempts', '+', 1)
			}))
			.where(
				'id',
				'in',
				due.map((job) => job.id)
			)
			.execute();

		return due.map((job) => ({
			...job,
			// Re-serialised compactly: jsonb's own text form adds spaces the size budget didn't count.
			payload: JSON.stringify(typeof job.payload === 'string' ? JSON.parse(job.payload) : job.payload),
			attempts: Number(job.attempts) + 1,
			ttl: Number(job.ttl),
			createdAt: new Date(job.createdAt)
		}));
	});
}

/** Settles only a job this worker still holds: same attempt number as its claim. */
function held(db: Kysely<Database>, job: Pick<ClaimedJob, 'id' | 'attempts'>) {
	return db.updateTable('pushJobs').where('id', '=', job.id).where('attempts', '=', job.attempts).where('status', '=', 'pending');
}

/** Returns false when the lease had run out and another worker took the job meanwhile. */
export async function markPushJobSent(db: Kysely<Database>, job: ClaimedJob, now: Date): Promise<boolean> {
	const result = await held(db, job)
		.set({ status: 'sent', sentAt: at(now), lockedUntil: null, lastError: null })
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export async function markPushJobFailed(db: Kysely<Database>, job: ClaimedJob, error: string): Promise<boolean> {
	const result = await held(db, job)
		.set({ status: 'failed', lockedUntil: null, lastError: error.slice(0, 1000) })
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export async function reschedulePushJob(db: Kysely<Database>, job: ClaimedJob, nextAttemptAt: Date, error: string): Promise<boolean> {
	const result = await held(db, job)
		.set({ nextAttemptAt: at(nextAttemptAt), lockedUntil: null, lastError: error.slice(0, 1000) })
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** The push service says the subscription is gone: drop it (its other jobs cascade away). */
export async function deletePushSubscriptionById(db: Kysely<Database>, subscriptionId: string): Promise<void> {
	await db.deleteFrom('pushSubscriptions').where('id', '=', subscriptionId).execute();
}

/** When the next pending job becomes claimable, so an idle worker can sleep until then. */
export async function nextPushJobDueAt(db: Kysely<Database>): Promise<Date | null> {
	const row = await db
		.selectFrom('pushJobs')
		.select(sql<Date | string | null>`min(greatest(next_attempt_at, coalesce(locked_until, next_attempt_at)))`.as('dueAt'))
		.where('status', '=', 'pending')
		.executeTakeFirst();
	return row?.dueAt ? new Date(row.dueAt) : null;
}

/**
 * Which of these transactions (pg_current_xact_id() values) were still running when this query
 * began. A transaction reported as over here is over for every later query too, so its jobs are
 * visible to the next nextPushJobDueAt: ask this first, then that.
 */
export async function stillRunning(db: Kysely<Database>, transactionIds: readonly string[]): Promise<Set<string>> {
	if (transactionIds.length === 0) return new Set();
	// One text parameter rather than an array: both drivers (pg, PGlite) pass text the same way.
	const { rows } = await sql<{ xid: string }>`
		select xid from unnest(string_to_array(${transactionIds.join(',')}, ',')) as xid
		where not pg_visible_in_snapshot(xid::xid8, pg_current_snapshot())`.execute(db);
	return new Set(rows.map((row) => row.xid));
}
