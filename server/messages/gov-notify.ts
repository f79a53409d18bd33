import axios from 'axios';
import type { Kysely } from 'kysely';
import { NotifyClient } from 'notifications-node-client';
import { translate, type Locale, type MessageKey } from '../../src/lib/shared/i18n';
import { formatDate, formatTime } from '../../src/lib/shared/format';
import type { NotifyConfig } from '../config';
import type { Database } from '../db/schema';
import { isDeliverableAddress } from '../email/address';
import { wordsOf } from '../email/render';
import { isUkMobile } from '../../src/lib/shared/schemas';
import { loadRequestTarget, type RequestTarget } from './facts';
import { maskEmail, maskPhone } from './mask';
import { renderEmailDelivery } from './smtp';
import type { ClaimedDelivery } from './store';
import type { ChannelAdapter, SendOutcome } from './worker';

/*
 * Texts, and emails when its email template is set, through GOV.UK Notify's official client. Each
 * service has one template per channel whose body is ((body)) (and, for email, subject
 * ((subject))): the words are ours, from the catalogue, written when sent (docs/notify.md).
 *
 * The delivery's id is Notify's `reference`, and Notify's id for the message is kept, so its
 * delivery receipt (POST /api/notify/callback) finds the delivery. Notify's answers, as it
 * documents them: 201 sent; 400 (bad request, a number or address it will not send to) and 403
 * (key refused) are not retried, the delivery fails with Notify's error; 429 (rate or daily limit)
 * and 5xx, timeouts and network errors are retried with backoff.
 */

/** What Notify answers with on an error, as its API documents. */
interface NotifyErrorBody {
	errors?: { error?: string; message?: string }[];
	status_code?: number;
}

interface AxiosLikeError {
	response?: { status: number; data?: unknown; headers?: Record<string, string | string[] | undefined> };
	code?: string;
}

/** Sorts a failed call into "not retried" (with Notify's reason) or "retried". */
export function classifyNotifyError(error: unknown): { permanent: boolean; reason: string; retryAfter?: string | string[] } {
	const e = error as AxiosLikeError | null;
	const status = e?.response?.status;
	if (status === undefined) return { permanent: false, reason: `notify ${e?.code ?? 'network error'}` };
	const first = (e?.response?.data as NotifyErrorBody | undefined)?.errors?.[0];
	const said = first ? `: ${first.error ?? 'error'}${first.message ? ` ${first.message}` : ''}` : '';
	const reason = `notify ${status}${said}`.slice(0, 300);
	const retryAfter = e?.response?.headers?.['retry-after'];
	if (status === 429 || status >= 500) return { permanent: false, reason, ...(retryAfter !== undefined ? { retryAfter } : {}) };
	return { permanent: true, reason };
}

/** A text: the notice's title and words, short (a text over 160 characters costs more), in the family's language. */
export function renderSms(kind: string, target: RequestTarget): string {
	const locale: Locale = target.language;
	const { facts } = target;
	const params = {
		prison: facts.prison.name,
		reference: facts.reference,
		date: facts.slot ? formatDate(facts.slot.date, locale) : '',
		time: facts.slot ? formatTime(facts.slot.start, locale) : ''
	};
	const words =
		kind === 'sent'
			? translate(locale, 'sms.sent', params)
			: kind === 'reminder'
				? translate(locale, 'push.request.reminder.body', params)
				: kind === 'booked' ||
					  kind === 'rejected' ||
					  kind === 'cancelled' ||
					  kind === 'change_booked' ||
					  kind === 'change_party' ||
					  kind === 'change_rejected'
					? translate(locale, `push.request.${wordsOf(kind, facts)}.body` as MessageKey, params)
					: null;
	return words === null ? '' : `${translate(locale, 'sms.from')} ${words}`;
}

export function notifyAdapters(options: {
	db: Kysely<Database>;
	notify: NotifyConfig;
	clock?: () => Date;
	/** Each call's timeout; keep it well inside the worker's lease. */
	timeoutMs?: number;
	publicUrl?: string;
}): ChannelAdapter[] {
	const { db, notify } = options;
	const clock = options.clock ?? (() => new Date());
	const client = notify.baseUrl ? new NotifyClient(notify.baseUrl, notify.apiKey) : new NotifyClient(notify.apiKey);
	// The client's default has no timeout: a Notify that never answers would hold a send past its lease.
	client.setClient(axios.create({ timeout: options.timeoutMs ?? 15_000 }));

	async function call(
		delivery: ClaimedDelivery,
		toMasked: string,
		language: string,
		post: () => Promise<{ data: { id: string } }>
	): Promise<SendOutcome> {
		try {
			const answer = await post();
			return { outcome: 'sent', provider: 'notify', providerId: answer.data.id, toMasked, language };
		} catch (error) {
			const { permanent, reason, retryAfter } = classifyNotifyError(error);
			return permanent
				? { outcome: 'failed', code: 'refused', reason, detail: reason, provider: 'notify', toMasked, language }
				: { outcome: 'retry', reason, ...(retryAfter !== undefined ? { retryAfter } : {}) };
		}
	}

	const adapters: ChannelAdapter[] = [];
	if (notify.smsTemplateId) {
		const templateId = notify.smsTemplateId;
		adapters.push({
			channel: 'sms',
			async send(delivery) {
				const target = delivery.requestId ? await loadRequestTarget(db, delivery.requestId) : null;
				if (!target?.phone || !isUkMobile(target.phone)) return { outcome: 'failed', code: 'no_address', reason: 'no mobile number' };
				const body = renderSms(delivery.kind, target);
				if (!body) return { outcome: 'failed', code: 'nothing_to_send', reason: 'nothing to say by text' };
				const phone = target.phone;
				return call(delivery, maskPhone(phone), target.language, () =>
					client.sendSms(templateId, phone, { personalisation: { body }, reference: delivery.id })
				);
			}
		});
	}
	if (notify.emailTemplateId) {
		const templateId = notify.emailTemplateId;
		adapters.push({
			channel: 'email',
			async send(delivery) {
				const target = await renderEmailDelivery(db, delivery, clock(), options.publicUrl);
				if (!target || !isDeliverableAddress(target.to)) return { outcome: 'failed', code: 'no_address', reason: 'no address' };
				const { to, rendered } = target;
				return call(delivery, maskEmail(to), target.language, () =>
					client.sendEmail(templateId, to, {
						personalisation: { subject: rendered.subject, body: rendered.text },
						reference: delivery.id
					})
				);
			}
		});
	}
	return adapters;
}
