import type { $ZodIssue } from 'zod/v4/core';
import { fieldPath } from '../../src/lib/shared/rules/field-errors';

/**
 * Zod issues as the contract's `fields`: dotted path → message, first message per field.
 * Issues about the whole value (empty path) go under the target's name, e.g. `body`.
 */
export function fieldErrorsFromZod(issues: readonly $ZodIssue[], rootKey = 'body'): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const issue of issues) {
		const key = issue.path.length > 0 ? fieldPath(issue.path) : rootKey;
		fields[key] ??= issue.message;
	}
	return fields;
}
