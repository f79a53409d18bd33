import { t } from '../../shared/i18n';
import { ageOn } from '../../shared/rules/dates';
import type { VisitOverride } from '../../shared/gate/answers';
import type { Flag } from '../../shared/rules/flags';
import type { DayVisitList, VisitRequest } from '../../shared/answers';
import { oldestFirst } from './queue';

/*
 * The day's visit list as the hall needs it: slots in time order, people by name, children flagged,
 * and a banned visitor let come by an override marked, with the override.
 */

/** What the gate's list adds to each visit (absent from a list saved before it had them). */
type ListVisit = VisitRequest & { flags?: Flag[]; override?: VisitOverride | null };

export interface ListedVisitor {
	position: number;
	name: string;
	/** Age on the day of the visit. */
	age: number;
	child: boolean;
	excluded: boolean;
	/** A ban covers them on the day and they are still booked (an officer overrode it). */
	banned: boolean;
}

export interface ListedVisit {
	id: string;
	reference: string;
	prisonerName: string;
	prisonerNumber: string;
	visitors: ListedVisitor[];
	support: string;
	override: VisitOverride | null;
}

export interface ListedSlot {
	start: string;
	end: string;
	capacity: number;
	visits: ListedVisit[];
}

export function dayListView(list: DayVisitList, adultAge: number): { slots: ListedSlot[]; total: number } {
	const slots = [...list.slots]
		.sort((a, b) => a.start.localeCompare(b.start))
		.map((slot) => ({
			start: slot.start,
			end: slot.end,
			capacity: slot.capacity,
			visits: oldestFirst(slot.visits)
				.sort((a, b) => (a.prisoner?.lastName ?? '').localeCompare(b.prisoner?.lastName ?? ''))
				.map((listed): ListedVisit => {
					const visit = listed as ListVisit;
					const excluded = new Set(visit.excludedVisitors ?? []);
					const banned = new Set(
						(visit.flags ?? []).filter((flag) => flag.code === 'visitor_banned').flatMap((flag) => flag.visitors ?? [])
					);
					return {
						id: visit.id,
						reference: visit.reference,
						prisonerName: visit.prisoner
							? `${visit.prisoner.lastName.toUpperCase()}, ${visit.prisoner.firstName}`
							: t('staff.requests.purged'),
						prisonerNumber: visit.prisoner?.prisonerNumber ?? '',
						visitors: visit.visitors.map((visitor, position) => {
							const age = ageOn(visitor.dateOfBirth, list.date);
							return {
								position,
								name: `${visitor.firstName} ${visitor.lastName}`,
								age,
								child: age < adultAge,
								excluded: excluded.has(position),
								banned: banned.has(position) && !excluded.has(position)
							};
						}),
						support: visit.additionalSupport ?? '',
						override: visit.override ?? null
					};
				})
		}));
	return { slots, total: slots.reduce((sum, slot) => sum + slot.visits.length, 0) };
}
