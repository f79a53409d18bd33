import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { QueueAnswer } from '../openapi/answers';
import { REQUEST_STATUSES, type RequestStatus } from '../../src/lib/shared/domain';
import { bookingWindow, isWithinWindow } from '../../src/lib/shared/rules/booking-window';
import {
	closureFor,
	findTimetableSlot,
	hasStarted,
	slotUsageKey,
	timetableFor,
	timetableInForce
} from '../../src/lib/shared/rules/calendar';
import type { Closure, DayVisitList, SlotChoice, StaffVisitRequest, TimetableSlot, VisitRequest } from '../../src/lib/shared/answers';
import type { SlotUsage } from '../../src/lib/shared/rules/calendar';
import type { Database } from '../db/schema';
import { assertPrisonAccess, type StaffIdentity } from '../auth/staff-identity';
import { NotFound } from '../domain-errors';
import { closedVisitFlags } from '../prisons/closed-visits';
import { findPrison, loadClosures, loadPastTimetables, loadTimetable, loadUsage, type PrisonRecord } from '../prisons/repository';
import { readsOf, recordReads } from './reads';
import type { DetailsRemoved } from '../../src/lib/shared/schemas-privacy';
import { withFlags } from '../prisoners/flags';
import { history, requestsQuery, toVisitRequest, toVisitRequests } from './repository';
import { messagesOf } from '../messages/record';

export interface QueueFilter {
	prisonIds: string[];
	status: RequestStatus;
	date?: string;
}

/** The queue as staff read it: the type of the answer's schema (server/openapi/answers.ts). */
export type Queue = z.output<typeof QueueAnswer>;

/** The queue: oldest first, so requests are decided in the order they came. */
export async function staffQueue(db: Kysely<Database>, filter: QueueFilter, reader: StaffIdentity, now: Date): Promise<Queue> {
	const counts = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>;
	// An officer with no prisons yet sees an empty queue; `in ()` is not SQL (it was a 500).
	if (filter.prisonIds.length === 0) return { requests: [], counts, changes: [] };
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
	const changeRows = filter.status === 'requested' ? await pendingChangeRows(db, filter) : [];
	await recordReads(
		db,
		reader,
		'queue',
		[...rows, ...changeRows].map((r) => r.id),
		now
	);
	const [requests, changes] = await Promise.all([toVisitRequests(db, rows), toVisitRequests(db, changeRows)]);
	// Each change carries the live places of the times it asks for, as the request page shows them.
	const prisons = new Map<string, PrisonRecord | undefined>();
	for (const prisonId of new Set(changes.map((c) => c.prisonId))) prisons.set(prisonId, await findPrison(db, prisonId));
	const withPlaces = await Promise.all(
		changes.map(async (change) => {
			const prison = prisons.get(change.prisonId);
			return prison ? { ...change, changeChoices: await changeSlotChoices(db, change, prison, now) } : change;
		})
	);
	return { requests: await withFlags(db, requests), counts, changes: await withFlags(db, withPlaces) };
}

/** Booked visits with a change waiting, in the order the changes were asked. */
async function pendingChangeRows(db: Kysely<Database>, filter: QueueFilter) {
	let pending = db
		.selectFrom('visitChanges')
		.innerJoin('visitRequests', 'visitRequests.id', 'visitChanges.requestId')
		.select(['visitChanges.requestId', 'visitChanges.requestedAt'])
		.where('visitChanges.status', '=', 'pending')
		.where('visitRequests.prisonId', 'in', filter.prisonIds)
		.where('visitRequests.status', '=', 'booked');
	if (filter.date) {
		const date = filter.date;
		pending = pending.where((eb) =>
			eb.or([eb('visitRequests.bookedDate', '=', date), eb(sql<string>`visit_changes.slots::text`, 'like', `%"${date}"%`)])
		);
	}
	const order = await pending.orderBy('visitChanges.requestedAt').orderBy('visitChanges.requestId').limit(500).execute();
	if (order.length === 0) return [];
	const rows = await requestsQuery(db)
		.where(
			'id',
			'in',
			order.map((o) => o.requestId)
		)
		.execute();
	const position = new Map(order.map((o, index) => [o.requestId, index]));
	return rows.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
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
	const [timetable, closures, usage, changes, closedVisitFlagList, reads, purge, messages] = await Promise.all([
		loadTimetable(db, prison.id),
		loadClosures(db, prison.id, from, to),
		loadUsage(db, prison.id, from, to),
		history(db, row.id),
		closedVisitFlags(db, prison.id, row.prisonerNumber),
		readsOf(db, row.id),
		db.selectFrom('visitRequests').select(['purgedAt', 'purgeReason']).where('id', '=', row.id).executeTakeFirstOrThrow(),
		messagesOf(db, row.id)
	]);
	const choices = slotChoices(request.slots, {
		timetable,
		closures,
		usage,
		timeZone: prison.timeZone,
		window: bookingWindow(prison, now),
		now
	});
	const changeChoices = await changeSlotChoices(db, request, prison, now);
	const detailsRemoved: DetailsRemoved = purge.purgedAt ? (purge.purgeReason === 'visitor_asked' ? 'visitor_asked' : 'retention') : null;
	return {
		...request,
		history: changes,
		choices,
		changeChoices,
		flags: [...request.flags, ...closedVisitFlagList],
		reads,
		detailsRemoved,
		messages
	};
}

