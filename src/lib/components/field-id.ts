/** The element id for a field path ('visitors.0.email' → 'visitors-0-email'), so error links find their field. */
export const fieldId = (path: string): string => path.replace(/\./g, '-');

/**
 * Where an error summary link goes: a date's first box (its fieldset has no focusable element),
 * or the field itself.
 */
export function errorAnchor(path: string): string {
	return path.endsWith('dateOfBirth') ? `${fieldId(path)}-day` : fieldId(path);
}
