// Domain errors become the contract's error answers in one place (server/http/errors.ts): each kind's
// status, its code unless it names its own, and the message, fields, details and visits as given.
import { describe, expect, it } from 'vitest';
import { adminEn } from '../../../src/lib/shared/i18n/en/admin';
import { emailEn } from '../../../src/lib/shared/i18n/en/email';
import { prisonersServerEn } from '../../../src/lib/shared/i18n/en/prisoners-server';
import { serverEn } from '../../../src/lib/shared/i18n/en/server';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleProblems } from '../../../server/domain-errors';
import { toApiError } from '../../../server/http/errors';

/** The English words as the catalogue holds them: not through the code's own t(), which could be what is broken. */
const words: Record<string, string> = { ...adminEn, ...emailEn, ...prisonersServerEn, ...serverEn };
const en = (key: string) => {
	const text = words[key];
	if (text === undefined) throw new Error(`No English text for ${key}`);
	return text;
};

const answer = (error: unknown) => {
	const apiError = toApiError(error);
	return { status: apiError.status, body: apiError.toBody() };
};

describe('domain errors as answers', () => {
	it('gives each kind its status and code', () => {
		expect(answer(new NotFound('api.request.notFound'))).toEqual({
			status: 404,
			body: { error: { code: 'not_found', message: en('api.request.notFound') } }
		});
		expect(answer(new Forbidden('api.staff.forbiddenPrison'))).toEqual({
			status: 403,
			body: { error: { code: 'forbidden', message: en('api.staff.forbiddenPrison') } }
		});
		expect(answer(new Conflict('admin.staff.deactivated'))).toEqual({
			status: 409,
			body: { error: { code: 'conflict', message: en('admin.staff.deactivated') } }
		});
		expect(answer(new RuleProblems('api.booking.rulesBroken', { fields: { slot: 'That time is gone' } }))).toEqual({
			status: 422,
			body: { error: { code: 'unprocessable', message: en('api.booking.rulesBroken'), fields: { slot: 'That time is gone' } } }
		});
		expect(answer(new InvalidInput('platform.error.validation', { fields: { 'prisonIds.0': 'No such prison' } }))).toEqual({
			status: 400,
			body: {
				error: { code: 'validation_failed', message: en('platform.error.validation'), fields: { 'prisonIds.0': 'No such prison' } }
			}
		});
		expect(answer(new InvalidInput('platform.error.badRequest')).body.error.code).toBe('bad_request');
	});

	it('keeps a specific code, the message with its values, the field it names, details and visits', () => {
		const visits = [{ id: 'a', reference: 'ABC123', date: '2026-12-01', start: '14:00' }];
		const error = new Conflict('api.closure.hitsVisits', {
			params: { count: 1 },
			code: 'closure_hits_visits',
			field: 'slot',
			details: { n: 1 },
			visits
		});
		expect(error.messageKey).toBe('api.closure.hitsVisits');
		expect(answer(error)).toEqual({
			status: 409,
			body: {
				error: {
					code: 'closure_hits_visits',
					message: en('api.closure.hitsVisits').replace('{count}', '1'),
					fields: { slot: en('api.closure.hitsVisits').replace('{count}', '1') },
					details: { n: 1 },
					visits
				}
			}
		});
	});
});
