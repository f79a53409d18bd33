import { t, type MessageKey } from './i18n';

/*
 * A problem with one visitor's details names that visitor as the visitors page heads them: the
 * lead visitor (the first), or visitor N. Zod gives a message function the whole path of the
 * problem (visitors.2.lastName), so the schemas and the rules say the same on the device, the
 * server and the staff booking form.
 */

export type VisitorWords =
	'firstName.required' | 'lastName.required' | 'dateOfBirth.required' | 'dateOfBirth.invalid' | 'dateOfBirth.future' | 'dateOfBirth.tooOld';

/** The words about the visitor at `index` (0 = the lead visitor). */
export function aboutVisitor(words: VisitorWords, index: number): string {
	return index === 0
		? t(`visitorField.${words}.lead` as MessageKey)
		: t(`visitorField.${words}.numbered` as MessageKey, { number: index + 1 });
}

/** The position of the visitor a path is inside (`visitors.N.…`), if it is inside one. */
function visitorIndex(path: readonly PropertyKey[] | undefined): number | undefined {
	const at = path?.indexOf('visitors') ?? -1;
	const index = at >= 0 ? path?.[at + 1] : undefined;
	return typeof index === 'number' ? index : undefined;
}

/** A zod error message naming the visitor the problem is in; `otherwise` where it is in none. */
export const visitorMessage =
	(words: VisitorWords, otherwise: MessageKey) =>
	(issue: { path?: readonly PropertyKey[] }): string => {
		const index = visitorIndex(issue.path);
		return index === undefined ? t(otherwise) : aboutVisitor(words, index);
	};
