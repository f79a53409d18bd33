import type { PrisonRules } from '../domain';
import { formatDateShort } from '../format';
import { t } from '../i18n';
import { localDate, SlotRef, VisitRequestInput } from '../schemas';
import { parseInput, type Parsed } from '../validation';
import type { Closure, TimetableSlot } from '../answers';
import { bookingWindow, isWithinWindow } from './booking-window';
import { closureFor, findTimetableSlot, hasStarted, slotUsageKey, type SlotUsage } from './calendar';
import { addDays, todayIn } from './dates';
import { hasErrors, mergeFieldErrors, type FieldErrors } from './field-errors';
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

/** What the rules judge: the chosen slots (null where one is malformed) and the dates of birth. */
export interface RuleInput {
	slots: readonly (SlotRef | null)[];
	prisoner: { dateOfBirth: string };
	visitors: { dateOfBirth: string }[];
}

/**
 * The product's rules for a well-formed request (schemas.ts has checked its form): every
 * chosen slot exists, is open, not past, not full and inside the booking window; the party
 * fits the prison's limits. Runs on the device offline and on the server, with the same words.
 */
export function checkVisitRequest(request: VisitRequestInput, context: RequestContext): FieldErrors {
	return checkRules(request, context);
}

/**
 * The rules on every part that is well-formed, also when others are not (see RuleInput): a
 * malformed slot or date of birth is the schema's to report, and is left out here.
 */
export function checkRules(request: RuleInput, context: RequestContext): FieldErrors {
	const errors: FieldErrors = {};
	const window = bookingWindow(context.prison, context.now);

	request.slots.forEach((chosen, index) => {
		if (!chosen) return;
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

	// Ages are judged on the first chosen date; with none well-formed, on the earliest bookable one.
	const chosen = request.slots.filter((slot): slot is SlotRef => slot !== null);
	const visitDate =
		chosen.length > 0
			? firstChosenDate({ slots: chosen })
			: addDays(todayIn(context.prison.timeZone, context.now), context.prison.leadDays);
	return { ...errors, ...checkParty(request, context.prison, visitDate, context.now) };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A date of birth if it is a real date, else '' (which the rules leave out). */
function dateOfBirthOf(person: unknown): string {
	const parsed = localDate().safeParse(isObject(person) ? person.dateOfBirth : undefined);
	return parsed.success ? parsed.data : '';
}

/** The parts of a request body as sent (any shape) that the rules can judge. */
export function ruleInputOf(body: unknown): RuleInput {
	const request = isObject(body) ? body : {};
	return {
		slots: listOf(request.slots).map((slot) => {
			const parsed = SlotRef.safeParse(slot);
			return parsed.success ? parsed.data : null;
		}),
		prisoner: { dateOfBirth: dateOfBirthOf(request.prisoner) },
		visitors: listOf(request.visitors).map((visitor) => ({ dateOfBirth: dateOfBirthOf(visitor) }))
	};
}

/** The order a request's fields are asked in, for listing its problems (mergeFieldErrors). */
export const REQUEST_FIELD_ORDER = [
	'prisonId',
	'prisoner',
	'visitors',
	'slots',
	'additionalSupport',
	'firstName',
	'lastName',
	'dateOfBirth',
	'prisonerNumber',
	'email',
	'phone',
	'date',
	'start'
] as const;

/** The schema's problems and the rules' problems of the same body, in one list, in page order. */
export function mergeRequestErrors(schemaErrors: FieldErrors, ruleErrors: FieldErrors): FieldErrors {
	return mergeFieldErrors(schemaErrors, ruleErrors, REQUEST_FIELD_ORDER);
}

/**
 * Every problem of a request body in one round: its form (the shared schema) and the rules on
 * whatever parts are well-formed, so a visitor is never told one problem, fixes it, and is then
 * told another that was there all along.
 */
export function checkRequestBody(body: unknown, context: RequestContext): Parsed<VisitRequestInput> {
	const parsed = parseInput(VisitRequestInput, body);
	if (parsed.ok) {
		const problems = checkRules(parsed.value, context);
		return hasErrors(problems) ? { ok: false, fields: mergeRequestErrors({}, problems) } : parsed;
	}
	return { ok: false, fields: mergeRequestErrors(parsed.fields, checkRules(ruleInputOf(body), context)) };
}
