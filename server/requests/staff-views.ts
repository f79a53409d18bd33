import type { Kysely } from 'kysely';
import { REQUEST_STATUSES, type RequestStatus } from '../../src/lib/shared/domain';
import { t } from '../../src/lib/shared/i18n';
import { bookingWindow, isWithinWindow } from '../../src/lib/shared/rules/booking-window';
import { closureFor, findTimetableSlot, hasStarted, slotUsageKey, timetableFor } from '../../src/lib/shared/rules/calendar';
import type { DayVisitList, StaffVisitRequest, VisitRequest } from '../../src/lib/shared/types';
import type { Database } from '../db/schema';
import { ApiError } from '../http/errors';
import { findPrison, loadClosures, loadTimetable, loadUsage } from '../prisons/repository';
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
export async function staffQueue(db: Kysely<Database>, filter: QueueFilter): Promise<Queue> {
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
	const counts = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>;
	for (const row of countRows) counts[row.status as RequestStatus] = Number(row.count);
	return { requests: await withFlags(db, await toVisitRequests(db, rows)), counts };
}

/** One request for staff: its history and the live places left in each chosen slot. */
export async function staffRequest(db: Kysely<Database>, requestId: string, prisonIds: string[], now: Date): Promise<StaffVisitRequest> {
	const row = await requestsQuery(db).where('id', '=', requestId).executeTakeFirst();
	if (!row) throw ApiError.notFound(t('api.request.notFound'));
	if (!prisonIds.includes(row.prisonId)) throw ApiError.forbidden(t('api.staff.forbiddenPrison'));
	const prison = await findPrison(db, row.prisonId);
	if (!prison) throw ApiError.notFound(t('api.prison.notFound'));

	const [request] = await withFlags(db, [await toVisitRequest(db, row)]);
	if (!request) throw new Error('A loaded request could not be shown');
	const dates = request.slots.map((s) => s.date).sort();
	const from = dates[0] ?? row.firstDate;
	const to = dates.at(-1) ?? row.firstDate;
	const [timetable, closures, usage, changes] = await Promise.all([
		loadTimetable(db, prison.id),
		loadClosures(db, prison.id, from, to),
		loadUsage(db, prison.id, from, to),
		history(db, row.id)
	]);
	const window = bookingWindow(prison, now);
	const choices = request.slots.map((chosen) => {
		const slot = findTimetableSlot(timetable, chosen.date, chosen.start);
		const capacity = slot?.capacity ?? 0;
		const booked = usage.get(slotUsageKey(chosen.date, chosen.start)) ?? 0;
		const available = Math.max(0, capacity - booked);
		// Staff may confirm inside the lead time (the window is for visitors), but not a closed, past or full slot.
		const bookable =
			!!slot && !closureFor(closures, chosen.date, chosen.start) && !hasStarted(chosen.date, chosen.start, prison.timeZone, now) && available > 0;
		return { date: chosen.date, start: chosen.start, end: slot?.end ?? null, capacity, booked, available, bookable, inWindow: isWithinWindow(chosen.date, window) };
	});
	return { ...request, history: changes, choices };
}

/** The day's visit list: every slot of the day in order, with its booked visits. */
export async function dayVisitList(db: Kysely<Database>, prisonId: string, date: string): Promise<DayVisitList> {
	const timetable = await loadTimetable(db, prisonId);
	const rows = await requestsQuery(db)
		.where('prisonId', '=', prisonId)
		.where('status', '=', 'booked')
		.where('bookedDate', '=', date)
		.orderBy('bookedStart')
		.orderBy('prisonerLastName')
		.execute();
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
