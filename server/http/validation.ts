// validate(target, schema): @hono/zod-validator with the contract's 400 answer. Handlers read the parsed,
// typed value with c.req.valid(target). Messages are the zod issues' own, which the shared schemas take
// from the message catalogue.
import { zValidator } from '@hono/zod-validator';
import type { Context, ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import type { ZodSafeParseResult } from 'zod';
import { safeParse, type $ZodIssue, type $ZodType, type output } from 'zod/v4/core';
import { t } from '../../src/lib/shared/i18n/index';
import { errorBody } from './errors';
import { fieldErrorsOf } from '../../src/lib/shared/validation';
import { documentedValidator } from '../openapi/describe';

const ROOT_KEYS: Record<keyof ValidationTargets, string> = {
	json: 'body',
	form: 'body',
	query: 'query',
	param: 'params',
	header: 'headers',
	cookie: 'cookies'
};

/** The 400 answer for failed validation (exported for handlers that validate by hand). */
export function validationFailure(c: Context, issues: readonly $ZodIssue[], target: keyof ValidationTargets = 'json') {
	return fieldsFailure(c, fieldErrorsOf(issues, ROOT_KEYS[target]));
}

function fieldsFailure(c: Context, fields: Record<string, string>) {
	return c.json(errorBody('validation_failed', t('platform.error.validation'), fields), 400);
}

/**
 * `moreProblems` adds problems the schema cannot see (the product's rules, which need the
 * database) to a failed validation's 400, so one answer names every problem; it gets the body as
 * sent, in any shape. `merge` orders the two (the schema's message wins on a field).
 */
export function validate<Target extends keyof ValidationTargets, Schema extends $ZodType>(
	target: Target,
	schema: Schema,
	more?: {
		problems: (value: unknown, c: Context) => Promise<Record<string, string>>;
		merge: (schemaFields: Record<string, string>, moreFields: Record<string, string>) => Record<string, string>;
	}
) {
	// Marked with its target and schema, so the OpenAPI document shows what the route takes.
	return documentedValidator(
		zValidator(target, schema, async (result, c) => {
			if (result.success) return;
			if (!more) return validationFailure(c, result.error.issues, target);
			return fieldsFailure(c, more.merge(fieldErrorsOf(result.error.issues, ROOT_KEYS[target]), await more.problems(result.data, c)));
		}),
		target,
		schema
	);
}

/**
 * validate() for small inputs that many requests send alike, such as the calendar's date range
 * (every device asks for the same 28 days): each distinct input is parsed once, synchronously,
 * and later requests reuse the result. Only for schemas that are pure functions of the input
 * (no clock, no database). At most `maxEntries` inputs are kept, oldest dropped first, so odd
 * inputs cannot grow it without bound. Parsing the range was a quarter of a cached calendar's cost.
 */
export function validateOnce<Target extends keyof ValidationTargets, Schema extends $ZodType>(
	target: Target,
	schema: Schema,
	maxEntries = 1_000
) {
	const results = new Map<string, ZodSafeParseResult<output<Schema>>>();
	return documentedValidator(
		validator(target, (value, c) => {
			const key = JSON.stringify(value);
			let result = results.get(key);
			if (!result) {
				result = safeParse(schema, value) as ZodSafeParseResult<output<Schema>>;
				if (results.size >= maxEntries) results.delete(results.keys().next().value as string);
				results.set(key, result);
			}
			if (!result.success) return validationFailure(c, result.error.issues, target);
			return result.data;
		}),
		target,
		schema
	);
}
