import { hasStarted } from '../shared/rules/calendar';
import type { ShownRequest } from './visit-status';

/*
 * "Your visits" in the order a visitor looks for things: booked visits still to come (soonest
 * first), then requests waiting for a decision (soonest chosen date first), then everything over
 * (visits that have happened, and requests turned down, withdrawn or cancelled; newest first).
 */

export const VISIT_GROUPS = ['upcoming', 'waiting', 'ended'] as const;
export type VisitGroup = (typeof VISIT_GROUPS)[number];

type Ordered = Pick<ShownRequest, 'status' | 'syncState' | 'bookedSlot' | 'slots' | 'input' | 'prisonId' | 'queuedAt'>;

/** A booked visit is over once its time has ended, in the prison's time zone. */
export function visitGroup(request: Ordered, timeZone: string, now: Date): VisitGroup {
	if (request.syncState !== 'synced' || request.status === 'requested') return 'waiting';
	if (request.status === 'booked') {
		const slot = request.bookedSlot;
		return slot && hasStarted(slot.date, slot.end ?? slot.start, timeZone, now) ? 'ended' : 'upcoming';
	}
	return 'ended';
}

/** The date and time that orders a request inside its group. */
function when(request: Ordered): string {
	if (request.bookedSlot) return `${request.bookedSlot.date}T${request.bookedSlot.start}`;
	const chosen = (request.slots ?? request.input.slots).map((slot) => `${slot.date}T${slot.start}`).sort();
	return chosen[0] ?? '';
}

/** The requests in groups, in page order; empty groups are left out. */
export function groupVisits<T extends Ordered>(
	requests: readonly T[],
	timeZoneOf: (prisonId: string) => string,
	now: Date
): { group: VisitGroup; requests: T[] }[] {
	const groups = new Map<VisitGroup, T[]>(VISIT_GROUPS.map((group) => [group, []]));
	for (const request of requests) groups.get(visitGroup(request, timeZoneOf(request.prisonId), now))?.push(request);
	const soonestFirst = (a: T, b: T) => when(a).localeCompare(when(b)) || b.queuedAt - a.queuedAt;
	const newestFirst = (a: T, b: T) => when(b).localeCompare(when(a)) || b.queuedAt - a.queuedAt;
	return VISIT_GROUPS.map((group) => ({
		group,
		requests: [...(groups.get(group) ?? [])].sort(group === 'ended' ? newestFirst : soonestFirst)
	})).filter((entry) => entry.requests.length > 0);
}

/** The prisoner's name as the visitor typed it (kept on the device, also after the server's purge). */
export function prisonerName(request: Pick<ShownRequest, 'input'>): string {
	const prisoner = request.input?.prisoner;
	return prisoner ? `${prisoner.firstName} ${prisoner.lastName}` : '';
}
