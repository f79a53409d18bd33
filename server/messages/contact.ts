import type { Kysely } from 'kysely';
import { t } from '../../src/lib/shared/i18n';
import { isUkMobile, MESSAGE_CHANNELS, type ContactUpdate, type MessageChannel } from '../../src/lib/shared/schemas';
import type { FieldErrors } from '../../src/lib/shared/rules/field-errors';
import type { Database } from '../db/schema';
import { InvalidInput, NotFound } from '../domain-errors';
import { leadContact, parseChannels, type ServiceChannels } from './notices';
import { ownedBy } from '../accounts/ownership';
import { messagesOf } from './record';
import type { MessageRecord } from '../../src/lib/shared/answers';

/*
 * How a family is told about one request, as they chose it, and what they were told: read and
 * changed by the device that owns the request. Messages waiting to be sent go out as the choice
 * stands when they are sent (language and address are read then).
 */

export interface Contact {
	/** Null: no choice made, so every channel the service has and they gave an address for. */
	channels: MessageChannel[] | null;
	messageLanguage: 'en' | 'cy';
	email: string | null;
	phone: string | null;
	messages: MessageRecord[];
}

async function ownedRequest(db: Kysely<Database>, requestId: string, deviceId: string) {
	const row = await db
		.selectFrom('visitRequests')
		.select(['id', 'channels', 'messageLanguage', 'language', 'purgedAt'])
		.where('id', '=', requestId)
		.where(ownedBy(deviceId))
		.executeTakeFirst();
	if (!row) throw new NotFound('api.request.notFound');
	return row;
}

export async function contactOf(db: Kysely<Database>, requestId: string, deviceId: string): Promise<Contact> {
	const row = await ownedRequest(db, requestId, deviceId);
	const lead = await leadContact(db, requestId);
	const chosen = parseChannels(row.channels);
	return {
		channels: chosen ? [...chosen] : null,
		messageLanguage: (row.messageLanguage ?? row.language) === 'cy' ? 'cy' : 'en',
		email: lead?.email ?? null,
		phone: lead?.phone ?? null,
		messages: await messagesOf(db, requestId)
	};
}

/**
 * Changes the channels, the message language or the lead visitor's address and number. Every
 * problem is named in one answer: a channel the service does not have, texts without a UK mobile,
 * email without an address, or no way left to reach the lead visitor.
 */
export async function updateContact(
	db: Kysely<Database>,
	options: { requestId: string; deviceId: string; input: ContactUpdate; available: ServiceChannels }
): Promise<Contact> {
	const { requestId, deviceId, input, available } = options;
	await db.transaction().execute(async (trx) => {
		const row = await ownedRequest(trx, requestId, deviceId);
		if (row.purgedAt) throw new NotFound('api.request.notFound');
		const lead = await leadContact(trx, requestId, { forUpdate: true });
		if (!lead) throw new Error(`Request ${requestId} has no lead visitor`);
		const email = input.email === undefined ? lead.email : input.email;
		const phone = input.phone === undefined ? lead.phone : input.phone;
		const channels = input.channels ?? (row.channels === null ? null : [...parseChannels(row.channels)!]);

		const fields: FieldErrors = {};
		if (input.channels?.some((channel) => (channel === 'email' && !available.email) || (channel === 'sms' && !available.sms))) {
			fields.channels = t('validation.channels.unavailable');
		}
		if (channels?.includes('sms') && !(phone && isUkMobile(phone))) fields.phone = t('validation.channels.smsNeedsMobile');
		if (channels?.includes('email') && !email) fields.email = t('validation.channels.emailNeedsAddress');
		if (!email && !phone) fields.email ??= t('validation.lead.contact');
		if (Object.keys(fields).length > 0) throw new InvalidInput('platform.error.badRequest', { fields });

		if (input.email !== undefined || input.phone !== undefined) {
			await trx.updateTable('requestVisitors').set({ email, phone }).where('requestId', '=', requestId).where('position', '=', 0).execute();
		}
		if (input.channels !== undefined || input.messageLanguage !== undefined) {
			await trx
				.updateTable('visitRequests')
				.set({
					...(input.channels !== undefined ? { channels: input.channels.join(',') } : {}),
					...(input.messageLanguage !== undefined ? { messageLanguage: input.messageLanguage } : {})
				})
				.where('id', '=', requestId)
				.execute();
		}
		if (input.channels !== undefined) {
			// A message still waiting on a channel the family turned off is not sent (one already with
			// the provider cannot be called back); the record says why it never went.
			const off = MESSAGE_CHANNELS.filter((channel) => channel !== 'push' && !input.channels!.includes(channel));
			if (off.length > 0) {
				await trx
					.updateTable('deliveries')
					.set({ status: 'failed', lockedUntil: null, failureReason: 'channel_off', failure: null, statusAt: new Date().toISOString() })
					.where('requestId', '=', requestId)
					.where('channel', 'in', off)
					.where('status', '=', 'queued')
					.execute();
			}
		}
	});
	return contactOf(db, requestId, deviceId);
}
