import { sql, type Kysely } from 'kysely';
import type { DeliveryFailureReason } from '../../src/lib/shared/domain';
import type { Database, MessageChannel } from '../db/schema';

/*
 * The message worker's queries on the deliveries table. Times come from the worker's clock as
 * parameters (not now()) so tests can move time; server clocks are NTP-synchronised and the lease
 * is minutes long, so a little skew between processes only shifts a retry by that much.
 */

export interface ClaimedDelivery {
	id: string;
	requestId: string | null;
	waitlistEntryId: string | null;
	channel: MessageChannel;
	kind: string;
	language: string;
	subscriptionId: string | null;
	/** A push's JSON, compact, exactly as queued; null when it is rendered now. */
	payload: string | null;
	topic: string | null;
	ttl: number;
	urgency: string;
	/** Including this claim: a fencing token, since every claim increments it. */
	attempts: number;
	createdAt: Date;
	/** The push subscription, when the delivery is a push to a browser still subscribed. */
	endpoint: string | null;
	p256dh: string | null;
	auth: string | null;
}

const at = (time: Date) => sql<Date>`${time.toISOString()}::timestamptz`;

/**
 * Takes up to `limit` due deliveries on these channels: locks them with FOR UPDATE SKIP LOCKED
 * (other workers skip them instead of waiting), then, in the same short transaction, marks them
 * `sending`, leases them until now + leaseMs and counts the attempt. After commit no other worker
 * takes them until the lease runs out, so a worker that dies mid-send leaves them to be retried.
 * A channel this process cannot send on (no provider configured) is left for one that can.
 */
export async function claimDeliveries(
	db: Kysely<Database>,
	options: { now: Date; leaseMs: number; limit: number; maxAttempts: number; channels: readonly MessageChannel[] }
): Promise<ClaimedDelivery[]> {
	const { now, leaseMs, limit, maxAttempts, channels } = options;
	if (channels.length === 0) return [];
	return db.transaction().execute(async (trx) => {
		// Deliveries whose last allowed attempt was claimed by a worker that never came back.
		await trx
			.updateTable('deliveries')
			.set({ status: 'failed', lockedUntil: null, failureReason: 'gave_up', failure: null, statusAt: at(now) })
			.where('status', '=', 'sending')
			.where('attempts', '>=', maxAttempts)
			.where('lockedUntil', '<=', at(now))
			.execute();

		// Pushes to a browser that unsubscribed (or moved to another device) since they were queued.
		await trx
			.updateTable('deliveries')
			.set({ status: 'failed', lockedUntil: null, failureReason: 'unsubscribed', failure: null, statusAt: at(now) })
			.where('status', 'in', ['queued', 'sending'])
			.where('channel', '=', 'push')
			.where('subscriptionId', 'is', null)
			.where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', at(now))]))
			.execute();

		const due = await trx
			.selectFrom('deliveries as d')
			.leftJoin('pushSubscriptions as s', 's.id', 'd.subscriptionId')
			.select([
				'd.id',
				'd.requestId',
				'd.waitlistEntryId',
				'd.channel',
				'd.kind',
				'd.language',
				'd.subscriptionId',
				'd.payload',
				'd.topic',
				'd.ttl',
				'd.urgency',
				'd.attempts',
				'd.createdAt',
				's.endpoint',
				's.p256dh',
				's.auth'
			])
			.where('d.status', 'in', ['queued', 'sending'])
			.where('d.channel', 'in', channels)
			// Due by the worker's clock or the database's: one and the same in production; a test that
			// moves the worker's clock must still see rows the database dated itself (a default now()).
			.where('d.nextAttemptAt', '<=', sql<Date>`greatest(${at(now)}, now())`)
			.where((eb) => eb.or([eb('d.lockedUntil', 'is', null), eb('d.lockedUntil', '<=', at(now))]))
			.where('d.attempts', '<', maxAttempts)
			.orderBy('d.nextAttemptAt')
			.limit(limit)
			.forUpdate('d')
			.skipLocked()
			.execute();
		if (due.length === 0) return [];

		await trx
			.updateTable('deliveries')
			.set((eb) => ({
				status: 'sending',
				statusAt: at(now),
				lockedUntil: at(new Date(now.getTime() + leaseMs)),
				attempts: eb('attempts', '+', 1)
			}))
			.where(
				'id',
				'in',
				due.map((delivery) => delivery.id)
			)
			.execute();

		return due.map((delivery) => ({
			...delivery,
			// Re-serialised compactly: jsonb's own text form adds spaces the size budget didn't count.
			payload:
				delivery.payload === null
					? null
					: JSON.stringify(typeof delivery.payload === 'string' ? JSON.parse(delivery.payload) : delivery.payload),
			attempts: Number(delivery.attempts) + 1,
			ttl: Number(delivery.ttl),
			createdAt: new Date(delivery.createdAt)
		}));
	});
}

