import { LIMITS, type PrisonRules } from '../domain';
import { t, tPlural } from '../i18n';
import { ageOn, isRealDate, todayIn, type LocalDate } from './dates';
import type { FieldErrors } from './field-errors';
import { aboutVisitor } from '../visitor-words';
import { sameName } from '../names';

interface Born {
	dateOfBirth: LocalDate;
}

/**
 * A date of birth must be in the past and within the last 120 years. `visitor`: the position of
 * the visitor it belongs to, whom the message then names.
 */
export function dateOfBirthProblem(dateOfBirth: LocalDate, today: LocalDate, visitor?: number): string | null {
	const problem = (words: 'future' | 'tooOld') =>
		visitor === undefined ? t(`validation.date.${words}`) : aboutVisitor(`dateOfBirth.${words}`, visitor);
	if (dateOfBirth > today) return problem('future');
	// Same month and day, 120 years back; compared as text, so 29 February needs no special case.
	const oldest = `${Number(today.slice(0, 4)) - LIMITS.maxDateOfBirthYears}${today.slice(4)}`;
	if (dateOfBirth < oldest) return problem('tooOld');
	return null;
}

/**
 * Who may come: the lead visitor is an adult on the visit date; the party fits the prison's
 * limits for visitors in total and for adults. `visitDate` is the first chosen date, so a
 * lead visitor who turns 18 between two chosen dates is judged on the earliest.
 * A date of birth that is not a real date is the schema's to report; it is left out here, and
 * every other rule is still judged on the dates that are good, so one round shows every problem
 * (the adults counted are then the fewest the party can have: more than the limit is certain).
 */
export function checkParty(
	people: { prisoner: Born; visitors: Born[] },
	prison: Pick<PrisonRules, 'maxVisitors' | 'maxAdults' | 'adultAge' | 'timeZone'>,
	visitDate: LocalDate,
	now: Date
): FieldErrors {
	const errors: FieldErrors = {};
	const today = todayIn(prison.timeZone, now);
	const usable = (born: Born) => isRealDate(born.dateOfBirth) && dateOfBirthProblem(born.dateOfBirth, today) === null;

	if (isRealDate(people.prisoner.dateOfBirth)) {
		const prisonerProblem = dateOfBirthProblem(people.prisoner.dateOfBirth, today);
		if (prisonerProblem) errors['prisoner.dateOfBirth'] = prisonerProblem;
	}

	people.visitors.forEach((visitor, index) => {
		if (!isRealDate(visitor.dateOfBirth)) return;
		const problem = dateOfBirthProblem(visitor.dateOfBirth, today, index);
		if (problem) errors[`visitors.${index}.dateOfBirth`] = problem;
	});

	if (people.visitors.length > prison.maxVisitors) {
		errors['visitors'] = tPlural('validation.visitors.tooMany', prison.maxVisitors);
	}
	if (!isRealDate(visitDate)) return errors;

	const lead = people.visitors[0];
	if (lead && usable(lead) && ageOn(lead.dateOfBirth, visitDate) < prison.adultAge) {
		errors['visitors.0.dateOfBirth'] = t('validation.lead.underAge', { age: prison.adultAge });
	}
	const adults = people.visitors.filter((v) => usable(v) && ageOn(v.dateOfBirth, visitDate) >= prison.adultAge).length;
	if (adults > prison.maxAdults && !errors['visitors']) {
		errors['visitors'] = tPlural('validation.visitors.tooManyAdults', prison.maxAdults, { age: prison.adultAge });
	}
	return errors;
}

/** Visitors who are children on the visit date, by position: staff see them flagged. */
export function childPositions(visitors: Born[], visitDate: LocalDate, adultAge: number): number[] {
	return visitors.flatMap((v, index) => (ageOn(v.dateOfBirth, visitDate) < adultAge ? [index] : []));
}

interface Named extends Born {
	firstName: string;
	lastName: string;
}

const samePerson = (a: Named, b: Named) =>
	a.dateOfBirth === b.dateOfBirth && sameName(a.firstName, b.firstName) && sameName(a.lastName, b.lastName);

/**
 * What a change of party does to who is coming: the people it adds and those who would no longer
 * come, matched as ban checks match them (names.ts keys and the date of birth). Both empty: the
 * same people, perhaps in another order or with other contact details.
 */
export function partyChanges<P extends Named>(before: readonly P[], after: readonly P[]): { added: P[]; removed: P[] } {
	return {
		added: after.filter((person) => !before.some((other) => samePerson(person, other))),
		removed: before.filter((person) => !after.some((other) => samePerson(person, other)))
	};
}
