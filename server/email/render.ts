import { icsCalendar } from '../../src/lib/client/ics';
import type { CancellationReason, RejectionReason } from '../../src/lib/shared/domain';
import { formatDate, formatTime } from '../../src/lib/shared/format';
import { isLocale, translate, type Locale, type MessageKey, type MessageParams } from '../../src/lib/shared/i18n';
import { instantOf } from '../../src/lib/shared/rules/dates';
import { waitlistBookingPath } from '../../src/lib/shared/schemas-waitlist';
import type { NoticeKind } from '../db/schema';
import { prisonAddress, prisonName } from '../../src/lib/shared/welsh-text';

/*
 * The words of each email, from the message catalogue, rendered when the email is sent (never
 * stored as prose), in the language the job carries (the request's stored language).
 */

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translatorFor(locale: Locale): Translate {
	return (key, params) => translate(locale, key, params);
}

/** What an email says, read from the request when it is sent. */
export interface EmailFacts {
	requestId: string;
	reference: string;
	leadFirstName: string;
	/** With its Welsh name and address (null: none), shown in a Welsh email. */
	prison: { name: string; nameCy?: string | null; address: string; addressCy?: string | null; timeZone: string };
	/** The booked slot (booked, cancelled, reminder). */
	slot: { date: string; start: string; end: string } | null;
	rejectionReasons: RejectionReason[];
	cancellationReason: CancellationReason | null;
	message: string | null;
	/** The visit's iCalendar SEQUENCE (absent before migration 011's facts). */
	calendarSequence?: number;
	/** The latest decided change's reasons and message (change_booked, change_party, change_rejected), and whether it changed who is coming. */
	change?: { reasons: RejectionReason[]; message: string | null; partyChanged?: boolean } | null;
}

export interface RenderedEmail {
	subject: string;
	text: string;
	html: string;
	attachments: { filename: string; content: string; contentType: string }[];
}

/**
 * The catalogue words a request message of `kind` takes: a change that moved the visit and also
 * changed who is coming says both, so the family is not told only "moved".
 */
export function wordsOf<Kind extends string>(kind: Kind, facts: Pick<EmailFacts, 'change'>): Kind | 'change_booked_party' {
	return kind === 'change_booked' && facts.change?.partyChanged ? 'change_booked_party' : kind;
}

const escapeHtml = (text: string) =>
	text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** What a "place came up" email says (kind `place`): the slot, and where the booking flow opens on it. */
export interface PlaceEmailFacts {
	prisonId: string;
	prisonName: string;
	date: string;
	start: string;
}

function htmlOf(locale: Locale, subject: string, paragraphs: string[], footer: string): string {
	return (
		`<!doctype html><html lang="${escapeHtml(locale)}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
		`<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c">` +
		paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
		`<hr><p style="font-size: 14px; color: #505a5f">${escapeHtml(footer)}</p></body></html>`
	);
}

/**
 * "A place came up". With the service's public address (PUBLIC_URL) it links to the
 * booking calendar on that slot; without one it can only say to open the app.
 */
export function renderPlaceEmail(facts: PlaceEmailFacts, jobLocale: string, publicUrl?: string): RenderedEmail {
	const locale: Locale = isLocale(jobLocale) ? jobLocale : 'en';
	const tr = translatorFor(locale);
	const params = { prison: facts.prisonName, date: formatDate(facts.date, locale), time: formatTime(facts.start, locale) };
	const link = publicUrl
		? new URL(waitlistBookingPath({ prisonId: facts.prisonId, date: facts.date, start: facts.start }), publicUrl).href
		: null;
	const paragraphs = [
		tr('email.place.greeting'),
		tr('email.body.place', params),
		tr('email.place.notKept'),
		link ? tr('email.place.link', { url: link }) : tr('email.place.open')
	];
	const footer = tr('email.place.why');
	const subject = tr('email.subject.place', { date: params.date });
	return {
		subject,
		text: [...paragraphs, '--', footer].join('\n\n') + '\n',
		html: htmlOf(locale, subject, paragraphs, footer),
		attachments: []
	};
}

