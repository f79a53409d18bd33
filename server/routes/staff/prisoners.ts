import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { t } from '../../../src/lib/shared/i18n';
import { todayIn } from '../../../src/lib/shared/rules/dates';
import { AllowanceInput, banInput, PrisonerNumberParam, type BanInput } from '../../../src/lib/shared/schemas-prisoners';
import type { AppDeps } from '../../app-deps';
import { requirePrisonAccess, type StaffEnv } from '../../auth/middleware';
import { ApiError } from '../../http/errors';
import { isUuid } from '../../http/ids';
import { validate, validationFailure } from '../../http/validation';
import { findPrison } from '../../prisons/repository';
import { addBan, loadRecord, removeBan, setAllowance } from '../../prisoners/record';
import { BanAnswer, PrisonerRecordAnswer } from '../../openapi/answers';
import { docs, empty, error, json } from '../../openapi/describe';

/** The common 400 (server/openapi/document.ts), for the body validated by hand below. */
const ref400 = { $ref: '#/components/responses/BadRequest' };

/** The prisoner's record at a prison: allowance, bans, requests and visits. Staff of that prison only. */
export function staffPrisonerRoutes(deps: AppDeps) {
	const base = '/prisons/:prisonId/prisoners/:prisonerNumber';
	return (
		new Hono<StaffEnv>()
			// The prison check comes before anything about the body: another prison's officer learns nothing.
			.use(`${base}/*`, requirePrisonAccess)
			.use(base, requirePrisonAccess)
			.get(
				base,
				docs({
					summary: "A prisoner's record: allowance, bans, requests and visits",
					tags: ['prisoners'],
					answers: { 200: json(PrisonerRecordAnswer, 'The record'), 403: error('Not one of your prisons (forbidden)') }
				}),
				validate('param', PrisonerNumberParam),
				async (c) => {
					const { prisonerNumber } = c.req.valid('param');
					return c.json(await loadRecord(deps.db, { prisonId: c.req.param('prisonId'), prisonerNumber }));
				}
			)
			.put(
				`${base}/allowance`,
				docs({
					summary: "Set a prisoner's visiting allowance",
					tags: ['prisoners'],
					answers: {
						200: json(PrisonerRecordAnswer, 'The record as it is now'),
						409: error('Someone changed the allowance since your copy (version) was read (conflict)')
					}
				}),
				validate('param', PrisonerNumberParam),
				validate('json', AllowanceInput),
				async (c) => {
					const { prisonerNumber } = c.req.valid('param');
					const action = { prisonId: c.req.param('prisonId'), prisonerNumber, staff: c.var.staff, now: deps.clock() };
					return c.json(await setAllowance(deps.db, action, c.req.valid('json')));
				}
			)
			.post(
				`${base}/bans`,
				docs({
					summary: 'Ban a visitor from visiting this prisoner',
					tags: ['prisoners'],
					requestBody: { schema: banInput('2000-01-01'), description: 'A date of birth must be before today at the prison' },
					answers: { 201: json(BanAnswer, 'Banned'), 400: ref400, 404: error('No such prison') }
				}),
				validate('param', PrisonerNumberParam),
				// A date of birth is judged against today at the prison, in the same round as every other field.
				validator('json', async (value, c) => {
					const prison = await findPrison(deps.db, c.req.param('prisonId') ?? '');
					if (!prison) throw ApiError.notFound(t('api.prison.notFound'));
					const parsed = banInput(todayIn(prison.timeZone, deps.clock())).safeParse(value);
					if (!parsed.success) return validationFailure(c, parsed.error.issues);
					return parsed.data as BanInput;
				}),
				async (c) => {
					const { prisonerNumber } = c.req.valid('param');
					const action = { prisonId: c.req.param('prisonId'), prisonerNumber, staff: c.var.staff, now: deps.clock() };
					return c.json(await addBan(deps.db, action, c.req.valid('json')), 201);
				}
			)
			.delete(
				`${base}/bans/:banId`,
				docs({ summary: 'Lift a ban', tags: ['prisoners'], answers: { 204: empty('Lifted'), 404: error('No such ban') } }),
				validate('param', PrisonerNumberParam),
				async (c) => {
					const { prisonerNumber } = c.req.valid('param');
					const banId = c.req.param('banId');
					if (!isUuid(banId)) throw ApiError.notFound(t('api.prisoners.banNotFound'));
					const action = { prisonId: c.req.param('prisonId'), prisonerNumber, staff: c.var.staff, now: deps.clock() };
					await removeBan(deps.db, action, banId);
					return c.body(null, 204);
				}
			)
	);
}
