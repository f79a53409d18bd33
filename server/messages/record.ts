import { timingSafeEqual, createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MessageRecord } from '../../src/lib/shared/answers';
import { assertPrisonAccess, type StaffIdentity } from '../auth/staff-identity';
import { jsonb } from '../db/json';
import type { Database, DeliveryStatus } from '../db/schema';
import { Conflict, NotFound } from '../domain-errors';
import { contactChannels, leadContact, type ServiceChannels } from './notices';
import { announceDeliveries } from './outbox';
import { maskEmail, maskPhone } from './mask';

/*
 * The record of what a family was sent, as staff and the family read it, and the two ways it
 * changes from outside the worker: an officer's resend and Notify's delivery receipts.
 */

/** Every message about a request, oldest first, with its address masked (the one form ever shown). */
export async function messagesOf(db: Kysely<Database>, requestId: string): Promise<MessageRecord[]> {
	const [rows, lead] = await Promise.all([
		db
			.selectFrom('deliveries')
			.select(['id', 'channel', 'toMasked', 'kind', 'language', 'status', 'createdAt', 'statusAt', 'failure', 'failureReason'])
			.where('requestId', '=', requestId)
			.orderBy('createdAt')
			.orderBy('id')
			.execute(),
		leadContact(db, requestId)
	]);
	// Not sent yet: the address it will go to, as it is now.
	const pending = (channel: string): string | null =>
		channel === 'email' && lead?.email ? maskEmail(lead.email) : channel === 'sms' && lead?.phone ? maskPhone(lead.phone) : null;
	return rows.map((row) => ({
		id: row.id,
		channel: row.channel,
		to: row.toMasked ?? pending(row.channel),
		kind: row.kind,
		language: row.language === 'cy' ? 'cy' : 'en',
		status: row.status,
		at: new Date(row.createdAt).toISOString(),
		...(row.statusAt ? { statusAt: new Date(row.statusAt).toISOString() } : {}),
		// A retry's reason is the worker's business; the record shows why a message failed: the code
		// staff read in their language, and the provider's own words (if any) beside it.
		...(row.status === 'failed' && row.failureReason ? { failureReason: row.failureReason } : {}),
		...(row.status === 'failed' && row.failure ? { failure: row.failure } : {})
	}));
}

/**
 * Sends one of a request's messages again, as a new delivery (the first stays as it was), in the
 * family's language and to their address as they are now. Audited. Refused when the service no
 * longer sends on that channel, the family no longer has that address, or the browser unsubscribed.
 */
export async function resendMessage(
	db: Kysely<Database>,
	options: { staff: StaffIdentity; requestId: string; messageId: string; now: Date; channels: ServiceChannels }
): Promise<MessageRecord> {
	const { staff, requestId, messageId, now } = options;
	const id = await db.transaction().execute(async (trx) => {
		const request = await trx
			.selectFrom('visitRequests')
			.select(['id', 'prisonId', 'purgedAt'])
			.where('id', '=', requestId)
			.executeTakeFirst();
		if (!request) throw new NotFound('api.request.notFound');
		assertPrisonAccess(staff, request.prisonId);
		const original = await trx
			.selectFrom('deliveries')
			.selectAll()
			.where('id', '=', messageId)
			.where('requestId', '=', requestId)
			.executeTakeFirst();
		if (!original) throw new NotFound('messages.notFound');
		const possible =
			!request.purgedAt &&
			(original.channel === 'push'
				? original.subscriptionId !== null
				: contactChannels(options.channels, null, await leadContact(trx, requestId))[original.channel]);
		if (!possible) throw new Conflict('messages.notResendable', { code: 'not_resendable' });
		const copy = await trx
			.insertInto('deliveries')
			.values({
				requestId,
				channel: original.channel,
				kind: original.kind,
				language: original.language,
				subscriptionId: original.subscriptionId,
				payload: original.payload === null ? null : jsonb(original.payload),
				topic: original.topic,
				ttl: original.ttl,
				urgency: original.urgency,
				nextAttemptAt: now,
				createdAt: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('auditLog')
			.values({
				staffId: staff.id,
				prisonId: request.prisonId,
				action: 'message.resend',
				target: requestId,
				detail: jsonb({ messageId, resentAs: copy.id, channel: original.channel, kind: original.kind }),
				at: now
			})
			.execute();
		await announceDeliveries(trx);
		return copy.id;
	});
	const record = (await messagesOf(db, requestId)).find((message) => message.id === id);
	if (!record) throw new Error('A resent message could not be read back');
	return record;
}

/** Notify's receipt statuses, and what each makes of a sent delivery. */
const RECEIPTS: Record<string, DeliveryStatus> = {
	delivered: 'delivered',
	'permanent-failure': 'failed',
	'temporary-failure': 'failed',
	'technical-failure': 'failed'
};

export const NOTIFY_RECEIPT_STATUSES = Object.keys(RECEIPTS) as [string, ...string[]];

/**
 * Applies one Notify delivery receipt: moves the delivery Notify knows by `providerId` from `sent`
 * to `delivered` or `failed` (with Notify's status as the reason). A receipt for a delivery in any
 * other state (already settled, or unknown) changes nothing: Notify may send one twice.
 */
export async function applyNotifyReceipt(
	db: Kysely<Database>,
	receipt: { providerId: string; status: string; at: Date }
): Promise<boolean> {
	const status = RECEIPTS[receipt.status];
	if (!status) return false;
	const result = await db
		.updateTable('deliveries')
		.set({
			status,
			statusAt: receipt.at,
			failureReason: status === 'failed' ? 'not_delivered' : null,
			failure: status === 'failed' ? receipt.status : null
		})
		.where('provider', '=', 'notify')
		.where('providerId', '=', receipt.providerId)
		.where('status', '=', 'sent')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** The callback's bearer token compared in constant time (hashes of equal length, whatever was sent). */
export function callbackTokenMatches(expected: string | undefined, given: string | undefined): boolean {
	if (!expected || !given) return false;
	const digest = (text: string) => createHash('sha256').update(text).digest();
	return timingSafeEqual(digest(expected), digest(given));
}
