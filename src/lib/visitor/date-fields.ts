import type { LocalDate } from '../shared/rules/dates';

/** A date as GOV.UK asks for it: three boxes, each holding what the person typed. */
export interface DateFields {
	day: string;
	month: string;
	year: string;
}

export const emptyDateFields = (): DateFields => ({ day: '', month: '', year: '' });

/**
 * The 'YYYY-MM-DD' text the shared schemas check. All boxes empty gives '' (the schema then
 * asks for the date); anything not made of digits gives text that is not a real date, so the
 * person sees the same words as the server would send.
 */
export function toLocalDate(fields: DateFields): LocalDate {
	const day = fields.day.trim();
	const month = fields.month.trim();
	const year = fields.year.trim();
	if (!day && !month && !year) return '';
	if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return `${year}-${month}-${day}`;
	return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

export function fromLocalDate(date: LocalDate | undefined): DateFields {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
	if (!match) return emptyDateFields();
	return { year: match[1] as string, month: String(Number(match[2])), day: String(Number(match[3])) };
}
