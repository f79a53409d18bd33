// The signed-in officer, as every staff route and the domain code that acts for staff see them, and the
// one check of whether they may act for a prison. Every staff read or write of a prison's data goes
// through assertPrisonAccess (directly, or through scopedPrisonIds), so the rule lives in one place.
import { Forbidden } from '../domain-errors';

export interface StaffIdentity {
	id: string;
	email: string;
	name: string;
	/** The prisons they work at (staff_prisons), sorted. */
	prisonIds: string[];
	/** Administers the prisons they work at and the staff wholly inside them (server/admin/scope.ts). */
	admin: boolean;
	/** Administers everything: creates prisons and administrators, manages connected systems (migration 022). */
	serviceAdmin: boolean;
}

/** Throws Forbidden (403) unless the officer works at the prison. Administrators are no exception: admin is not access. */
export function assertPrisonAccess(staff: Pick<StaffIdentity, 'prisonIds'>, prisonId: string): void {
	if (!staff.prisonIds.includes(prisonId)) throw new Forbidden('api.staff.forbiddenPrison');
}

/**
 * The prisons a staff query covers: the one asked for, if the officer works there (403 if not),
 * or all of theirs.
 */
export function scopedPrisonIds(staff: StaffIdentity, prisonId: string | undefined): string[] {
	if (prisonId === undefined) return staff.prisonIds;
	assertPrisonAccess(staff, prisonId);
	return [prisonId];
}
