import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Locale } from '../../src/lib/shared/i18n';
import type { PushPayload } from '../../src/lib/shared/schemas-push';
import type { Database } from '../db/schema';
import { announceDeliveries } from './outbox';

/*
 * Pushes in the one outbox (server/messages/outbox.ts): a delivery per subscribed browser, written
 * in the same transaction as the state change it announces; the message worker sends them.
 */

export type PushUrgency = 'very-low' | 'low' | 'normal' | 'high';

/** A notification about a visit is stale after a day: the app shows the current state anyway. */
export const DEFAULT_PUSH_TTL_SECONDS = 24 * 60 * 60;

/**
 * Push services accept 4096 bytes of encrypted body; aes128gcm adds 86 bytes of header, a
 * delimiter and a 16-byte tag. 3000 bytes of JSON leaves room for that and future fields.
 */
export const MAX_PAYLOAD_BYTES = 3000;

const DECISIONS = new Set(['booked', 'rejected', 'cancelled']);

/**
 * The Topic for messages about one request (RFC 8030 §5.4): the push service keeps only the newest
 * undelivered message per topic, so "booked" then "cancelled" while the phone is off shows only
 * "cancelled". A hash keeps the request id itself out of the push service's hands; 22 base64url
 * characters (132 bits) fit the 32-character limit.
 */
export function topicForRequest(requestId: string): string {
	return createHash('sha256').update(`visit-request:${requestId}`).digest('base64url').slice(0, 22);
}

/** The Topic for one waiting-list entry's "a place came up": a newer one replaces an undelivered older one. */
export function topicForWaitlistEntry(entryId: string): string {
	return createHash('sha256').update(`waitlist-entry:${entryId}`).digest('base64url').slice(0, 22);
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;

/**
 * The JSON sent to the service worker, shortened to fit: only the body is cut (with an
 * ellipsis), since a staff message can be long and the app shows it in full when opened.
 * Throwing instead would roll back the staff decision this message is part of.
 */
export function serialisePayload(payload: PushPayload): string {
	let json = JSON.stringify(payload);
	if (byteLength(json) <= MAX_PAYLOAD_BYTES) return json;
	const chars = [...payload.body];
	let keep = chars.length;
	while (keep > 0 && byteLength(json) > MAX_PAYLOAD_BYTES) {
		keep = Math.floor(keep * 0.9);
		json = JSON.stringify({ ...payload, body: chars.slice(0, keep).join('') + '…' });
	}
	if (byteLength(json) > MAX_PAYLOAD_BYTES) {
		throw new Error('push payload is too large even without its body');
	}
	return json;
}

interface PushOptions {
	/** Written in full now (an officer's push, tests); without it the push is written when sent, from `kind`. */
	payload?: PushPayload;
	topic?: string | null;
	/** Seconds the push service should keep the message for an offline browser. */
	ttl?: number;
	urgency?: PushUrgency;
}

/**
 * Queues a push about a visit request (or a waiting-list entry) to every browser of the device,
 * one delivery per browser in the one outbox. Call it inside the transaction that changes the
 * request. Returns the number queued (0 when the visitor has not turned notifications on).
 */
export async function enqueueForRequest(
	trx: Kysely<Database>,
	options: PushOptions & { deviceId: string; kind?: string; language?: string } & (
			{ requestId: string; waitlistEntryId?: undefined } | { waitlistEntryId: string; requestId?: undefined }
		)
): Promise<number> {
	const payload = options.payload ? serialisePayload(options.payload) : null;
	const topic = options.topic === undefined && options.requestId ? topicForRequest(options.requestId) : (options.topic ?? null);
	const kind = options.kind ?? options.payload?.status ?? 'push';
	const urgency = options.urgency ?? (DECISIONS.has(kind) ? 'high' : 'normal');
	// The request only when it is stored (tests queue pushes about made-up ones).
	const requestId = options.requestId
		? sql<string | null>`(select id from visit_requests where id = ${options.requestId}::uuid)`
		: sql<null>`null::uuid`;
	const result = await trx
		.insertInto('deliveries')
		.columns(['requestId', 'waitlistEntryId', 'channel', 'kind', 'language', 'subscriptionId', 'payload', 'topic', 'ttl', 'urgency'])
		.expression((eb) =>
			eb
				.selectFrom('pushSubscriptions')
				.select([
					requestId.as('requestId'),
					sql<string | null>`${options.waitlistEntryId ?? null}::uuid`.as('waitlistEntryId'),
					sql<'push'>`'push'`.as('channel'),
					sql<string>`${kind}::text`.as('kind'),
					sql<string>`coalesce(${options.language ?? null}::text, push_subscriptions.language)`.as('language'),
					'pushSubscriptions.id as subscriptionId',
					sql`${payload}::jsonb`.as('payload'),
					sql<string | null>`${topic}::text`.as('topic'),
					sql<number>`${options.ttl ?? DEFAULT_PUSH_TTL_SECONDS}::int`.as('ttl'),
					sql<string>`${urgency}::text`.as('urgency')
				])
				.where('pushSubscriptions.deviceId', '=', options.deviceId)
		)
		.executeTakeFirst();
	const queued = Number(result.numInsertedOrUpdatedRows ?? 0);
	if (queued > 0) await announceDeliveries(trx);
	return queued;
}

/**
 * Queues a push to every staff browser opted in to this prison's new requests, for staff still
 * allowed to see that prison. Call it inside the transaction that stores the request.
 */
export async function enqueueForPrisonStaff(
	trx: Kysely<Database>,
	options: PushOptions & {
		payload: PushPayload;
		prisonId: string;
		/** Only browsers in this language (their payload is written in it). */
		language?: Locale;
	}
): Promise<number> {
	const payload = serialisePayload(options.payload);
	const result = await trx
		.insertInto('deliveries')
		.columns(['channel', 'kind', 'language', 'subscriptionId', 'payload', 'topic', 'ttl', 'urgency'])
		.expression((eb) =>
			eb
				.selectFrom('pushSubscriptions')
				.innerJoin('staffPrisons', (join) =>
					join
						.onRef('staffPrisons.staffId', '=', 'pushSubscriptions.staffId')
						.onRef('staffPrisons.prisonId', '=', 'pushSubscriptions.prisonId')
				)
				.select([
					sql<'push'>`'push'`.as('channel'),
					sql<string>`${options.payload.status}::text`.as('kind'),
					'pushSubscriptions.language',
					'pushSubscriptions.id as subscriptionId',
					sql`${payload}::jsonb`.as('payload'),
					sql<string | null>`${options.topic ?? null}::text`.as('topic'),
					sql<number>`${options.ttl ?? DEFAULT_PUSH_TTL_SECONDS}::int`.as('ttl'),
					sql<string>`${options.urgency ?? 'normal'}::text`.as('urgency')
				])
				.where('pushSubscriptions.prisonId', '=', options.prisonId)
				.$if(options.language !== undefined, (qb) => qb.where('pushSubscriptions.language', '=', options.language as Locale))
		)
		.executeTakeFirst();
	const queued = Number(result.numInsertedOrUpdatedRows ?? 0);
	if (queued > 0) await announceDeliveries(trx);
	return queued;
}
