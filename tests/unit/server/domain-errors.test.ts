// Domain errors become the contract's error answers in one place (server/http/errors.ts): each kind's
// status, its code unless it names its own, and the message, fields, details and visits as given.
import { describe, expect, it } from 'vitest';
import { t } from '../../../src/lib/shared/i18n';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleProblems } from '../../../server/domain-errors';
import { toApiError } from '../../../server/http/errors';

const answer = (error: unknown) => {
	const apiError = toApiError(error);
	return { status: apiError.status, body: apiError.toBody() };
};

describe('domain errors as answers', () => {
	it('gives each kind its status and code', () => {
		expect(answer(new NotFound('api.request.notFound'))).toEqual({
			status: 404,
			body: { error: { code: 'not_found', message: t('api.request.notFound') } }
		});
		expect(answer(new Forbidden('api.staff.forbiddenPrison'))).toEqual({
			status: 403,
			body: { error: { code: 'forbidden', message: t('api.staff.forbiddenPrison') } }
		});
		expect(answer(new Conflict('admin.staff.deactivated'))).toEqual({
			status: 409,
			body: { error: { code: 'conflict', message: t('admin.staff.deactivated') } }
		});
		expect(answer(new RuleProblems('api.booking.rulesBroken', { fields: { slot: t('validation.slot.unknown') } }))).toEqual({
			status: 422,
			body: { error: { code: 'unprocessable', message: t('api.booking.rulesBroken'), fields: { slot: t('validation.slot.unknown') } } }
		});
		expect(answer(new InvalidInput('platform.error.validation', { fields: { 'prisonIds.0': t('field.prison.unknown') } }))).toEqual({
			status: 400,
			body: {
				error: { code: 'validation_failed', message: t('platform.error.validation'), fields: { 'prisonIds.0': t('field.prison.unknown') } }
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
					message: t('api.closure.hitsVisits', { count: 1 }),
					fields: { slot: t('api.closure.hitsVisits', { count: 1 }) },
					details: { n: 1 },
					visits
				}
			}
		});
	});
});
