// validate(target, schema): @hono/zod-validator with the contract's 400 answer. Handlers read the parsed,
// typed value with c.req.valid(target). Messages are the zod issues' own, which the shared schemas take
// from the message catalogue.
import { zValidator } from '@hono/zod-validator';
import type { Context, ValidationTargets } from 'hono';
import type { $ZodIssue, $ZodType } from 'zod/v4/core';
import { t } from '../../src/lib/shared/i18n/index';
import { errorBody } from './errors';
import { fieldErrorsFromZod } from './field-errors';

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
	return c.json(
		errorBody('validation_failed', t('platform.error.validation'), fieldErrorsFromZod(issues, ROOT_KEYS[target])),
		400
	);
}

export function validate<Target extends keyof ValidationTargets, Schema extends $ZodType>(target: Target, schema: Schema) {
	return zValidator(target, schema, (result, c) => {
		if (!result.success) return validationFailure(c, result.error.issues, target);
	});
}
