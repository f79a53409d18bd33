import { icsCalendar } from '../client/ics';
import { t } from '../shared/i18n';
import { instantOf } from '../shared/rules/dates';
import type { BookedSlot, Prison } from '../shared/types';

/** The .ics file for a booked visit: local slot times in the prison's zone, written as UTC. */
export function bookedVisitIcs(
	visit: { id: string; reference: string | null; bookedSlot: BookedSlot; prisonerName?: string },
	prison: Pick<Prison, 'name' | 'address' | 'timeZone'>,
	now: Date
): string {
	return icsCalendar([
		{
			uid: `${visit.id}@book-a-prison-visit`,
			stamp: now,
			start: instantOf(visit.bookedSlot.date, visit.bookedSlot.start, prison.timeZone),
			end: instantOf(visit.bookedSlot.date, visit.bookedSlot.end, prison.timeZone),
			summary: t('visitor.visit.calendarSummary', { prison: prison.name }),
			location: [prison.name, prison.address].filter(Boolean).join(', '),
			description: t('visitor.visit.calendarDescription', {
				prisoner: visit.prisonerName ?? '',
				reference: visit.reference ?? ''
			})
		}
	]);
}
