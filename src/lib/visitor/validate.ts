import { parseInput, type Parsed } from '../shared/validation';
import { VisitRequestInput } from '../shared/schemas';
import type { PrisonRules } from '../shared/domain';
import { checkRequestBody, checkRules, mergeRequestErrors, ruleInputOf, type RequestContext } from '../shared/rules/visit-request';
import type { FieldErrors } from '../shared/rules/field-errors';
import { draftToRawInput, type BookingDraft } from './draft';

/*
 * Each page checks only its own part of the request, with the same schema and rules the server
 * uses: the whole draft is parsed and only the page's fields are kept, so a message never
 * differs from what the server would say. Form and rules are judged together, so a page lists
 * every problem at once (a missing email and an under-age lead visitor in one round).
 */

export type Section = 'prisonId' | 'prisoner' | 'visitors' | 'slots' | 'additionalSupport';

function only(errors: FieldErrors, section: Section): FieldErrors {
	return Object.fromEntries(Object.entries(errors).filter(([path]) => path === section || path.startsWith(`${section}.`)));
}

/**
 * One page's problems. Before any time is chosen the party's ages are judged on the earliest
 * bookable date; the times are judged only against a calendar (without one, on the server).
 */
export function sectionErrors(
	draft: BookingDraft,
	section: Section,
	prison: PrisonRules,
	now: Date,
	calendar?: Omit<RequestContext, 'prison' | 'now'>
): FieldErrors {
	const raw = draftToRawInput(draft);
	const parsed = parseInput(VisitRequestInput, raw);
	const formErrors = parsed.ok ? {} : only(parsed.fields, section);
	if (section === 'slots' && !calendar) return formErrors;
	const ruleErrors = checkRules(ruleInputOf(raw), { timetable: [], closures: [], ...calendar, prison, now });
	return mergeRequestErrors(formErrors, only(ruleErrors, section));
}

/** The whole request, as it will be sent: form and every rule, against the cached calendar. */
export function checkDraft(draft: BookingDraft, context: RequestContext): Parsed<VisitRequestInput> {
	return checkRequestBody(draftToRawInput(draft), context);
}
