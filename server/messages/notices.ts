import type { Kysely, Transaction } from 'kysely';
import { isUkMobile } from '../../src/lib/shared/schemas';
import type { Locale } from '../../src/lib/shared/i18n';
import type { VisitRequest } from '../../src/lib/shared/answers';
import type { Database, MessageChannel, NoticeKind } from '../db/schema';
import { isDeliverableAddress } from '../email/address';
import { announceDeliveries } from './outbox';
import { wakeMessageWorker } from './wake';
import { deviceIdsOf, ownedBy } from '../accounts/ownership';
import { enqueueForRequest, topicForWaitlistEntry } from './push-deliveries';
import { placePayload } from '../push/messages';

/*
 * The one path by which a visitor is told something. Called inside the transaction that changes
 * the request, it writes one delivery per channel into the one outbox (server/messages/): a push
 * per subscribed browser of every device the request belongs to, an email and a text when the
 * service has them, the family chose them (or made no choice) and gave an address. Each delivery
 * is claimed and retried on its own; nothing is sent unless the transaction commits. Deliveries
 * carry what happened, never prose: the words are written from the catalogue when sent, in the
 * family's message language as it is then.
 */

/** The channels this service has besides push (a provider is configured for each). */
export interface ServiceChannels {
	/** SMTP_URL or NOTIFY_EMAIL_TEMPLATE_ID is set. */
	email: boolean;
	/** NOTIFY_SMS_TEMPLATE_ID is set. */
	sms: boolean;
}

/** Push carries only decisions and what follows them: "sent" is seen in the app the visitor is using. */
const PUSHED: ReadonlySet<NoticeKind> = new Set<NoticeKind>([
	'booked',
	'rejected',
	'cancelled',
	'reminder',
	'change_booked',
	'change_party',
	'change_rejected'
]);

/** Which notification a request now in `status` calls for, if any. */
export function kindFor(status: VisitRequest['status']): NoticeKind | null {
	return status === 'booked' || status === 'rejected' || status === 'cancelled' ? status : status === 'requested' ? 'sent' : null;
}

/** The family's chosen channels as stored (comma-separated), or null for "every one we can". */
export function parseChannels(stored: string | null): ReadonlySet<MessageChannel> | null {
	return stored === null ? null : new Set(stored.split(',').filter(Boolean) as MessageChannel[]);
}

/** Whether a request's lead visitor gets an email and a text, given the service's channels and their choice. */
export function contactChannels(
	channels: ServiceChannels,
	chosen: ReadonlySet<MessageChannel> | null,
	lead: { email?: string | null; phone?: string | null } | undefined
): { email: boolean; sms: boolean } {
	const wants = (channel: MessageChannel) => chosen === null || chosen.has(channel);
	return {
		email: channels.email && wants('email') && Boolean(lead?.email) && isDeliverableAddress(lead!.email!),
		sms: channels.sms && wants('sms') && Boolean(lead?.phone) && isUkMobile(lead!.phone!)
	};
}

