import { icsCalendar } from '../client/ics';
import { t } from '../shared/i18n';
import { instantOf } from '../shared/rules/dates';
import type { BookedSlot, Prison } from '../shared/answers';
import { prisonAddress, prisonName } from '../shared/welsh-text';

/** The calendar event's UID: one per visit, kept when the visit moves or is cancelled. */
export const visitUid = (id: string) => `${id}@book-a-prison-visit`;

/**
 * The .ics file for a booked (or cancelled) visit: local slot times in the prison's zone, written
 * as UTC. The same UID every time, with the visit's SEQUENCE (bumped by the server each time its
 * time moves or it is cancelled), so a calendar app replaces the entry; a cancelled visit's file is
 * a METHOD:CANCEL, which removes it.
 */
export function bookedVisitIcs(
	visit: {
		id: string;
		reference: string | null;
		bookedSlot: BookedSlot;
		prisonerName?: string;
		calendarSequence?: number;
		cancelled?: boolean;
	},
	prison: Pick<Prison, 'name' | 'address' | 'timeZone'>,
	now: Date
): string {
	return icsCalendar(
		[
			{
				uid: visitUid(visit.id),
				stamp: now,
				start: instantOf(visit.bookedSlot.date, visit.bookedSlot.start, prison.timeZone),
				end: instantOf(visit.bookedSlot.date, visit.bookedSlot.end, prison.timeZone),
				summary: t('visitor.visit.calendarSummary', { prison: prisonName(prison) }),
				location: [prisonName(prison), prisonAddress(prison)].filter(Boolean).join(', '),
				description: t('visitor.visit.calendarDescription', {
					prisoner: visit.prisonerName ?? '',
					reference: visit.reference ?? ''
				}),
				sequence: visit.calendarSequence ?? 0,
				status: visit.cancelled ? 'CANCELLED' : 'CONFIRMED'
			}
		],
		{ method: visit.cancelled ? 'CANCEL' : 'PUBLISH' }
	);
}
