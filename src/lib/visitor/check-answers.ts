import { formatDateShort, formatPhone } from '../shared/format';
import { t } from '../shared/i18n';
import { childPositions } from '../shared/rules/party';
import { firstChosenDate } from '../shared/rules/visit-request';
import type { CalendarDay, Prison } from '../shared/answers';
import type { SummaryRow } from '../components/SummaryList.svelte';
import type { RequestBody } from './draft';
import { changePath, type Step } from './flow';
import { slotLine } from './slot-line';
import { isRealDate } from '../shared/rules/dates';
import { prisonName } from '../shared/welsh-text';

/*
 * The rows of "Check your answers" (and of a request's own page), built from the request body so
 * both show the same words. `editable` adds the Change links.
 */

const date = (value: string) => (isRealDate(value) ? formatDateShort(value) : value);

export interface AnswerSections {
	prison: SummaryRow[];
	prisoner: SummaryRow[];
	visitors: SummaryRow[];
	slots: SummaryRow[];
	support: SummaryRow[];
}

export function answerRows(
	input: Omit<RequestBody, 'id'>,
	prison: Prison,
	options: { editable: boolean; days?: readonly CalendarDay[] }
): AnswerSections {
	const change = (step: Step, what: string) => (options.editable ? { change: { href: changePath(step), what } } : {});
	const validDates = input.slots.every((s) => isRealDate(s.date)) && input.visitors.every((v) => isRealDate(v.dateOfBirth));
	const children = validDates && input.slots.length > 0 ? childPositions(input.visitors, firstChosenDate(input), prison.adultAge) : [];

	return {
		prison: [{ key: t('visitor.check.prison'), value: [prisonName(prison)], ...change('prison', t('visitor.check.prison')) }],
		prisoner: [
			{
				key: t('visitor.check.prisoner.name'),
				value: [`${input.prisoner.firstName} ${input.prisoner.lastName}`],
				...change('prisoner', t('visitor.check.prisoner.name'))
			},
			{
				key: t('visitor.check.prisoner.dateOfBirth'),
				value: [date(input.prisoner.dateOfBirth)],
				...change('prisoner', t('visitor.check.prisoner.dateOfBirth'))
			},
			{
				key: t('visitor.check.prisoner.number'),
				value: [input.prisoner.prisonerNumber.replace(/\s+/g, '').toUpperCase()],
				...change('prisoner', t('visitor.check.prisoner.number'))
			}
		],
		visitors: input.visitors.map((visitor, index) => {
			const key = index === 0 ? t('visitor.check.leadVisitor') : t('visitor.check.otherVisitor', { number: index + 1 });
			const lines = [
				`${visitor.firstName} ${visitor.lastName}`,
				`${date(visitor.dateOfBirth)}${children.includes(index) ? ` ${t('visitor.check.child')}` : ''}`
			];
			if (visitor.email) lines.push(visitor.email);
			if (visitor.phone) lines.push(formatPhone(visitor.phone));
			return { key, value: lines, ...change('visitors', key) };
		}),
		slots: [
			{
				key: t('visitor.check.slots'),
				value: input.slots.map((slot, index) => `${index + 1}. ${slotLine(slot, options.days)}`),
				...change('slots', t('visitor.check.slots'))
			}
		],
		support: [
			{
				key: t('visitor.check.support'),
				value: [input.additionalSupport?.trim() ? input.additionalSupport.trim() : t('visitor.check.none')],
				...change('support', t('visitor.check.support'))
			}
		]
	};
}

/** The page an error on check your answers sends the person back to. */
export function stepForField(path: string): Step {
	if (path.startsWith('prisoner')) return 'prisoner';
	if (path.startsWith('visitors')) return 'visitors';
	if (path.startsWith('slots')) return 'slots';
	if (path.startsWith('additionalSupport')) return 'support';
	if (path.startsWith('channels') || path.startsWith('messageLanguage')) return 'check';
	return 'prison';
}
