import type { PrisonRules } from '../domain';
import { formatDateShort } from '../format';
import { t } from '../i18n';
import type { VisitRequestInput } from '../schemas';
import type { Closure, TimetableSlot } from '../types';
import { bookingWindow, isWithinWindow } from './booking-window';
import { closureFor, findTimetableSlot, hasStarted, slotUsageKey, type SlotUsage } from './calendar';
import type { FieldErrors } from './field-errors';
import { checkParty } from './party';

export interface RequestContext {
	prison: PrisonRules;
	timetable: readonly TimetableSlot[];
	closures: readonly Closure[];
	now: Date;
	/** Booked visits per slot, where known: a full slot cannot be chosen. */
	usage?: SlotUsage;
}

/** The earliest chosen date: the date the party's ages are judged on. */
export function firstChosenDate(request: Pick<VisitRequestInput, 'slots'>): string {
	return request.slots.map((s) => s.date).sort()[0] ?? '';
}

/**
 * The product's rules for a well-formed request (schemas.ts has checked its form): every
 * chosen slot exists, is open, not past, not full and inside the booking window; the party
 * fits the prison's limits. Runs on the device offline and on the server, with the same words.
 */
export function checkVisitRequest(request: VisitRequestInput, context: RequestContext): FieldErrors {
	const errors: FieldErrors = {};
	const window = bookingWindow(context.prison, context.now);

	request.slots.forEach((chosen, index) => {
		const path = `slots.${index}`;
		const slot = findTimetableSlot(context.timetable, chosen.date, chosen.start);
		if (!slot) {
			errors[path] = t('validation.slot.unknown');
		} else if (closureFor(context.closures, chosen.date, chosen.start)) {
			errors[path] = t('validation.slot.closed');
		} else if (hasStarted(chosen.date, chosen.start, context.prison.timeZone, context.now)) {
			errors[path] = t('validation.slot.past');
		} else if (!isWithinWindow(chosen.date, window)) {
			errors[path] = t('validation.slot.outOfWindow', {
				from: formatDateShort(window.from),
				to: formatDateShort(window.to)
			});
		} else if ((context.usage?.get(slotUsageKey(chosen.date, chosen.start)) ?? 0) >= slot.capacity) {
			errors[path] = t('validation.slot.full');
		}
	});

	return { ...errors, ...checkParty(request, context.prison, firstChosenDate(request), context.now) };
}
