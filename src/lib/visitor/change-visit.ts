import type { LocalVisitRequest } from '../client/db';
import { t } from '../shared/i18n';
import { hasStarted } from '../shared/rules/calendar';
import type { FieldErrors } from '../shared/rules/field-errors';
import { checkRules } from '../shared/rules/visit-request';
import type { SlotRef } from '../shared/schemas';
import type { CalendarDay, ChangeOutcome, PendingChange, Prison } from '../shared/types';
import { contextFromCalendar } from './request-context';
import type { ShownRequest } from './visit-status';

/*
 * Changing a booked visit on the phone (issue #20): which change shows as pending (the device's
 * queued one first, then the server's), whether the visit may be changed now, and the same rules
 * the server applies to the new times, judged offline on the cached calendar.
 */

export type ChangeView = ShownRequest &
	Pick<LocalVisitRequest, 'queuedChange'> & {
		change?: PendingChange | null;
		changeOutcome?: ChangeOutcome | null;
		calendarSequence?: number;
	};

/** The change waiting for the prison, as this device knows it; null when none. */
export function pendingChange(request: ChangeView): { slots: SlotRef[]; queued: boolean } | null {
	if (request.pendingAction === 'change-withdraw') return null;
	if (request.queuedChange) return { slots: request.queuedChange.slots, queued: true };
	if (request.change) return { slots: request.change.slots, queued: false };
	return null;
}

/** "Change this visit": a booked visit that has not started, with no change already waiting. */
export function canChange(request: ChangeView, timeZone: string, now: Date): boolean {
	const slot = request.bookedSlot;
	if (request.status !== 'booked' || !slot || (request.pendingAction && request.pendingAction !== 'change-withdraw')) return false;
	if (pendingChange(request)) return false;
	return !hasStarted(slot.date, slot.start, timeZone, now);
}

/** The new times' problems, as the server will judge them (plus: at least one, and not the time already booked). */
export function changeErrors(
	request: ChangeView,
	slots: readonly SlotRef[],
	prison: Prison,
	days: readonly CalendarDay[],
	now: Date
): FieldErrors {
	if (slots.length === 0) return { slots: t('validation.slots.none') };
	const errors = checkRules(
		{
			slots,
			prisoner: { dateOfBirth: request.input.prisoner.dateOfBirth },
			visitors: request.input.visitors.map((v) => ({ dateOfBirth: v.dateOfBirth }))
		},
		{ prison, ...contextFromCalendar(days), now }
	);
	slots.forEach((slot, index) => {
		if (slot.date === request.bookedSlot?.date && slot.start === request.bookedSlot.start)
			errors[`slots.${index}`] = t('change.sameAsBooked');
	});
	return errors;
}
