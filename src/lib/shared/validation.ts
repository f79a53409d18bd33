import type { z } from 'zod';
import type { $ZodIssue } from 'zod/v4/core';
import { fieldPath, type FieldErrors } from './rules/field-errors';

export type Parsed<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

/**
 * Zod issues as field-level messages, the one way on the device (forms) and the server (the API's
 * `fields`): the first problem of each field, keyed by dotted path. Issues about the whole value
 * (empty path) go under `rootKey`: `_` on forms; the server names the part of the request (`body`, `query`).
 */
export function fieldErrorsOf(issues: readonly $ZodIssue[], rootKey = '_'): FieldErrors {
	const fields: FieldErrors = {};
	for (const issue of issues) {
		const key = fieldPath(issue.path) || rootKey;
		if (!(key in fields)) fields[key] = issue.message;
	}
	return fields;
}

/** Parses with a shared schema, the same way on the device (forms) and the server (API). */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): Parsed<z.output<S>> {
	const result = schema.safeParse(data);
	return result.success ? { ok: true, value: result.data } : { ok: false, fields: fieldErrorsOf(result.error.issues) };
}
