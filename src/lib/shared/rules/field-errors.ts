/** Field-level problems keyed by dotted path (`visitors.0.dateOfBirth`), as the API and forms show them. */
export type FieldErrors = Record<string, string>;

export function hasErrors(errors: FieldErrors): boolean {
	return Object.keys(errors).length > 0;
}

/** Turns an issue path from zod (['visitors', 0, 'email']) into the dotted key used everywhere. */
export function fieldPath(path: readonly PropertyKey[]): string {
	return path.map((part) => String(part)).join('.');
}
