import type { z } from 'zod';
import { fieldPath, type FieldErrors } from './rules/field-errors';

export type Parsed<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

/** Field-level messages from a zod error: the first problem of each field, keyed by dotted path. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
	const fields: FieldErrors = {};
	for (const issue of error.issues) {
		const key = fieldPath(issue.path) || '_';
		if (!(key in fields)) fields[key] = issue.message;
	}
	return fields;
}

/** Parses with a shared schema, the same way on the device (forms) and the server (API). */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): Parsed<z.output<S>> {
	const result = schema.safeParse(data);
	return result.success ? { ok: true, value: result.data } : { ok: false, fields: fieldErrorsOf(result.error) };
}
