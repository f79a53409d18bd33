import { Hono } from 'hono';
import { ClosureInput, ClosureRef, TimetableInput, VisitsQuery } from '../../../src/lib/shared/schemas';
import type { AppDeps } from '../../app-deps';
import type { StaffEnv, StaffIdentity } from '../../auth/middleware';
import { validate } from '../../http/validation';
import { addDays, todayIn } from '../../../src/lib/shared/rules/dates';
import { t } from '../../../src/lib/shared/i18n';
import { ApiError } from '../../http/errors';
import { findPrison, loadClosures, loadTimetable } from '../../prisons/repository';
import { addClosure, removeClosure, replaceTimetable } from '../../schedule/timetable';
import { serviceChannels } from '../../messages/channels';
import { withGate } from '../../gate/day-list';
import { dayVisitList } from '../../requests/staff-views';
import { assertPrisonAccess } from '../../auth/staff-identity';
import { AddedClosureAnswer, ClosuresAnswer, GateDayListAnswer, TimetableAnswer } from '../../openapi/answers';
import { docs, empty, error, json } from '../../openapi/describe';

/** Running a prison's visits hall: the weekly timetable, closures, and the day's list. */
export function staffPrisonRoutes(deps: AppDeps) {
	const action = (staff: StaffIdentity, prisonId: string) => {
		assertPrisonAccess(staff, prisonId);
		return { prisonId, staff, now: deps.clock() };
	};
	const changed = (prisonId: string, what: 'timetable' | 'closures') =>
		deps.announce({ type: what === 'timetable' ? 'prison.timetable-changed' : 'prison.closures-changed', prisonId });

	return new Hono<StaffEnv>()
		.get(
			'/visits',
			docs({
				summary: "A day's booked visits, slot by slot, with what the gate needs offline",
				tags: ['staff'],
				answers: {
					200: json(GateDayListAnswer, 'The day list'),
					403: error('Not one of your prisons (forbidden)'),
					404: error('No such prison')
				}
			}),
			validate('query', VisitsQuery),
			async (c) => {
				const { prisonId, date } = c.req.valid('query');
				assertPrisonAccess(c.var.staff, prisonId);
				return c.json(await withGate(deps.db, await dayVisitList(deps.db, prisonId, date, c.var.staff, deps.clock()), deps.clock()), 200);
			}
		)
		.get(
			'/prisons/:prisonId/timetable',
			docs({
				summary: "The prison's weekly timetable",
				tags: ['running'],
				answers: { 200: json(TimetableAnswer, 'The timetable'), 403: error('Not one of your prisons (forbidden)') }
			}),
			async (c) => {
				const prisonId = c.req.param('prisonId');
				assertPrisonAccess(c.var.staff, prisonId);
				return c.json({ prisonId, slots: await loadTimetable(deps.db, prisonId) }, 200);
			}
		)
		.put(
			'/prisons/:prisonId/timetable',
			docs({
				summary: 'Replace the weekly timetable',
				tags: ['running'],
				answers: {
					200: json(TimetableAnswer, 'Replaced'),
					404: error('No such prison'),
					409: error('Booked visits would lose their slot (timetable_hits_visits; error.visits lists them)')
				}
			}),
			validate('json', TimetableInput),
			async (c) => {
				const prisonId = c.req.param('prisonId');
				const slots = await replaceTimetable(deps.db, action(c.var.staff, prisonId), c.req.valid('json'));
				changed(prisonId, 'timetable');
				return c.json({ prisonId, slots }, 200);
			}
		)
		.get(
			'/prisons/:prisonId/closures',
			docs({
				summary: "Closures from today at the prison on (the prison's time zone)",
				tags: ['running'],
				answers: {
					200: json(ClosuresAnswer, 'The closures'),
					403: error('Not one of your prisons (forbidden)'),
					404: error('No such prison')
				}
			}),
			async (c) => {
				const prisonId = c.req.param('prisonId');
				assertPrisonAccess(c.var.staff, prisonId);
				const prison = await findPrison(deps.db, prisonId);
				if (!prison) throw ApiError.notFound(t('api.prison.notFound'));
				// The prison's date, not the server's: just after midnight in London it is still yesterday in UTC.
				const today = todayIn(prison.timeZone, deps.clock());
				return c.json({ prisonId, closures: await loadClosures(deps.db, prisonId, today, addDays(today, 400)) }, 200);
			}
		)
		.post(
			'/prisons/:prisonId/closures',
			docs({
				summary: 'Close a day or a slot; booked visits in it are cancelled and their visitors told',
				tags: ['running'],
				answers: {
					201: json(AddedClosureAnswer, 'Closed'),
					404: error('No such prison'),
					409: error('Booked visits would be hit and the body does not say to cancel them (closure_hits_visits; error.visits)')
				}
			}),
			validate('json', ClosureInput),
			async (c) => {
				const prisonId = c.req.param('prisonId');
				const { closure, cancelled } = await addClosure(
					deps.db,
					action(c.var.staff, prisonId),
					c.req.valid('json'),
					serviceChannels(deps.config)
				);
				changed(prisonId, 'closures');
				for (const visit of cancelled) {
					deps.announce({ type: 'visit-request.status-changed', prisonId, requestId: visit.id, from: 'booked', to: 'cancelled' });
				}
				return c.json({ ...closure, cancelled }, 201);
			}
		)
		.delete(
			'/prisons/:prisonId/closures',
			docs({
				summary: 'Reopen a closed day or slot',
				tags: ['running'],
				answers: { 204: empty('Reopened'), 404: error('No such closure') }
			}),
			validate('json', ClosureRef),
			async (c) => {
				const prisonId = c.req.param('prisonId');
				await removeClosure(deps.db, action(c.var.staff, prisonId), c.req.valid('json'));
				changed(prisonId, 'closures');
				return c.body(null, 204);
			}
		);
}
