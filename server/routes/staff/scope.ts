import { t } from '../../../src/lib/shared/i18n';
import type { StaffMember } from '../../requests/decisions';
import { ApiError } from '../../http/errors';

/**
 * The prisons a staff query covers: the one asked for, if the officer works there (403 if not),
 * or all of theirs.
 */
export function scopedPrisonIds(staff: StaffMember, prisonId: string | undefined): string[] {
	if (prisonId === undefined) return staff.prisonIds;
	if (!staff.prisonIds.includes(prisonId)) throw ApiError.forbidden(t('api.staff.forbiddenPrison'));
	return [prisonId];
}
