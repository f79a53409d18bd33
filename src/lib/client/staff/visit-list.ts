import { t } from '../../shared/i18n';
import { ageOn } from '../../shared/rules/dates';
import type { DayVisitList } from '../../shared/types';
import { oldestFirst } from './queue';

/* The day's visit list as the hall needs it: slots in time order, people by name, children flagged. */

export interface ListedVisitor {
	position: number;
	name: string;
	/** Age on the day of the visit. */
	age: number;
	child: boolean;
	excluded: boolean;
}

export interface ListedVisit {
	id: string;
	reference: string;
	prisonerName: string;
	prisonerNumber: string;
	visitors: ListedVisitor[];
	support: string;
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
				.map((visit): ListedVisit => {
					const excluded = new Set(visit.excludedVisitors ?? []);
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
								excluded: excluded.has(position)
							};
						}),
						support: visit.additionalSupport ?? ''
					};
				})
		}));
	return { slots, total: slots.reduce((sum, slot) => sum + slot.visits.length, 0) };
}