export function renderEmail(kind: Exclude<NoticeKind, 'place'>, facts: EmailFacts, jobLocale: string, now: Date): RenderedEmail {
	const locale: Locale = isLocale(jobLocale) ? jobLocale : 'en';
	const tr = translatorFor(locale);
	const name = prisonName(facts.prison, locale);
	const address = prisonAddress(facts.prison, locale);
	const params = {
		prison: name,
		reference: facts.reference,
		date: facts.slot ? formatDate(facts.slot.date, locale) : '',
		time: facts.slot ? formatTime(facts.slot.start, locale) : ''
	};
	const paragraphs: string[] = [
		tr('email.greeting', { name: facts.leadFirstName }),
		tr(`email.body.${wordsOf(kind, facts)}` as MessageKey, params)
	];
	if (kind === 'rejected' && facts.rejectionReasons.length > 0) {
		paragraphs.push(tr('email.why', { reasons: facts.rejectionReasons.map((r) => tr(`visitor.rejection.${r}` as MessageKey)).join('; ') }));
	}
	if (kind === 'cancelled' && facts.cancellationReason) {
		paragraphs.push(tr('email.why', { reasons: tr(`visitor.cancellation.${facts.cancellationReason}` as MessageKey) }));
	}
	if ((kind === 'booked' || kind === 'rejected' || kind === 'cancelled') && facts.message) {
		paragraphs.push(tr('email.message', { message: facts.message }));
	}
	if (kind === 'change_rejected' && facts.change && facts.change.reasons.length > 0) {
		paragraphs.push(tr('email.why', { reasons: facts.change.reasons.map((r) => tr(`visitor.rejection.${r}` as MessageKey)).join('; ') }));
	}
	if ((kind === 'change_booked' || kind === 'change_party' || kind === 'change_rejected') && facts.change?.message) {
		paragraphs.push(tr('email.message', { message: facts.change.message }));
	}
	paragraphs.push(tr('email.reference', { reference: facts.reference }));
	if ((kind === 'booked' || kind === 'reminder' || kind === 'change_booked' || kind === 'change_party') && address)
		paragraphs.push(tr('email.address', { address }));
	if (kind === 'booked' || kind === 'change_booked' || kind === 'change_party') paragraphs.push(tr('email.next.booked'));
	if (kind === 'rejected') paragraphs.push(tr('email.next.rejected'));
	if (kind === 'cancelled') paragraphs.push(tr('email.next.cancelled'));
	const footer = tr('email.footer', { service: tr('service.name') });

	const attachments: RenderedEmail['attachments'] = [];
	// The same UID every time; a moved visit's file has a higher SEQUENCE, so calendars replace the
	// entry, and a cancelled visit's is a METHOD:CANCEL, which removes it.
	const cancel = kind === 'cancelled';
	if ((kind === 'booked' || kind === 'change_booked' || cancel) && facts.slot) {
		const method = cancel ? 'CANCEL' : 'PUBLISH';
		attachments.push({
			filename: tr('email.attachmentName', { reference: facts.reference }),
			contentType: `text/calendar; charset=utf-8; method=${method}`,
			content: icsCalendar(
				[
					{
						uid: `${facts.requestId}@book-a-prison-visit`,
						stamp: now,
						start: instantOf(facts.slot.date, facts.slot.start, facts.prison.timeZone),
						end: instantOf(facts.slot.date, facts.slot.end, facts.prison.timeZone),
						summary: tr('visitor.visit.calendarSummary', { prison: name }),
						location: [name, address].filter(Boolean).join(', '),
						description: tr('visitor.visit.calendarDescription', { prisoner: '', reference: facts.reference }),
						sequence: facts.calendarSequence ?? 0,
						status: cancel ? 'CANCELLED' : 'CONFIRMED'
					}
				],
				{ method }
			)
		});
	}

	const subject = tr(`email.subject.${wordsOf(kind, facts)}` as MessageKey, { reference: facts.reference });
	const text = [...paragraphs, '--', footer].join('\n\n') + '\n';
	const html = htmlOf(locale, subject, paragraphs, footer);
	return { subject, text, html, attachments };
}
