import type { LocalError } from '../client/db';
import { t } from '../shared/i18n';
import type { SlotRef } from '../shared/schemas';
import { slotLine } from './slot-line';

/**
 * Why the server refused a request, one line per problem, as the visitor reads them: a problem
 * with a chosen time names that time ("Saturday 5 December 2026, 2pm: This time is fully
 * booked…"), since the server's field path ('slots.0') means nothing to a person.
 */
export function refusalReasons(error: Pick<LocalError, 'fields'>, slots: readonly SlotRef[]): string[] {
	return Object.entries(error.fields ?? {}).map(([path, problem]) => {
		const slot = /^slots\.(\d+)$/.exec(path);
		const chosen = slot ? slots[Number(slot[1])] : undefined;
		return chosen ? t('visitor.refused.slot', { slot: slotLine(chosen), problem }) : problem;
	});
}
