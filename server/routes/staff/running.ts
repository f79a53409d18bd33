import { Hono } from 'hono';
import { t } from '../../../src/lib/shared/i18n';
import { reportCsv } from '../../../src/lib/shared/report';
import { ClosedVisitsInput, PrisonSettingsInput, ReportQuery } from '../../../src/lib/shared/schemas-admin';
import { prisonerNumber } from '../../../src/lib/shared/schemas';
import type { AppDeps } from '../../app-deps';
import type { StaffEnv } from '../../auth/middleware';
import { ApiError } from '../../http/errors';
import { validate } from '../../http/validation';
import { closedVisitsOf, setClosedVisits } from '../../prisons/closed-visits';
import { setPrisonSettings } from '../../prisons/online-booking';
import { prisonReport } from '../../reports/report';
import { assertPrisonAccess } from '../../auth/staff-identity';
import { ClosedVisitsAnswer, PrisonAnswer, ReportAnswer } from '../../openapi/answers';
import { docs, error, json } from '../../openapi/describe';

/** Running a prison, for its own staff: the online booking switch, closed-visit prisoners, the report. */
export function staffRunningRoutes(deps: AppDeps) {
	const numberOf = (raw: string) => {
		const parsed = prisonerNumber.safeParse(raw);
		if (!parsed.success)
			throw ApiError.badRequest(t('platform.error.validation'), { prisonerNumber: t('validation.prisonerNumber.format') });
		return parsed.data;
	};
	return new Hono<StaffEnv>()
		.patch(
			'/prisons/:prisonId',
			docs({
				summary: 'Turn online booking on or off (with a message for visitors), and set the booking mode (instant or request)',
				description: 'Either field alone changes only itself; each change is audited.',
				tags: ['running'],
				answers: {
					200: json(PrisonAnswer, 'Changed'),
					400: error('An unknown bookingMode, or a switch off without a message (fields say which)'),
					404: error('No such prison')
				}
			}),
			validate('json', PrisonSettingsInput),
			async (c) => {
				const prisonId = c.req.param('prisonId');
				assertPrisonAccess(c.var.staff, prisonId);
				const prison = await setPrisonSettings(deps.db, { prisonId, staff: c.var.staff, now: deps.clock() }, c.req.valid('json'));
				deps.announce({ type: 'prison.timetable-changed', prisonId });
				return c.json(prison);
			}
		)
		.get(
			'/prisons/:prisonId/report',
			docs({
				summary: 'Counts of requests, decisions and visits over a range of days',
				description: 'As CSV with Accept: text/csv or ?format=csv.',
				tags: ['running'],
				parameters: [
					{ in: 'query', name: 'format', required: false, schema: { type: 'string' }, description: 'csv: the report as a CSV download' }
				],
				answers: {
					200: {
						description: 'The report',
						content: { ...json(ReportAnswer, '').content, 'text/csv': { schema: { type: 'string' } } }
					},
					403: error('Not one of your prisons (forbidden)'),
					404: error('No such prison')
				}
			}),
			validate('query', ReportQuery),
			async (c) => {
				const prisonId = c.req.param('prisonId');
				assertPrisonAccess(c.var.staff, prisonId);
				const { from, to } = c.req.valid('query');
				const report = await prisonReport(deps.db, prisonId, from, to, deps.clock());
				// Accept: text/csv, or ?format=csv for a plain download link (a browser sends its own Accept).
				if ((c.req.header('Accept') ?? '').includes('text/csv') || c.req.query('format') === 'csv') {
					return c.body(reportCsv(report), 200, {
						'Content-Type': 'text/csv; charset=utf-8',
						'Content-Disposition': `attachment; filename="report-${from}-to-${to}.csv"`
					});
				}
				return c.json(report);
			}
		)
		.get(
			'/prisons/:prisonId/prisoners/:prisonerNumber/closed-visits',
			docs({
				summary: 'Whether a prisoner has closed (behind glass) visits only',
				tags: ['prisoners'],
				answers: {
					200: json(ClosedVisitsAnswer, 'The setting'),
					400: error('Not a prisoner number (validation_failed)'),
					403: error('Not one of your prisons (forbidden)')
				}
			}),
			async (c) => {
				const prisonId = c.req.param('prisonId');
				assertPrisonAccess(c.var.staff, prisonId);
				return c.json(await closedVisitsOf(deps.db, prisonId, numberOf(c.req.param('prisonerNumber'))));
			}
		)
		.put(
			'/prisons/:prisonId/prisoners/:prisonerNumber/closed-visits',
			docs({
				summary: 'Set or clear closed visits only for a prisoner; booked visits move to closed places',
				tags: ['prisoners'],
				answers: { 200: json(ClosedVisitsAnswer, 'Set'), 409: error('A booked visit finds no closed place (closed_full)') }
			}),
			validate('json', ClosedVisitsInput),
			async (c) => {
				const prisonId = c.req.param('prisonId');
				assertPrisonAccess(c.var.staff, prisonId);
				const number = numberOf(c.req.param('prisonerNumber'));
				return c.json(await setClosedVisits(deps.db, { prisonId, staff: c.var.staff, now: deps.clock() }, number, c.req.valid('json')));
			}
		);
}
