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
import { BanAnswer, NonAssociationAnswer, PrisonerRecordAnswer } from '../../openapi/answers';
import { addNonAssociation, nonAssociationNotFound, removeNonAssociation } from '../../prisoners/non-associations';
import { NonAssociationInput } from '../../../src/lib/shared/schemas-instant';
import { prisonerNumber as prisonerNumberSchema } from '../../../src/lib/shared/schemas';
import { recordReads } from '../../requests/reads';
import { docs, empty, error, json } from '../../openapi/describe';

/** The common 400 (server/routes/openapi.ts), for the body validated by hand below. */
const ref400 = { $ref: '#/components/responses/BadRequest' };

/** The prisoner's record at a prison: allowance, bans, non-associations, requests and visits. Staff of that prison only. */
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
					const record = await loadRecord(deps.db, { prisonId: c.req.param('prisonId'), prisonerNumber });
					// The record shows each request's visitors (names, dates of birth, contact details): a read of each.
					await recordReads(
						deps.db,
						c.var.staff,
						'record',
						record.requests.map((r) => r.id),
						deps.clock()
					);
					return c.json(record);
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
			.post(
				`${base}/non-associations`,
				docs({
					summary: 'Record that this prisoner and another must not meet (holds both ways)',
					description:
						'Booked visits of either prisoner on a day the other has one booked need review; a new request clashing with it waits for staff (flag non_association).',
					tags: ['prisoners'],
					answers: {
						201: json(NonAssociationAnswer, 'Recorded'),
						400: error("A malformed prisoner number, this prisoner's own, or no reason (fields say which)"),
						403: error('Not one of your prisons (forbidden)')
					}
				}),
				validate('param', PrisonerNumberParam),
				validate('json', NonAssociationInput),
				async (c) => {
					const { prisonerNumber } = c.req.valid('param');
					const action = { prisonId: c.req.param('prisonId'), staffId: c.var.staff.id, now: deps.clock() };
					const added = await deps.db.transaction().execute((trx) => addNonAssociation(trx, action, prisonerNumber, c.req.valid('json')));
					return c.json(added, 201);
				}
			)
			.delete(
				`${base}/non-associations/:otherNumber`,
				docs({
					summary: 'End a non-association (both ways); the reviews it caused clear',
					tags: ['prisoners'],
					answers: {
						204: empty('Ended'),
						400: error('A malformed prisoner number (fields say which)'),
						404: error('No such non-association')
					}
				}),
				validate('param', PrisonerNumberParam.extend({ otherNumber: prisonerNumberSchema })),
				async (c) => {
					const { prisonerNumber, otherNumber } = c.req.valid('param');
					const action = { prisonId: c.req.param('prisonId'), staffId: c.var.staff.id, now: deps.clock() };
					const removed = await deps.db.transaction().execute((trx) => removeNonAssociation(trx, action, prisonerNumber, otherNumber));
					if (!removed) throw nonAssociationNotFound();
					return c.body(null, 204);
				}
			)
	);
}
