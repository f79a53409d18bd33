import { Hono } from 'hono';
import { PrisonInput, PrisonUpdateInput, StaffUserInput, StaffUserUpdateInput } from '../../src/lib/shared/schemas-admin';
import { t } from '../../src/lib/shared/i18n';
import type { AppDeps } from '../app-deps';
import { requireAdmin, requireStaff, type StaffEnv } from '../auth/middleware';
import { adminPrisons, createPrison, updatePrison } from '../admin/prisons';
import { createStaffUser, deactivateStaffUser, listStaffUsers, newSetPasswordLink, updateStaffUser } from '../admin/staff-users';
import { ApiError } from '../http/errors';
import { isUuid } from '../http/ids';
import { validate } from '../http/validation';
import { z } from 'zod';
import { AdminStaffUserAnswer, CreatedStaffUserAnswer, PrisonAnswer } from '../openapi/answers';
import { docs, error, json } from '../openapi/describe';

const PrisonListAnswer = z.object({ prisons: z.array(PrisonAnswer) });
const StaffListAnswer = z.object({ staff: z.array(AdminStaffUserAnswer) });

/** /api/admin: prisons and staff users, for administrators only (403 for other staff). */
export function adminRoutes(deps: AppDeps) {
	const action = (staff: StaffEnv['Variables']['staff']) => ({ staff, now: deps.clock() });
	const prisonIdOf = (id: string) => {
		if (!isUuid(id)) throw ApiError.notFound(t('api.prison.notFound'));
		return id;
	};
	const staffIdOf = (id: string) => {
		if (!isUuid(id)) throw ApiError.notFound(t('admin.staff.notFound'));
		return id;
	};
	return new Hono<StaffEnv>()
		.use(requireStaff(deps))
		.use(requireAdmin)
		.get(
			'/prisons',
			docs({ summary: 'Every prison', tags: ['admin'], answers: { 200: json(PrisonListAnswer, 'The prisons') } }),
			async (c) => c.json({ prisons: await adminPrisons(deps.db) })
		)
		.post(
			'/prisons',
			docs({
				summary: 'Add a prison',
				tags: ['admin'],
				answers: { 201: json(PrisonAnswer, 'Added'), 409: error('The code is taken (code_taken)') }
			}),
			validate('json', PrisonInput),
			async (c) => c.json(await createPrison(deps.db, action(c.var.staff), c.req.valid('json')), 201)
		)
		.patch(
			'/prisons/:prisonId',
			docs({
				summary: "Change a prison's details and rules",
				tags: ['admin'],
				answers: { 200: json(PrisonAnswer, 'Changed'), 404: error('No such prison'), 409: error('The code is taken (code_taken)') }
			}),
			validate('json', PrisonUpdateInput),
			async (c) => {
				const prisonId = prisonIdOf(c.req.param('prisonId'));
				const prison = await updatePrison(deps.db, action(c.var.staff), prisonId, c.req.valid('json'));
				deps.notify({ type: 'prison.timetable-changed', prisonId });
				return c.json(prison);
			}
		)
		.get(
			'/staff',
			docs({ summary: 'Every staff user', tags: ['admin'], answers: { 200: json(StaffListAnswer, 'The staff users') } }),
			async (c) => c.json({ staff: await listStaffUsers(deps.db) })
		)
		.post(
			'/staff',
			docs({
				summary: 'Add a staff user, with a one-time link to set their password',
				tags: ['admin'],
				answers: { 201: json(CreatedStaffUserAnswer, 'Added'), 409: error('The email is taken (email_taken)') }
			}),
			validate('json', StaffUserInput),
			async (c) => c.json(await createStaffUser(deps.db, action(c.var.staff), c.req.valid('json')), 201)
		)
		.patch(
			'/staff/:staffId',
			docs({
				summary: "Change a staff user's name, prisons or administrator role",
				tags: ['admin'],
				answers: { 200: json(AdminStaffUserAnswer, 'Changed'), 404: error('No such staff user') }
			}),
			validate('json', StaffUserUpdateInput),
			async (c) => c.json(await updateStaffUser(deps.db, action(c.var.staff), staffIdOf(c.req.param('staffId')), c.req.valid('json')))
		)
		.post(
			'/staff/:staffId/password-link',
			docs({
				summary: 'A new one-time set-password link (an older unused one stops working)',
				tags: ['admin'],
				answers: {
					200: json(CreatedStaffUserAnswer, 'The link'),
					404: error('No such staff user'),
					409: error('The user is deactivated (deactivated)')
				}
			}),
			async (c) => c.json(await newSetPasswordLink(deps.db, action(c.var.staff), staffIdOf(c.req.param('staffId'))))
		)
		.post(
			'/staff/:staffId/deactivate',
			docs({
				summary: 'Deactivate a staff user: no more sign-in, every session ended',
				tags: ['admin'],
				answers: {
					200: json(AdminStaffUserAnswer, 'Deactivated (or was already)'),
					404: error('No such staff user'),
					409: error('Administrators cannot deactivate themselves (self_deactivate)')
				}
			}),
			async (c) => c.json(await deactivateStaffUser(deps.db, action(c.var.staff), staffIdOf(c.req.param('staffId'))))
		);
}
