import type { LocalVisitRequest } from '../client/db';
import { t } from '../shared/i18n';
import { hasStarted } from '../shared/rules/calendar';
import type { FieldErrors } from '../shared/rules/field-errors';
import { checkParty } from '../shared/rules/party';
import { checkRules, mergeRequestErrors } from '../shared/rules/visit-request';
import type { SlotRef } from '../shared/schemas';
import { changeInputFor, type ChangeInput } from '../shared/schemas-change';
import { parseInput, type Parsed } from '../shared/validation';
import type { CalendarDay, ChangeOutcome, PendingChange, Prison, VisitorDetails } from '../shared/answers';
import { fromLocalDate, toLocalDate } from './date-fields';
import type { VisitorDraft } from './draft';
import { contextFromCalendar } from './request-context';
import type { ShownRequest } from './visit-status';

/*
 * Changing a booked visit on the phone: which change shows as pending (the device's
 * queued one first, then the server's), whether the visit may be changed now, and the same schema
 * and rules the server applies to the new times and the new party, judged offline on the cached
 * calendar.
 */

export type ChangeView = ShownRequest &
	Pick<LocalVisitRequest, 'queuedChange'> & {
		change?: PendingChange | null;
		changeOutcome?: ChangeOutcome | null;
		calendarSequence?: number;
	};

/** The change waiting for the prison, as this device knows it; null when none. `visitors`: the new party, if it changes. */
export function pendingChange(request: ChangeView): { slots: SlotRef[]; visitors: VisitorDetails[] | null; queued: boolean } | null {
	if (request.pendingAction === 'change-withdraw') return null;
	if (request.queuedChange) return { slots: request.queuedChange.slots, visitors: request.queuedChange.visitors ?? null, queued: true };
	if (request.change) return { slots: request.change.slots, visitors: request.change.visitors ?? null, queued: false };
	return null;
}

/** The party as booked, to start the change from (the lead's contact details with the lead). */
export function partyDraft(request: Pick<ChangeView, 'visitors'>): VisitorDraft[] {
	return request.visitors.map((visitor) => ({
		firstName: visitor.firstName,
		lastName: visitor.lastName,
		dateOfBirth: fromLocalDate(visitor.dateOfBirth),
		email: visitor.email ?? '',
		phone: visitor.phone ?? ''
	}));
}

type RawVisitor = { firstName: string; lastName: string; dateOfBirth: string; email?: string; phone?: string };
/** What the page sends, as typed: new times when any are chosen, the party when it differs from the booked one. */
export type RawChange = { slots?: SlotRef[]; visitors?: RawVisitor[] };

/** The body as typed (the schema decides what it means); the party only when something about it changed. */
export function changeBody(request: Pick<ChangeView, 'visitors'>, slots: readonly SlotRef[], party: readonly VisitorDraft[]): RawChange {
	const raw = (visitors: readonly VisitorDraft[]): RawVisitor[] =>
		visitors.map((visitor, index) => ({
			firstName: visitor.firstName,
			lastName: visitor.lastName,
			dateOfBirth: toLocalDate(visitor.dateOfBirth),
			...(index === 0 ? { email: visitor.email, phone: visitor.phone } : {})
		}));
	const changed = JSON.stringify(raw(party)) !== JSON.stringify(raw(partyDraft(request)));
	return {
		...(slots.length > 0 ? { slots: slots.map((slot) => ({ date: slot.date, start: slot.start })) } : {}),
		...(changed ? { visitors: raw(party) } : {})
	};
}

/** "Change this visit": a booked visit that has not started, with no change already waiting. */
export function canChange(request: ChangeView, timeZone: string, now: Date): boolean {
	const slot = request.bookedSlot;
	if (request.status !== 'booked' || !slot || (request.pendingAction && request.pendingAction !== 'change-withdraw')) return false;
	if (pendingChange(request)) return false;
	return !hasStarted(slot.date, slot.start, timeZone, now);
}

/**
 * The change as the server will judge it, every problem in one round: its form (the shared schema:
 * something to change, each visitor's fields) and the rules, on the new times (or the booked date
 * when the time stays) with the party that would come. Not the time already booked, either.
 */
export function checkChange(
	request: ChangeView,
	body: RawChange,
	prison: Prison,
	days: readonly CalendarDay[],
	now: Date
): Parsed<ChangeInput> {
	// The channels as the family chose them when they asked: the server holds the same unless changed since.
	const parsed = parseInput(changeInputFor(request.input.channels), body);
	const people = {
		prisoner: { dateOfBirth: request.input.prisoner.dateOfBirth },
		visitors: (body.visitors ?? request.visitors).map((v) => ({ dateOfBirth: v.dateOfBirth }))
	};
	let rules: FieldErrors = {};
	if (body.slots) {
		rules = checkRules({ slots: body.slots, ...people }, { prison, ...contextFromCalendar(days), now });
		body.slots.forEach((slot, index) => {
			if (slot.date === request.bookedSlot?.date && slot.start === request.bookedSlot.start)
				rules[`slots.${index}`] = t('change.sameAsBooked');
		});
	} else if (request.bookedSlot) {
		rules = checkParty(people, prison, request.bookedSlot.date, now);
	}
	const errors = mergeRequestErrors(parsed.ok ? {} : parsed.fields, rules);
	if (Object.keys(errors).length > 0) return { ok: false, fields: errors };
	return parsed;
}
