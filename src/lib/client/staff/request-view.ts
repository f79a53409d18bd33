import { t, tPlural, type MessageKey } from '../../shared/i18n';
import { formatDate, formatInstant, formatTimeRange, formatTime } from '../../shared/format';
import { ageOn } from '../../shared/rules/dates';
import { childPositions } from '../../shared/rules/party';
import { slotKey } from '../../shared/schemas';
import type { SlotChoice, StateChange, VisitRequest } from '../../shared/answers';
import type { LocalError } from '../db';

/* What the request page shows, worked out from the request without touching the page. */

export interface VisitorRow {
	/** Position in the request (0 = lead visitor): what excludedVisitors refers to. */
	position: number;
	name: string;
	dateOfBirth: string;
	/** Age on the visit date (see visitDateOf). */
	age: number;
	child: boolean;
	lead: boolean;
	excluded: boolean;
}

/**
 * The date ages are worked out on: the booked date once there is one, before that the first
 * choice (the date the party rules were checked against when the visitor sent it).
 */
export function visitDateOf(request: Pick<VisitRequest, 'slots' | 'bookedSlot'>): string | undefined {
	return request.bookedSlot?.date ?? request.slots[0]?.date;
}

export function visitorRows(
	request: Pick<VisitRequest, 'visitors' | 'slots' | 'bookedSlot' | 'excludedVisitors'>,
	adultAge: number
): VisitorRow[] {
	const firstDate = visitDateOf(request);
	if (!firstDate) return [];
	const children = new Set(childPositions(request.visitors, firstDate, adultAge));
	const excluded = new Set(request.excludedVisitors ?? []);
	return request.visitors.map((visitor, position) => ({
		position,
		name: `${visitor.firstName} ${visitor.lastName}`,
		dateOfBirth: visitor.dateOfBirth,
		age: ageOn(visitor.dateOfBirth, firstDate),
		child: children.has(position),
		lead: position === 0,
		excluded: excluded.has(position)
	}));
}

export interface ChoiceRow {
	/** The radio's value: slotKey of the choice. */
	value: string;
	preference: number;
	when: string;
	placesLeft: string;
	/** Places left and open: confirming it should work. */
	confirmable: boolean;
}

/** The visitor's choices in their order, with live places when the detail has them. */
export function choiceRows(request: Pick<VisitRequest, 'slots'> & { choices?: SlotChoice[] }): ChoiceRow[] {
	return request.slots.map((slot, index) => {
		const choice = request.choices?.find((c) => c.date === slot.date && c.start === slot.start);
		const when = choice?.end
			? `${formatDate(slot.date)}, ${formatTimeRange(slot.start, choice.end)}`
			: `${formatDate(slot.date)}, ${formatTime(slot.start)}`;
		let placesLeft: string;
		if (!choice) placesLeft = t('staff.choice.placesUnknown');
		else if (choice.closed) placesLeft = t('staff.choice.closed', { reason: choice.closedReason ?? '' });
		else if (!choice.bookable && choice.available > 0) placesLeft = t('staff.choice.notBookable');
		else if (choice.available <= 0) placesLeft = tPlural('staff.choice.full', choice.capacity);
		else placesLeft = tPlural('staff.choice.placesLeft', choice.capacity, { available: choice.available });
		return {
			value: slotKey(slot),
			preference: index + 1,
			when,
			placesLeft: choice && !choice.inWindow ? `${placesLeft} ${t('staff.choice.outsideWindow')}` : placesLeft,
			confirmable: choice ? choice.bookable && choice.available > 0 : true
		};
	});
}

const STATUS_KEYS: Record<string, MessageKey> = {
	requested: 'staff.history.requested',
	booked: 'staff.history.booked',
	rejected: 'staff.history.rejected',
	withdrawn: 'staff.history.withdrawn',
	cancelled: 'staff.history.cancelled'
};

export interface HistoryLine {
	what: string;
	who: string;
	when: string;
}

/** Oldest first: who did what, and when in the prison's time zone. */
export function historyLines(history: readonly StateChange[], timeZone: string): HistoryLine[] {
	return [...history]
		.sort((a, b) => a.at.localeCompare(b.at))
		.map((change) => ({
			what: t(STATUS_KEYS[change.toStatus] ?? 'staff.history.changed'),
			who:
				change.actorType === 'staff'
					? (change.actorName ?? t('staff.history.someStaff'))
					: change.actorType === 'device'
						? t('staff.history.visitor')
						: t('staff.history.system'),
			when: formatInstant(change.at, timeZone)
		}));
}

export interface ConflictNotice {
	title: string;
	/** The server's own words: what happened, by whom, when. Never replaced. */
	message: string;
	/** The officer should pick another time rather than reconsider the whole request. */
	chooseAnotherSlot: boolean;
}

const SLOT_CODES = new Set(['slot_full', 'slot_closed', 'slot_past']);

/** How the request page shows a decision the server refused. */
export function conflictNotice(error: LocalError): ConflictNotice {
	if (error.code === 'flagged') return { title: t('flags.refused.title'), message: error.message, chooseAnotherSlot: false };
	if (SLOT_CODES.has(error.code)) return { title: t('staff.conflict.slotTitle'), message: error.message, chooseAnotherSlot: true };
	if (error.status === 409) return { title: t('staff.conflict.stateTitle'), message: error.message, chooseAnotherSlot: false };
	return { title: t('staff.conflict.refusedTitle'), message: error.message, chooseAnotherSlot: false };
}
