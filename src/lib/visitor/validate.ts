import { parseInput, type Parsed } from '../shared/validation';
import { VisitRequestInput } from '../shared/schemas';
import type { PrisonRules } from '../shared/domain';
import { addDays, todayIn } from '../shared/rules/dates';
import { checkParty, dateOfBirthProblem } from '../shared/rules/party';
import { checkVisitRequest, firstChosenDate, type RequestContext } from '../shared/rules/visit-request';
import type { FieldErrors } from '../shared/rules/field-errors';
import { draftToRawInput, type BookingDraft } from './draft';

/*
 * Each page checks only its own part of the request, with the same schema and rules the server
 * uses: the whole draft is parsed and only the page's fields are kept, so a message never
 * differs from what the server would say.
 */

export type Section = 'prisonId' | 'prisoner' | 'visitors' | 'slots' | 'additionalSupport';

function only(errors: FieldErrors, section: Section): FieldErrors {
	return Object.fromEntries(
		Object.entries(errors).filter(([path]) => path === section || path.startsWith(`${section}.`))
	);
}

export function parseDraft(draft: BookingDraft): Parsed<VisitRequestInput> {
	return parseInput(VisitRequestInput, draftToRawInput(draft));
}

export function sectionErrors(
	draft: BookingDraft,
	section: Section,
	prison: PrisonRules,
	now: Date,
	calendar?: Omit<RequestContext, 'prison' | 'now'>
): FieldErrors {
	const parsed = parseDraft(draft);
	const formErrors = parsed.ok ? {} : only(parsed.fields, section);
	if (Object.keys(formErrors).length > 0) return formErrors;
	const raw = draftToRawInput(draft);
	const today = todayIn(prison.timeZone, now);

	if (section === 'prisoner') {
		const problem = dateOfBirthProblem(raw.prisoner.dateOfBirth, today);
		return problem ? { 'prisoner.dateOfBirth': problem } : {};
	}
	if (section === 'visitors') {
		// Ages are judged on the first chosen date; before any is chosen, on the earliest bookable one.
		const visitDate = raw.slots.length > 0 ? firstChosenDate(raw) : addDays(today, prison.leadDays);
		return only(checkParty({ prisoner: raw.prisoner, visitors: raw.visitors }, prison, visitDate, now), 'visitors');
	}
	if (section === 'slots' && parsed.ok && calendar) {
		return only(checkVisitRequest(parsed.value, { ...calendar, prison, now }), 'slots');
	}
	return {};
}

/** The whole request, as it will be sent: form first, then every rule, against the cached calendar. */
export function checkDraft(
	draft: BookingDraft,
	context: RequestContext
): Parsed<VisitRequestInput> {
	const parsed = parseDraft(draft);
	if (!parsed.ok) return parsed;
	const fields = checkVisitRequest(parsed.value, context);
	return Object.keys(fields).length > 0 ? { ok: false, fields } : parsed;
}
