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
		.get('/prisons', async (c) => c.json({ prisons: await adminPrisons(deps.db) }))
		.post('/prisons', validate('json', PrisonInput), async (c) => c.json(await createPrison(deps.db, action(c.var.staff), c.req.valid('json')), 201))
		.patch('/prisons/:prisonId', validate('json', PrisonUpdateInput), async (c) => {
			const prisonId = prisonIdOf(c.req.param('prisonId'));
			const prison = await updatePrison(deps.db, action(c.var.staff), prisonId, c.req.valid('json'));
			deps.notify({ type: 'prison.timetable-changed', prisonId });
			return c.json(prison);
		})
		.get('/staff', async (c) => c.json({ staff: await listStaffUsers(deps.db) }))
		.post('/staff', validate('json', StaffUserInput), async (c) => c.json(await createStaffUser(deps.db, action(c.var.staff), c.req.valid('json')), 201))
		.patch('/staff/:staffId', validate('json', StaffUserUpdateInput), async (c) =>
			c.json(await updateStaffUser(deps.db, action(c.var.staff), staffIdOf(c.req.param('staffId')), c.req.valid('json')))
		)
		.post('/staff/:staffId/password-link', async (c) => c.json(await newSetPasswordLink(deps.db, action(c.var.staff), staffIdOf(c.req.param('staffId')))))
		.post('/staff/:staffId/deactivate', async (c) => c.json(await deactivateStaffUser(deps.db, action(c.var.staff), staffIdOf(c.req.param('staffId')))));
}
