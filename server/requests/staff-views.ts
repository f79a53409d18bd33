import type { Kysely } from 'kysely';
import { REQUEST_STATUSES, type RequestStatus } from '../../src/lib/shared/domain';
import { bookingWindow, isWithinWindow } from '../../src/lib/shared/rules/booking-window';
import { closureFor, findTimetableSlot, hasStarted, slotUsageKey, timetableFor } from '../../src/lib/shared/rules/calendar';
import type { DayVisitList, StaffVisitRequest, VisitRequest } from '../../src/lib/shared/types';
import type { Database } from '../db/schema';
import { assertPrisonAccess, type StaffIdentity } from '../auth/staff-identity';
import { NotFound } from '../domain-errors';
import { closedVisitFlags } from '../prisons/closed-visits';
import { findPrison, loadClosures, loadTimetable, loadUsage } from '../prisons/repository';
import { readsOf, recordReads } from '../privacy/reads';
import type { DetailsRemoved } from '../../src/lib/shared/schemas-privacy';
import { withFlags } from '../prisoners/flags';
import type { Flag } from '../../src/lib/shared/rules/flags';
import { history, requestsQuery, toVisitRequest, toVisitRequests } from './repository';

export interface QueueFilter {
	prisonIds: string[];
	status: RequestStatus;
	date?: string;
}

export interface Queue {
	requests: (VisitRequest & { flags: Flag[] })[];
	counts: Record<RequestStatus, number>;
}

/** The queue: oldest first, so requests are decided in the order they came. */
export async function staffQueue(db: Kysely<Database>, filter: QueueFilter, reader: StaffIdentity, now: Date): Promise<Queue> {
	const counts = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>;
	// An officer with no prisons yet sees an empty queue; `in ()` is not SQL (it was a 500, issue #11).
	if (filter.prisonIds.length === 0) return { requests: [], counts };
	let query = requestsQuery(db).where('prisonId', 'in', filter.prisonIds).where('status', '=', filter.status);
	if (filter.date) {
		const date = filter.date;
		query = query.where((eb) =>
			eb.or([
				eb('bookedDate', '=', date),
				eb.exists(
					eb
						.selectFrom('requestSlots')
						.select('requestSlots.requestId')
						.whereRef('requestSlots.requestId', '=', 'visitRequests.id')
						.where('requestSlots.date', '=', date)
				)
			])
		);
	}
	const rows = await query.orderBy('createdAt').orderBy('id').limit(500).execute();
	const countRows = await db
		.selectFrom('visitRequests')
		.select(['status', (eb) => eb.fn.countAll<number>().as('count')])
		.where('prisonId', 'in', filter.prisonIds)
		.groupBy('status')
		.execute();
	for (const row of countRows) counts[row.status as RequestStatus] = Number(row.count);
	await recordReads(db, reader, 'queue', rows.map((r) => r.id), now);
	return { requests: await withFlags(db, await toVisitRequests(db, rows)), counts };
}

/** One request for staff: its history and the live places left in each chosen slot. */
export async function staffRequest(db: Kysely<Database>, requestId: string, staff: StaffIdentity, now: Date): Promise<StaffVisitRequest> {
	const row = await requestsQuery(db).where('id', '=', requestId).executeTakeFirst();
	if (!row) throw new NotFound('api.request.notFound');
	assertPrisonAccess(staff, row.prisonId);
	const prison = await findPrison(db, row.prisonId);
	if (!prison) throw new NotFound('api.prison.notFound');
	// Recorded before the history is read, so this read shows in it too.
	await recordReads(db, staff, 'request', [row.id], now);

	const [request] = await withFlags(db, [await toVisitRequest(db, row)]);
	if (!request) throw new Error('A loaded request could not be shown');
	const dates = request.slots.map((s) => s.date).sort();
	const from = dates[0] ?? row.firstDate;
	const to = dates.at(-1) ?? row.firstDate;
	const [timetable, closures, usage, changes, closedFlags, reads, purge] = await Promise.all([
		loadTimetable(db, prison.id),
		loadClosures(db, prison.id, from, to),
		loadUsage(db, prison.id, from, to),
		history(db, row.id),
		closedVisitFlags(db, prison.id, row.prisonerNumber),
		readsOf(db, row.id),
		db.selectFrom('visitRequests').select(['purgedAt', 'purgeReason']).where('id', '=', row.id).executeTakeFirstOrThrow()
	]);
	const window = bookingWindow(prison, now);
	const choices = request.slots.map((chosen) => {
		const slot = findTimetableSlot(timetable, chosen.date, chosen.start);
		const capacity = slot?.capacity ?? 0;
		const booked = usage.get(slotUsageKey(chosen.date, chosen.start)) ?? 0;
		const available = Math.max(0, capacity - booked);
		// Staff may confirm inside the lead time (the window is for visitors), but not a closed, past or full slot.
		const closure = closureFor(closures, chosen.date, chosen.start);
		const bookable = !!slot && !closure && !hasStarted(chosen.date, chosen.start, prison.timeZone, now) && available > 0;
		return {
			date: chosen.date,
			start: chosen.start,
			end: slot?.end ?? null,
			capacity,
			booked,
			available,
			bookable,
			inWindow: isWithinWindow(chosen.date, window),
			// A choice a closure now covers: staff see it as closed, with the reason (the other choices stay).
			...(closure ? { closed: true as const, closedReason: closure.reason } : {})
		};
	});
	const detailsRemoved: DetailsRemoved = purge.purgedAt ? (purge.purgeReason === 'visitor_asked' ? 'visitor_asked' : 'retention') : null;
	return { ...request, history: changes, choices, flags: [...request.flags, ...closedFlags], reads, detailsRemoved };
}

/** The day's visit list: every slot of the day in order, with its booked visits. */
export async function dayVisitList(db: Kysely<Database>, prisonId: string, date: string, reader: StaffIdentity, now: Date): Promise<DayVisitList> {
	const timetable = await loadTimetable(db, prisonId);
	const rows = await requestsQuery(db)
		.where('prisonId', '=', prisonId)
		.where('status', '=', 'booked')
		.where('bookedDate', '=', date)
		.orderBy('bookedStart')
		.orderBy('prisonerLastName')
		.execute();
	await recordReads(db, reader, 'day-list', rows.map((r) => r.id), now);
	const visits = await toVisitRequests(db, rows);
	const starts = new Set(visits.map((v) => v.bookedSlot?.start));
	const slots = timetableFor(timetable, date).map((slot) => ({
		start: slot.start,
		end: slot.end,
		capacity: slot.capacity,
		visits: visits.filter((v) => v.bookedSlot?.start === slot.start)
	}));
	// A slot removed from the timetable after visits were booked in it still lists them.
	for (const start of starts) {
		if (start && !slots.some((s) => s.start === start)) {
			slots.push({ start, end: start, capacity: 0, visits: visits.filter((v) => v.bookedSlot?.start === start) });
		}
	}
	slots.sort((a, b) => a.start.localeCompare(b.start));
	return { prisonId, date, slots };
}