/** Settles only a delivery this worker still holds: same attempt number as its claim. */
function held(db: Kysely<Database>, delivery: Pick<ClaimedDelivery, 'id' | 'attempts'>) {
	return db
		.updateTable('deliveries')
		.where('id', '=', delivery.id)
		.where('attempts', '=', delivery.attempts)
		.where('status', '=', 'sending');
}

export interface SentDetails {
	provider: string;
	/** The provider's id for it (Notify's), so its receipt can find it. */
	providerId?: string;
	toMasked?: string | null;
	language: string;
}

/** Returns false when the lease had run out and another worker took the delivery meanwhile. */
export async function markDeliverySent(db: Kysely<Database>, delivery: ClaimedDelivery, now: Date, details: SentDetails): Promise<boolean> {
	const result = await held(db, delivery)
		.set({
			status: 'sent',
			statusAt: at(now),
			lockedUntil: null,
			failure: null,
			failureReason: null,
			provider: details.provider,
			providerId: details.providerId ?? null,
			toMasked: details.toMasked ?? null,
			language: details.language
		})
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** Why a delivery failed: a code staff read from the catalogue, and the provider's own words when it gave some. */
export interface DeliveryFailure {
	reason: DeliveryFailureReason;
	detail?: string | null;
}

export async function markDeliveryFailed(
	db: Kysely<Database>,
	delivery: ClaimedDelivery,
	now: Date,
	failure: DeliveryFailure,
	details: Partial<SentDetails> = {}
): Promise<boolean> {
	const result = await held(db, delivery)
		.set({
			status: 'failed',
			statusAt: at(now),
			lockedUntil: null,
			failureReason: failure.reason,
			failure: failure.detail ? failure.detail.slice(0, 300) : null,
			...(details.provider ? { provider: details.provider } : {}),
			...(details.toMasked ? { toMasked: details.toMasked } : {}),
			...(details.language ? { language: details.language } : {})
		})
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export async function rescheduleDelivery(
	db: Kysely<Database>,
	delivery: ClaimedDelivery,
	nextAttemptAt: Date,
	reason: string
): Promise<boolean> {
	const result = await held(db, delivery)
		.set({ status: 'queued', nextAttemptAt: at(nextAttemptAt), lockedUntil: null, failure: reason.slice(0, 300) })
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** The push service says the browser's subscription is gone: drop it (its deliveries stay as the record). */
export async function deletePushSubscriptionById(db: Kysely<Database>, subscriptionId: string): Promise<void> {
	await db.deleteFrom('pushSubscriptions').where('id', '=', subscriptionId).execute();
}

/** When the next waiting delivery on these channels becomes claimable, so an idle worker can sleep until then. */
export async function nextDeliveryDueAt(db: Kysely<Database>, channels: readonly MessageChannel[]): Promise<Date | null> {
	if (channels.length === 0) return null;
	const row = await db
		.selectFrom('deliveries')
		.select(sql<Date | string | null>`min(greatest(next_attempt_at, coalesce(locked_until, next_attempt_at)))`.as('dueAt'))
		.where('status', 'in', ['queued', 'sending'])
		.where('channel', 'in', channels)
		.executeTakeFirst();
	return row?.dueAt ? new Date(row.dueAt) : null;
}

/**
 * Which of these transactions (pg_current_xact_id() values) were still running when this query
 * began. A transaction reported as over here is over for every later query too, so its deliveries
 * are visible to the next nextDeliveryDueAt: ask this first, then that.
 */
export async function stillRunning(db: Kysely<Database>, transactionIds: readonly string[]): Promise<Set<string>> {
	if (transactionIds.length === 0) return new Set();
	// One text parameter rather than an array: both drivers (pg, PGlite) pass text the same way.
	const { rows } = await sql<{ xid: string }>`
		select xid from unnest(string_to_array(${transactionIds.join(',')}, ',')) as xid
		where not pg_visible_in_snapshot(xid::xid8, pg_current_snapshot())`.execute(db);
	return new Set(rows.map((row) => row.xid));
}
