import { Hono } from 'hono';
import { t } from '../../../src/lib/shared/i18n';
import { reportCsv } from '../../../src/lib/shared/report';
import { ClosedVisitsInput, OnlineBookingInput, ReportQuery } from '../../../src/lib/shared/schemas-admin';
import { prisonerNumber } from '../../../src/lib/shared/schemas';
import type { AppDeps } from '../../app-deps';
import type { StaffEnv } from '../../auth/middleware';
import { ApiError } from '../../http/errors';
import { validate } from '../../http/validation';
import { closedVisitsOf, setClosedVisits } from '../../prisons/closed-visits';
import { setOnlineBooking } from '../../prisons/online-booking';
import { prisonReport } from '../../reports/report';
import { assertPrisonAccess } from '../../auth/staff-identity';

/** Running a prison (issue #19), for its own staff: the online booking switch, closed-visit prisoners, the report. */
export function staffRunningRoutes(deps: AppDeps) {
	const numberOf = (raw: string) => {
		const parsed = prisonerNumber.safeParse(raw);
		if (!parsed.success) throw ApiError.badRequest(t('platform.error.validation'), { prisonerNumber: t('validation.prisonerNumber.format') });
		return parsed.data;
	};
	return new Hono<StaffEnv>()
		.patch('/prisons/:prisonId', validate('json', OnlineBookingInput), async (c) => {
			const prisonId = c.req.param('prisonId');
			assertPrisonAccess(c.var.staff, prisonId);
			const prison = await setOnlineBooking(deps.db, { prisonId, staff: c.var.staff, now: deps.clock() }, c.req.valid('json'));
			deps.notify({ type: 'prison.timetable-changed', prisonId });
			return c.json(prison);
		})
		.get('/prisons/:prisonId/report', validate('query', ReportQuery), async (c) => {
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
		})
		.get('/prisons/:prisonId/prisoners/:prisonerNumber/closed-visits', async (c) => {
			const prisonId = c.req.param('prisonId');
			assertPrisonAccess(c.var.staff, prisonId);
			return c.json(await closedVisitsOf(deps.db, prisonId, numberOf(c.req.param('prisonerNumber'))));
		})
		.put('/prisons/:prisonId/prisoners/:prisonerNumber/closed-visits', validate('json', ClosedVisitsInput), async (c) => {
			const prisonId = c.req.param('prisonId');
			assertPrisonAccess(c.var.staff, prisonId);
			const number = numberOf(c.req.param('prisonerNumber'));
			return c.json(await setClosedVisits(deps.db, { prisonId, staff: c.var.staff, now: deps.clock() }, number, c.req.valid('json')));
		});
}
