import { formatDate, formatTime } from '../../src/lib/shared/format';
import { translate, type Locale } from '../../src/lib/shared/i18n';
import type { PushPayload } from '../../src/lib/shared/schemas-push';
import { PLACE_PUSH_STATUS, waitlistBookingPath } from '../../src/lib/shared/schemas-waitlist';

/*
 * The words of each push, from the catalogue, in the language of whoever receives it (the visitor's
 * stored language; a staff browser's own), for the routes that enqueue them. The booked date is a
 * local date in the prison's time zone already, so it is formatted as it is.
 */

export interface RequestPushFacts {
	requestId: string;
	reference: string;
	prisonName: string;
	/** The booked slot (booked, cancelled). */
	date?: string | null;
	start?: string | null;
}

/** Where tapping the notification takes the visitor (the PWA's page for one request). */
export const visitorRequestUrl = (requestId: string) => `/visits/${requestId}`;
/** Where tapping a new-request notification takes staff. */
export const staffRequestUrl = (requestId: string) => `/staff/requests/${requestId}`;

export type DecisionStatus = 'booked' | 'rejected' | 'cancelled';

/** A push to a visitor about one request: its words are the catalogue's `push.request.<event>`. */
function visitorPayload(
	event: DecisionStatus | 'reminder' | ChangeKind | 'change_booked_party',
	status: PushPayload['status'],
	facts: RequestPushFacts,
	locale: Locale
): PushPayload {
	const params = {
		prison: facts.prisonName,
		reference: facts.reference,
		date: facts.date ? formatDate(facts.date, locale) : '',
		time: facts.start ? formatTime(facts.start, locale) : ''
	};
	return {
		requestId: facts.requestId,
		status,
		title: translate(locale, `push.request.${event}.title`),
		body: translate(locale, `push.request.${event}.body`, params),
		url: visitorRequestUrl(facts.requestId)
	};
}

/** The push telling a visitor what happened to their request. */
export function decisionPayload(status: DecisionStatus, facts: RequestPushFacts, locale: Locale = 'en'): PushPayload {
	return visitorPayload(status, status, facts, locale);
}

/** The push telling staff opted in to a prison that a new request is waiting. */
export function newRequestPayload(
	facts: Pick<RequestPushFacts, 'requestId' | 'reference' | 'prisonName'>,
	locale: Locale = 'en'
): PushPayload {
	return {
		requestId: facts.requestId,
		status: 'requested',
		title: translate(locale, 'push.staff.newRequest.title'),
		body: translate(locale, 'push.staff.newRequest.body', { prison: facts.prisonName, reference: facts.reference }),
		url: staffRequestUrl(facts.requestId)
	};
}

/** The day-before reminder of a booked visit. */
export function reminderPayload(facts: RequestPushFacts, locale: Locale = 'en'): PushPayload {
	return visitorPayload('reminder', 'booked', facts, locale);
}

/** How a change ended: moved to a new time, the same time with a new party, or refused. */
export type ChangeKind = 'change_booked' | 'change_party' | 'change_rejected';

/**
 * The push telling a visitor how their change ended: moved to the new time, the people coming
 * changed (the time stands), or refused (the booked time stands). Its status is the change's own,
 * so it shows even after "booked" was. `words` are the catalogue words the message takes (a move
 * that also changed who is coming says both), decided once for every channel by email/render.ts.
 */
export function changePayload(
	kind: ChangeKind,
	facts: RequestPushFacts,
	locale: Locale = 'en',
	words: ChangeKind | 'change_booked_party' = kind
): PushPayload {
	return visitorPayload(words, kind, facts, locale);
}

/** "A place came up" in a slot a device waits for: tapping it opens the booking calendar on that slot. */
export function placePayload(
	facts: { entryId: string; prisonId: string; prisonName: string; date: string; start: string },
	locale: Locale = 'en'
): PushPayload {
	return {
		// The entry's id: the service worker tags the notification with it (one per entry).
		requestId: facts.entryId,
		status: PLACE_PUSH_STATUS,
		title: translate(locale, 'push.waitlist.place.title'),
		body: translate(locale, 'push.waitlist.place.body', {
			prison: facts.prisonName,
			date: formatDate(facts.date, locale),
			time: formatTime(facts.start, locale)
		}),
		url: waitlistBookingPath({ prisonId: facts.prisonId, date: facts.date, start: facts.start })
	};
}
