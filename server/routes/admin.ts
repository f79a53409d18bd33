import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { PrisonInput, PrisonUpdateInput, StaffUserInput, StaffUserUpdateInput } from '../../src/lib/shared/schemas-admin';
import { t, type MessageKey } from '../../src/lib/shared/i18n';
import type { AppDeps } from '../app-deps';
import { requireAdmin, requireStaff, type StaffEnv } from '../auth/middleware';
import { adminPrisons, createPrison, updatePrison } from '../admin/prisons';
import { assertAdministersPrison, assertServiceAdmin } from '../admin/scope';
import { createStaffUser, deactivateStaffUser, listStaffUsers, newSetPasswordLink, updateStaffUser } from '../admin/staff-users';
import { ApiError } from '../http/errors';
import { isUuid } from '../http/ids';
import { validate } from '../http/validation';
import { z } from 'zod';
import {
	AdminStaffUserAnswer,
	CreatedIntegrationClientAnswer,
	CreatedStaffUserAnswer,
	IntegrationClientAnswer,
	IntegrationClientListAnswer,
	PrisonAnswer
} from '../openapi/answers';
import { IntegrationClientInput } from '../../src/lib/shared/schemas-integrations';
import { createIntegrationClient, listIntegrationClients, revokeIntegrationClient } from '../integrations/clients';
import { docs, error, json } from '../openapi/describe';

const PrisonListAnswer = z.object({ prisons: z.array(PrisonAnswer) });
const StaffListAnswer = z.object({ staff: z.array(AdminStaffUserAnswer) });

