import type { Kysely } from 'kysely';
import { createTransport, type Transporter } from 'nodemailer';
import type { Database, NoticeKind } from '../db/schema';
import { isDeliverableAddress } from '../email/address';
import { renderEmail, renderPlaceEmail, type RenderedEmail } from '../email/render';
import { maskEmail } from './mask';
import { loadPlaceTarget, loadRequestTarget } from './facts';
import type { ClaimedDelivery } from './store';
import type { ChannelAdapter, SendOutcome } from './worker';

/*
 * The email channel over SMTP with nodemailer. The delivery's id is the Message-ID, so a copy sent
 * again after a worker died mid-send can be dropped by mail systems.
 *
 * SMTP answers: 2xx sent; 4xx (temporary: greylisting, mailbox busy, rate limits) and connection
 * errors or timeouts are retried with backoff; 5xx (permanent: no such mailbox, refused) fail the
 * delivery with the code, never the address or the server's text.
 */

export interface MailMessage {
	from: string;
	to: string;
	subject: string;
	text: string;
	html: string;
	messageId: string;
	attachments: { filename: string; content: string; contentType: string }[];
}

/** nodemailer's sendMail, or a stand-in that rejects with the same error shape ({ responseCode, code }). */
export type MailSender = (message: MailMessage) => Promise<unknown>;

/** What kind of failure an SMTP send is: nodemailer sets responseCode for an SMTP answer, code for the rest. */
export function classifySmtpError(error: unknown): { permanent: boolean; reason: string } {
	const e = error as { responseCode?: unknown; code?: unknown } | null;
	if (typeof e?.responseCode === 'number') {
		return { permanent: e.responseCode >= 500, reason: `smtp ${e.responseCode}` };
	}
	// Connection refused or dropped, DNS, TLS, timeouts: the server may be back later.
	return { permanent: false, reason: typeof e?.code === 'string' ? e.code : 'send error' };
}

/** The address and the words of an email delivery, read now: a request's, or a waiting-list entry's "place came up". */
export async function renderEmailDelivery(
	db: Kysely<Database>,
	delivery: ClaimedDelivery,
	now: Date,
	publicUrl?: string
): Promise<{ to: string; language: string; rendered: RenderedEmail } | null> {
	if (delivery.kind === 'place') {
		const place = delivery.waitlistEntryId ? await loadPlaceTarget(db, delivery.waitlistEntryId) : null;
		return place?.email
			? { to: place.email, language: place.language, rendered: renderPlaceEmail(place.facts, place.language, publicUrl) }
			: null;
	}
	const target = delivery.requestId ? await loadRequestTarget(db, delivery.requestId) : null;
	return target?.email
		? {
				to: target.email,
				language: target.language,
				rendered: renderEmail(delivery.kind as Exclude<NoticeKind, 'place'>, target.facts, target.language, now)
			}
		: null;
}

export function smtpAdapter(options: {
	db: Kysely<Database>;
	smtpUrl: string;
	from: string;
	sender?: MailSender;
	clock?: () => Date;
	/** Connection timeouts stay well inside the worker's lease. */
	leaseMs?: number;
	/** The service's public origin (PUBLIC_URL): a "place came up" email links to the booking flow there. */
	publicUrl?: string;
}): ChannelAdapter {
	const clock = options.clock ?? (() => new Date());
	const leaseMs = options.leaseMs ?? 120_000;
	let transporter: Transporter | undefined;
	const sender: MailSender =
		options.sender ??
		((message) => {
			transporter ??= createTransport({
				url: options.smtpUrl,
				connectionTimeout: Math.min(30_000, leaseMs / 4),
				greetingTimeout: Math.min(30_000, leaseMs / 4),
				socketTimeout: Math.min(60_000, leaseMs / 2)
			});
			return transporter.sendMail(message);
		});

	async function send(delivery: ClaimedDelivery): Promise<SendOutcome> {
		const target = await renderEmailDelivery(options.db, delivery, clock(), options.publicUrl);
		if (!target || !isDeliverableAddress(target.to)) return { outcome: 'failed', code: 'no_address', reason: 'no address' };
		const { rendered } = target;
		const toMasked = maskEmail(target.to);
		try {
			await sender({
				from: options.from,
				to: target.to,
				subject: rendered.subject,
				text: rendered.text,
				html: rendered.html,
				attachments: rendered.attachments,
				messageId: `<${delivery.id}@book-a-prison-visit>`
			});
		} catch (error) {
			const { permanent, reason } = classifySmtpError(error);
			return permanent
				? { outcome: 'failed', code: 'refused', reason, detail: reason, provider: 'smtp', toMasked, language: target.language }
				: { outcome: 'retry', reason };
		}
		return { outcome: 'sent', provider: 'smtp', toMasked, language: target.language };
	}

	return {
		channel: 'email',
		// One at a time: an SMTP server limits connections, and emails are few.
		oneAtATime: true,
		send,
		close: () => transporter?.close()
	};
}