/** The lead visitor's address and number: where a request's emails and texts go. `forUpdate` locks them for a change. */
export async function leadContact(
	db: Transaction<Database> | Kysely<Database>,
	requestId: string,
	options: { forUpdate?: boolean } = {}
): Promise<{ email: string | null; phone: string | null } | undefined> {
	const query = db.selectFrom('requestVisitors').select(['email', 'phone']).where('requestId', '=', requestId).where('position', '=', 0);
	return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * Queues a notice about a request on every channel the family has: the one enqueue function every
 * state change calls (decisions, cancellations, expiry, reminders, changes, closures, and any new
 * path such as booking at once). Call it inside the deciding transaction.
 */
export async function queueNotice(
	trx: Transaction<Database> | Kysely<Database>,
	requestId: string,
	kind: NoticeKind,
	channels: ServiceChannels,
	/** The time of the change (the caller's clock): when the deliveries become due. */
	at?: Date
): Promise<void> {
	const row = await trx
		.selectFrom('visitRequests')
		.select(['id', 'channels', 'messageLanguage', 'language'])
		.where('id', '=', requestId)
		.executeTakeFirstOrThrow();
	const chosen = parseChannels(row.channels);
	const language = row.messageLanguage ?? row.language;
	if (PUSHED.has(kind) && (chosen === null || chosen.has('push'))) {
		// Every device the request belongs to: the one that sent it and any that claimed it by reference.
		for (const deviceId of await deviceIdsOf(trx, row.id)) {
			await enqueueForRequest(trx, { requestId: row.id, deviceId, kind, language });
		}
	}
	const contact = contactChannels(channels, chosen, await leadContact(trx, requestId));
	const rows = (['email', 'sms'] as const)
		.filter((channel) => contact[channel])
		.map((channel) => ({ requestId, channel, kind, language, ...(at ? { nextAttemptAt: at, createdAt: at } : {}) }));
	if (rows.length === 0) return;
	await trx.insertInto('deliveries').values(rows).execute();
	await announceDeliveries(trx);
}

/** A waiting-list entry as the "a place came up" notification needs it. */
export interface WaitingEntry {
	id: string;
	prisonId: string;
	deviceId: string;
	date: string;
	startTime: string;
	language: Locale;
	tellByEmail: boolean;
}

/**
 * Tells one waiting device that a place came up in its slot: a push per subscribed browser and,
 * when the entry was made with email on and the device has an address (the lead visitor's on its
 * latest request), one email in the entry's language. Called by server/waitlist/freed.ts inside
 * the transaction that frees the place, so the deliveries exist exactly when the place was freed.
 */
export async function queuePlaceNotice(
	trx: Transaction<Database> | Kysely<Database>,
	entry: WaitingEntry,
	facts: { prisonName: string; now?: Date }
): Promise<void> {
	// Written now, in the entry's language: the entry names its slot, which does not change.
	const payload = placePayload(
		{ entryId: entry.id, prisonId: entry.prisonId, prisonName: facts.prisonName, date: entry.date, start: entry.startTime },
		entry.language
	);
	await enqueueForRequest(trx, {
		waitlistEntryId: entry.id,
		deviceId: entry.deviceId,
		kind: 'place',
		language: entry.language,
		payload,
		topic: topicForWaitlistEntry(entry.id),
		urgency: 'high'
	});
	if (!entry.tellByEmail || !(await waitingAddress(trx, entry.deviceId))) return;
	await trx
		.insertInto('deliveries')
		.values({
			waitlistEntryId: entry.id,
			channel: 'email',
			kind: 'place',
			language: entry.language,
			...(facts.now ? { nextAttemptAt: facts.now, createdAt: facts.now } : {})
		})
		.execute();
	await announceDeliveries(trx);
}

/** The address a waiting device is written to: the lead visitor's, on the device's latest request that has one. */
export async function waitingAddress(db: Transaction<Database> | Kysely<Database>, deviceId: string): Promise<string | null> {
	const row = await db
		.selectFrom('visitRequests')
		.innerJoin('requestVisitors', (join) =>
			join.onRef('requestVisitors.requestId', '=', 'visitRequests.id').on('requestVisitors.position', '=', 0)
		)
		.select('requestVisitors.email')
		.where(ownedBy(deviceId))
		.where('requestVisitors.email', 'is not', null)
		.where('visitRequests.purgedAt', 'is', null)
		.orderBy('visitRequests.createdAt', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row?.email && isDeliverableAddress(row.email) ? row.email : null;
}

/**
 * The visitor's "request sent" notice, for the submit, which stores a request and its deliveries
 * in one statement (requests/submit-statements.ts) and so cannot call queueNotice: 'sent' is
 * never pushed; emailed and texted as contactChannels says. After the commit, `wake` tells this
 * process's worker about what was queued.
 */
export const sentNotice = {
	wake(queued: { queued: number; xid: string }): void {
		if (queued.queued > 0) wakeMessageWorker(queued.xid);
	}
};

/** A DecisionHook (requests/decisions.ts) that tells the visitor about the state the request is now in. */
export function statusNoticeHook(channels: ServiceChannels) {
	return async (trx: Transaction<Database>, request: Pick<VisitRequest, 'id' | 'status' | 'updatedAt'>): Promise<void> => {
		const kind = kindFor(request.status);
		if (kind && kind !== 'sent') await queueNotice(trx, request.id, kind, channels, new Date(request.updatedAt));
	};
}