interface ChoiceContext {
	timetable: TimetableSlot[];
	closures: Closure[];
	usage: SlotUsage;
	timeZone: string;
	window: { from: string; to: string };
	now: Date;
}

/** Live places of each slot: what staff see beside a request's (or a change's) choices. */
function slotChoices(slots: readonly { date: string; start: string }[], context: ChoiceContext): SlotChoice[] {
	return slots.map((chosen) => {
		const slot = findTimetableSlot(context.timetable, chosen.date, chosen.start);
		const capacity = slot?.capacity ?? 0;
		const booked = context.usage.get(slotUsageKey(chosen.date, chosen.start)) ?? 0;
		const available = Math.max(0, capacity - booked);
		// Staff may confirm inside the lead time (the window is for visitors), but not a closed, past or full slot.
		const closure = closureFor(context.closures, chosen.date, chosen.start);
		const bookable = !!slot && !closure && !hasStarted(chosen.date, chosen.start, context.timeZone, context.now) && available > 0;
		return {
			date: chosen.date,
			start: chosen.start,
			end: slot?.end ?? null,
			capacity,
			booked,
			available,
			bookable,
			inWindow: isWithinWindow(chosen.date, context.window),
			// A choice a closure now covers: staff see it as closed, with the reason (the other choices stay).
			...(closure ? { closed: true as const, closedReason: closure.reason } : {})
		};
	});
}

/** The times a pending change asks for, with their live places. */
async function changeSlotChoices(db: Kysely<Database>, request: VisitRequest, prison: PrisonRecord, now: Date): Promise<SlotChoice[]> {
	const slots = request.change?.slots ?? [];
	if (slots.length === 0) return [];
	const dates = slots.map((s) => s.date).sort();
	const from = dates[0] as string;
	const to = dates.at(-1) as string;
	const [timetable, closures, usage] = await Promise.all([
		loadTimetable(db, prison.id),
		loadClosures(db, prison.id, from, to),
		loadUsage(db, prison.id, from, to)
	]);
	return slotChoices(slots, { timetable, closures, usage, timeZone: prison.timeZone, window: bookingWindow(prison, now), now });
}

/** The day's visit list: every slot of the day in order, with its booked visits. */
export async function dayVisitList(
	db: Kysely<Database>,
	prisonId: string,
	date: string,
	reader: StaffIdentity,
	now: Date
): Promise<DayVisitList> {
	const [timetable, past] = await Promise.all([loadTimetable(db, prisonId), loadPastTimetables(db, prisonId, date, date)]);
	const rows = await requestsQuery(db)
		.where('prisonId', '=', prisonId)
		.where('status', '=', 'booked')
		.where('bookedDate', '=', date)
		.orderBy('bookedStart')
		.orderBy('prisonerLastName')
		.execute();
	await recordReads(
		db,
		reader,
		'day-list',
		rows.map((r) => r.id),
		now
	);
	const visits = await toVisitRequests(db, rows);
	const starts = new Set(visits.map((v) => v.bookedSlot?.start));
	// The timetable in force that day: a list of a past day keeps that day's places.
	const slots = timetableFor(timetableInForce(timetable, past, date), date).map((slot) => ({
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
