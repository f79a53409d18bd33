import { sql, type Kysely, type Transaction } from 'kysely';
import type { Locale } from '../../src/lib/shared/i18n';
import type { VisitRequest } from '../../src/lib/shared/types';
import type { Database, EmailKind } from '../db/schema';
import { wakeEmailWorker } from '../email/wake';
import { isDeliverableAddress } from '../email/address';
import { findPrison } from '../prisons/repository';
import { deviceIdsOf, ownedBy } from '../requests/claims';
import { enqueueForRequest } from '../push/jobs';
import { wakePushWorker } from '../push/wake';
import { changePayload, decisionPayload, placePayload, reminderPayload, type DecisionStatus } from '../push/messages';
import { topicForWaitlistEntry } from '../push/jobs';

/*
 * The one path by which a visitor is told something (ARCHITECTURE.md, Round 2: one notification,
 * several channels). Called inside the transaction that changes the request, it writes one job
 * per channel: push jobs (server/push/, one per subscribed browser of the device) and, when email
 * is configured and the lead visitor gave an address, one email job (server/email/). Each channel
 * is claimed and retried on its own; nothing is sent unless the transaction commits. Jobs carry
 * what happened and the language, never prose: the words are rendered from the catalogue when
 * sent.
 */

export type NotifyKind = EmailKind;

export interface NotifyChannels {
	/** SMTP_URL is set: email jobs are written (and a worker sends them). */
	email: boolean;
}

export const EMAIL_CHANNEL = 'email_jobs';

const PUSHED: ReadonlySet<NotifyKind> = new Set<NotifyKind>([
	'booked',
	'rejected',
	'cancelled',
	'reminder',
	'change_booked',
	'change_rejected'
]);

/** Which notification a request now in `status` calls for, if any. */
export function kindFor(status: VisitRequest['status']): NotifyKind | null {
	return status === 'booked' || status === 'rejected' || status === 'cancelled' ? status : status === 'requested' ? 'sent' : null;
}

export async function notifyVisitor(
	trx: Transaction<Database> | Kysely<Database>,
	requestId: string,
	kind: NotifyKind,
	channels: NotifyChannels,
	/** The time of the change (the caller's clock): when the email job becomes due. */
	at?: Date
): Promise<void> {
	const row = await trx
		.selectFrom('visitRequests')
		.select(['id', 'prisonId', 'deviceId', 'reference', 'bookedDate', 'bookedStart', 'language'])
		.where('id', '=', requestId)
		.executeTakeFirstOrThrow();
	if (PUSHED.has(kind)) {
		const prison = await findPrison(trx, row.prisonId);
		const facts = {
			requestId: row.id,
			reference: row.reference,
			prisonName: prison?.name ?? '',
			date: row.bookedDate,
			start: row.bookedStart
		};
		const payload =
			kind === 'reminder'
				? reminderPayload(facts, row.language)
				: kind === 'change_booked' || kind === 'change_rejected'
					? changePayload(kind, facts, row.language)
					: decisionPayload(kind as DecisionStatus, facts, row.language);
		// Every device the request belongs to: the one that sent it and any that claimed it by reference.
		for (const deviceId of await deviceIdsOf(trx, row.id)) await enqueueForRequest(trx, { requestId: row.id, deviceId, payload });
	}
	if (channels.email) await queueEmail(trx, row.id, kind, row.language, at);
}

/** One email job, if the lead visitor gave a deliverable address. The address itself is read again when sending. */
async function queueEmail(
	trx: Transaction<Database> | Kysely<Database>,
	requestId: string,
	kind: NotifyKind,
	locale: Locale,
	at?: Date
): Promise<void> {
	const lead = await trx
		.selectFrom('requestVisitors')
		.select('email')
		.where('requestId', '=', requestId)
		.where('position', '=', 0)
		.executeTakeFirst();
	if (!lead?.email || !isDeliverableAddress(lead.email)) return;
	await trx
		.insertInto('emailJobs')
		.values({ requestId, kind, locale, ...(at ? { nextAttemptAt: at, createdAt: at } : {}) })
		.execute();
	await announceEmail(trx);
}

async function announceEmail(trx: Transaction<Database> | Kysely<Database>): Promise<void> {
	const { rows } = await sql<{ xid: string }>`select pg_notify(${EMAIL_CHANNEL}, ''), pg_current_xact_id()::text as xid`.execute(trx);
	wakeEmailWorker(rows[0]?.xid);
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
 * Tells one waiting device that a place came up in its slot: a push job per subscribed browser
 * and, when the entry was made with email on and the device has an address (the lead visitor's
 * on its latest request), one email job in the entry's language. Called by server/waitlist/freed.ts
 * inside the transaction that frees the place, so the jobs exist exactly when the place was freed.
 */
export async function notifyWaitingVisitor(
	trx: Transaction<Database> | Kysely<Database>,
	entry: WaitingEntry,
	facts: { prisonName: string; now?: Date }
): Promise<void> {
	const payload = placePayload(
		{ entryId: entry.id, prisonId: entry.prisonId, prisonName: facts.prisonName, date: entry.date, start: entry.startTime },
		entry.language
	);
	await enqueueForRequest(trx, {
		requestId: entry.id,
		deviceId: entry.deviceId,
		payload,
		topic: topicForWaitlistEntry(entry.id),
		urgency: 'high'
	});
	if (!entry.tellByEmail || !(await waitingAddress(trx, entry.deviceId))) return;
	await trx
		.insertInto('emailJobs')
		.values({
			requestId: null,
			waitlistEntryId: entry.id,
			kind: 'place',
			locale: entry.language,
			...(facts.now ? { nextAttemptAt: facts.now, createdAt: facts.now } : {})
		})
		.execute();
	await announceEmail(trx);
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
 * The visitor's "request sent" notification, for the submit, which stores a request and its jobs in
 * one statement (requests/submit-statements.ts) and so cannot call notifyVisitor: 'sent' is never
 * pushed, and emailed when email is on and the lead visitor gave a deliverable address. After the
 * commit, `wake` tells this process's workers about what was queued.
 */
export const sentNotice = {
	email: (channels: NotifyChannels, leadEmail: string | null | undefined): boolean =>
		channels.email && Boolean(leadEmail) && isDeliverableAddress(leadEmail as string),
	wake(queued: { pushed: number; emailed: number; xid: string }): void {
		if (queued.pushed > 0) wakePushWorker(queued.xid);
		if (queued.emailed > 0) wakeEmailWorker(queued.xid);
	}
};

/** A DecisionHook (requests/decisions.ts) that tells the visitor about the state the request is now in. */
export function visitorNotifier(channels: NotifyChannels) {
	return async (trx: Transaction<Database>, request: Pick<VisitRequest, 'id' | 'status' | 'updatedAt'>): Promise<void> => {
		const kind = kindFor(request.status);
		if (kind && kind !== 'sent') await notifyVisitor(trx, request.id, kind, channels, new Date(request.updatedAt));
	};
}