/**
 * /api/admin: prisons and staff users, for administrators only (403 for other staff); a prison
 * administrator sees and changes only their own prisons and the staff wholly inside them, a service
 * administrator everything (server/admin/scope.ts). Connected systems: service administrators only.
 */
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
	// Before the body is validated, so a prison administrator is told what they may not do, not what is wrong with it.
	const serviceOnly = (messageKey: MessageKey) =>
		createMiddleware<StaffEnv>(async (c, next) => {
			assertServiceAdmin(c.var.staff, messageKey);
			await next();
		});
	// Another prison's administrator learns nothing from the body either (updatePrison asks again).
	const administersPrison = createMiddleware<StaffEnv>(async (c, next) => {
		assertAdministersPrison(c.var.staff, prisonIdOf(c.req.param('prisonId') ?? ''));
		await next();
	});
	// Connected systems post facts about any prison's prisoners: a service administrator's to manage.
	const integrationsServiceOnly = serviceOnly('integrations.serviceOnly');
	const integrationIdOf = (id: string) => {
		if (!isUuid(id)) throw ApiError.notFound(t('integrations.notFound'));
		return id;
	};
	return new Hono<StaffEnv>()
		.use(requireStaff(deps))
		.use(requireAdmin)
		.get(
			'/prisons',
			docs({
				summary: 'The prisons the administrator administers',
				description: 'Every prison for a service administrator; the prisons they work at for a prison administrator.',
				tags: ['admin'],
				answers: { 200: json(PrisonListAnswer, 'The prisons') }
			}),
			async (c) => c.json({ prisons: await adminPrisons(deps.db, c.var.staff) })
		)
		.post(
			'/prisons',
			docs({
				summary: 'Add a prison (service administrators only)',
				tags: ['admin'],
				answers: {
					201: json(PrisonAnswer, 'Added'),
					403: error('Not an administrator (forbidden), or not a service administrator (service_admin_only)'),
					409: error('The code is taken (code_taken)')
				}
			}),
			serviceOnly('admin.prisons.serviceOnly'),
			validate('json', PrisonInput),
			async (c) => c.json(await createPrison(deps.db, action(c.var.staff), c.req.valid('json')), 201)
		)
		.patch(
			'/prisons/:prisonId',
			docs({
				summary: "Change a prison's details and rules",
				description: 'A prison administrator only of a prison they work at.',
				tags: ['admin'],
				answers: {
					200: json(PrisonAnswer, 'Changed'),
					403: error('Not an administrator, or (a prison administrator) not one of your prisons, whether or not it exists (forbidden)'),
					404: error('No such prison (service administrators)'),
					409: error('The code is taken (code_taken)')
				}
			}),
			administersPrison,
			validate('json', PrisonUpdateInput),
			async (c) => {
				const prisonId = prisonIdOf(c.req.param('prisonId'));
				const prison = await updatePrison(deps.db, action(c.var.staff), prisonId, c.req.valid('json'));
				deps.announce({ type: 'prison.timetable-changed', prisonId });
				return c.json(prison);
			}
		)
		.get(
			'/staff',
			docs({
				summary: 'The staff users the administrator sees',
				description:
					'Everyone for a service administrator; for a prison administrator, those with at least one prison, all of them ' +
					"among the administrator's. `manageable` says whether the caller may change each.",
				tags: ['admin'],
				answers: { 200: json(StaffListAnswer, 'The staff users') }
			}),
			async (c) => c.json({ staff: await listStaffUsers(deps.db, c.var.staff) })
		)
		.post(
			'/staff',
			docs({
				summary: 'Add a staff user, with a one-time link to set their password',
				description:
					'A prison administrator gives at least one prison, only their own, and no administrator role; `admin` or ' +
					'`serviceAdmin` only from a service administrator.',
				tags: ['admin'],
				answers: {
					201: json(CreatedStaffUserAnswer, 'Added'),
					400: error('Bad fields, or (a prison administrator) no prison'),
					403: error(
						'Not an administrator (forbidden); a role (service_admin_only) or a prison not yours (prison_off_limits) from a prison administrator'
					),
					409: error('The email is taken (email_taken)')
				}
			}),
			validate('json', StaffUserInput),
			async (c) => c.json(await createStaffUser(deps.db, action(c.var.staff), c.req.valid('json')), 201)
		)
		.patch(
			'/staff/:staffId',
			docs({
				summary: "Change a staff user's name, prisons or administrator role",
				description:
					'Adding a role or a prison voids the user’s unused set-password link. Nobody changes their own role; a prison ' +
					'administrator changes only officers wholly inside their prisons who were never administrators, gives only their ' +
					'prisons (at least one) and no role.',
				tags: ['admin'],
				answers: {
					200: json(AdminStaffUserAnswer, 'Changed'),
					400: error('Bad fields, or (a prison administrator) no prison'),
					403: error(
						'Not an administrator (forbidden); your own role (self_off_limits); from a prison administrator: an administrator ' +
							'or former one (administrator_off_limits), yourself (self_off_limits), a role (service_admin_only) or a prison not ' +
							'yours (prison_off_limits)'
					),
					404: error('No such staff user, or (a prison administrator) one not wholly inside your prisons')
				}
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
					403: error(
						'Not an administrator (forbidden); the user is an administrator, was one (administrator_off_limits) or is you ' +
							'(self_off_limits), and you are a prison administrator'
					),
					404: error('No such staff user, or (a prison administrator) one not wholly inside your prisons'),
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
					403: error(
						'Not an administrator (forbidden); the user is an administrator, was one (administrator_off_limits) or is you ' +
							'(self_off_limits), and you are a prison administrator'
					),
					404: error('No such staff user, or (a prison administrator) one not wholly inside your prisons'),
					409: error('Administrators cannot deactivate themselves (self_deactivate)')
				}
			}),
			async (c) => c.json(await deactivateStaffUser(deps.db, action(c.var.staff), staffIdOf(c.req.param('staffId'))))
		)
		.get(
			'/integrations',
			docs({
				summary: 'Every integration client (systems of record that post events); never their tokens',
				description: 'Service administrators only.',
				tags: ['admin'],
				answers: {
					200: json(IntegrationClientListAnswer, 'The integration clients'),
					403: error('Not an administrator (forbidden), or not a service administrator (service_admin_only)')
				}
			}),
			integrationsServiceOnly,
			async (c) => c.json({ integrations: await listIntegrationClients(deps.db) })
		)
		.post(
			'/integrations',
			docs({
				summary: 'Add an integration client: its token is in this answer once, and only its sha256 is kept',
				description: 'Service administrators only.',
				tags: ['admin'],
				answers: {
					201: json(CreatedIntegrationClientAnswer, 'Added'),
					403: error('Not an administrator (forbidden), or not a service administrator (service_admin_only)')
				}
			}),
			integrationsServiceOnly,
			validate('json', IntegrationClientInput),
			async (c) => c.json(await createIntegrationClient(deps.db, action(c.var.staff), c.req.valid('json')), 201)
		)
		.delete(
			'/integrations/:integrationId',
			docs({
				summary: 'Revoke an integration client: its token is refused from now on',
				description: 'Service administrators only.',
				tags: ['admin'],
				answers: {
					200: json(IntegrationClientAnswer, 'Revoked (or was already)'),
					403: error('Not an administrator (forbidden), or not a service administrator (service_admin_only)'),
					404: error('No such integration client')
				}
			}),
			integrationsServiceOnly,
			async (c) => c.json(await revokeIntegrationClient(deps.db, action(c.var.staff), integrationIdOf(c.req.param('integrationId'))))
		);
}
