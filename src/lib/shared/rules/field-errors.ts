/** Field-level problems keyed by dotted path (`visitors.0.dateOfBirth`), as the API and forms show them. */
export type FieldErrors = Record<string, string>;

export function hasErrors(errors: FieldErrors): boolean {
	return Object.keys(errors).length > 0;
}

/** Turns an issue path from zod (['visitors', 0, 'email']) into the dotted key used everywhere. */
export function fieldPath(path: readonly PropertyKey[]): string {
	return path.map((part) => String(part)).join('.');
}

/**
 * Field errors from two checks (the schema's and the rules'), one message per field (the first
 * check's wins), in the order the fields are asked for: `fieldOrder` names the parts in page
 * order; list positions sort by number; a part's own message comes before its fields' messages.
 */
export function mergeFieldErrors(first: FieldErrors, second: FieldErrors, fieldOrder: readonly string[]): FieldErrors {
	const merged: FieldErrors = { ...second, ...first };
	const rank = (part: string): number => {
		if (/^\d+$/.test(part)) return Number(part);
		const index = fieldOrder.indexOf(part);
		return index === -1 ? fieldOrder.length : index;
	};
	const compare = (a: string, b: string): number => {
		const left = a.split('.');
		const right = b.split('.');
		for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
			const difference = rank(left[i] as string) - rank(right[i] as string);
			if (difference !== 0) return difference;
		}
		return left.length - right.length;
	};
	return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => compare(a, b)));
}
