// Whom and what an administrator may manage: the one place the rule lives (the admin routes and
// domain code ask here, and the staff list says per user what the pages may offer).
// - A service administrator (serviceAdmin) manages every prison and staff user, makes prisons and
//   administrators, and manages connected systems.
// - A prison administrator (admin alone) manages the prisons they work at, and sees only staff with
//   at least one prison, every one of them among theirs. Of those they may change only officers who
//   have never been administrators (wasAdmin), and never themselves: no set-password link, role,
//   prisons, name or deactivation for another administrator, a demoted one or their own account. What
//   they give must stay inside their scope: at least one prison, only theirs, no administrator role.
// A user out of sight answers 404, as if they did not exist; one in sight but off limits 403.
import { t, type MessageKey } from '../../src/lib/shared/i18n';
import { assertPrisonAccess, type StaffIdentity } from '../auth/staff-identity';
import { Forbidden, InvalidInput, NotFound } from '../domain-errors';
import type { AdminAction } from './audit';

export type Administrator = Pick<StaffIdentity, 'id' | 'prisonIds' | 'admin' | 'serviceAdmin'>;

/** An administrator acting: who (with the role and prisons this file decides by) and when. */
export interface AdministratorAction extends AdminAction {
	staff: Administrator;
}

/** What the rule needs to know of a staff user. */
export interface ManagedStaff {
	id: string;
	admin: boolean;
	wasAdmin: boolean;
	prisonIds: string[];
}

/** Only a service administrator may go on (403 service_admin_only, with the message of what they tried). */
export function assertServiceAdmin(actor: Administrator, messageKey: MessageKey): void {
	if (!actor.serviceAdmin) throw new Forbidden(messageKey, { code: 'service_admin_only' });
}

/** 403 unless the administrator administers the prison: a prison administrator only where they work, as on every staff route. */
export function assertAdministersPrison(actor: Administrator, prisonId: string): void {
	if (!actor.serviceAdmin) assertPrisonAccess(actor, prisonId);
}

export function administersPrison(actor: Administrator, prisonId: string): boolean {
	return actor.serviceAdmin || actor.prisonIds.includes(prisonId);
}

/** Whether the administrator sees the staff user at all. */
export function seesStaff(actor: Administrator, user: Pick<ManagedStaff, 'prisonIds'>): boolean {
	if (actor.serviceAdmin) return true;
	return user.prisonIds.length > 0 && user.prisonIds.every((prisonId) => actor.prisonIds.includes(prisonId));
}

/** Whether the administrator may change the staff user (name, prisons, set-password link, deactivation). */
export function mayChangeStaff(actor: Administrator, user: ManagedStaff): boolean {
	if (actor.serviceAdmin) return true;
	return seesStaff(actor, user) && user.id !== actor.id && !user.admin && !user.wasAdmin;
}

/** Throws unless mayChangeStaff: 404 for a user out of sight, 403 with the reason for one in sight. */
export function assertMayChangeStaff(actor: Administrator, user: ManagedStaff): void {
	if (mayChangeStaff(actor, user)) return;
	if (!seesStaff(actor, user)) throw new NotFound('admin.staff.notFound');
	if (user.id === actor.id) throw new Forbidden('admin.staff.selfOffLimits', { code: 'self_off_limits' });
	throw new Forbidden('admin.staff.administratorOffLimits', { code: 'administrator_off_limits' });
}

/** What an administrator gives a new or changed user: prisons and a role. */
export interface Grant {
	prisonIds?: string[] | undefined;
	admin?: boolean | undefined;
	serviceAdmin?: boolean | undefined;
}

/** Throws unless the administrator may give this: a prison administrator no administrator role, and at least one prison, only theirs. */
export function assertMayGive(actor: Administrator, grant: Grant): void {
	if (actor.serviceAdmin) return;
	if (grant.admin === true || grant.serviceAdmin === true)
		throw new Forbidden('admin.staff.serviceOnlyRole', { code: 'service_admin_only' });
	if (grant.prisonIds === undefined) return;
	if (grant.prisonIds.length === 0)
		throw new InvalidInput('platform.error.validation', { fields: { prisonIds: t('admin.field.prisons.oneOfYours') } });
	if (grant.prisonIds.some((prisonId) => !actor.prisonIds.includes(prisonId)))
		throw new Forbidden('admin.staff.prisonsOffLimits', { code: 'prison_off_limits' });
}
