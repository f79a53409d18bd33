import type { Transaction } from 'kysely';
import { findTimetableSlot, hasStarted, slotUsageKey } from '../../src/lib/shared/rules/calendar';
import { addDays } from '../../src/lib/shared/rules/dates';
import type { ClosureRef, TimetableInput } from '../../src/lib/shared/schemas';
import type { Database } from '../db/schema';
import { Conflict } from '../domain-errors';
import type { HitVisit } from '../../src/lib/shared/answers';
import type { PrisonRecord } from '../prisons/repository';
import type { Actor } from '../actor';
import { cancelBooking } from '../requests/decisions';
import { requestsQuery } from '../requests/repository';

/*
 * Changes that hit booked visits are checked where the change is made (ARCHITECTURE.md, Round 2):
 * inside the closure or timetable transaction, after the prison's row is locked (prisons/lock.ts),
 * so the list is complete and no confirm can slip a booking in behind it.
 */

/**
 * Locks the booked visits a closure falls on before the prison's row is locked: a visitor or
 * officer cancelling one of them holds its row and then bumps the prison's calendar version, so
 * taking the prison first and these rows second could deadlock. Called again after the prison
 * lock (by cancelVisitsInClosure) to catch a confirm that committed in between.
 */
export async function lockBookedInClosure(trx: Transaction<Database>, prisonId: string, ref: ClosureRef): Promise<void> {
	let query = trx
		.selectFrom('visitRequests')
		.select('id')
		.where('prisonId', '=', prisonId)
		.where('status', '=', 'booked')
		.where('bookedDate', '=', ref.date);
	if (ref.start) query = query.where('bookedStart', '=', ref.start);
	await query.orderBy('id').forUpdate().execute();
}

/** Booked visits not yet started on a date (or in one slot of it), locked for this transaction, in slot order. */
async function bookedIn(trx: Transaction<Database>, prison: PrisonRecord, ref: ClosureRef, now: Date) {
	let query = requestsQuery(trx).where('prisonId', '=', prison.id).where('status', '=', 'booked').where('bookedDate', '=', ref.date);
	if (ref.start) query = query.where('bookedStart', '=', ref.start);
	// FOR UPDATE re-reads each row once it is free: a visit cancelled meanwhile drops out here.
	const rows = await query.orderBy('bookedStart').orderBy('reference').forUpdate().execute();
	return rows.filter((row) => !hasStarted(row.bookedDate!, row.bookedStart!, prison.timeZone, now));
}

const asHit = (row: { id: string; reference: string; bookedDate: string | null; bookedStart: string | null }): HitVisit => ({
	id: row.id,
	reference: row.reference,
	date: row.bookedDate!,
	start: row.bookedStart!
});

/**
 * The booked visits a closure would close. Without `cancelBooked` they make it a 409 (nothing
 * changes); with it each is cancelled here, its place given back and its change recorded.
 * Returns the visits cancelled (the caller notifies the visitors in the same transaction).
 */
export async function cancelVisitsInClosure(
	trx: Transaction<Database>,
	prison: PrisonRecord,
	closure: ClosureRef & { reason: string; cancelBooked?: boolean },
	actor: Actor,
	now: Date
): Promise<HitVisit[]> {
	const rows = await bookedIn(trx, prison, closure, now);
	if (rows.length === 0) return [];
	const visits = rows.map(asHit);
	if (closure.cancelBooked !== true) {
		throw new Conflict('api.closure.hitsVisits', { params: { count: visits.length }, code: 'closure_hits_visits', visits });
	}
	for (const row of rows) {
		await cancelBooking(trx, row, prison, actor, now, { cancellationReason: 'prison_closed', decisionMessage: closure.reason });
	}
	return visits;
}

/**
 * Refuses a new timetable that removes a slot (weekday + start) holding booked visits on a date
 * not yet passed, or lowers a slot's capacity below what is booked on such a date.
 */
export async function assertTimetableKeepsVisits(
	trx: Transaction<Database>,
	prison: PrisonRecord,
	input: TimetableInput,
	now: Date
): Promise<void> {
	// From yesterday (UTC): the prison's "today" in any time zone; hasStarted decides precisely.
	const from = addDays(now.toISOString().slice(0, 10), -1);
	const rows = await requestsQuery(trx)
		.where('prisonId', '=', prison.id)
		.where('status', '=', 'booked')
		.where('bookedDate', '>=', from)
		.orderBy('bookedDate')
		.orderBy('bookedStart')
		.orderBy('reference')
		.execute();
	const future = rows.filter((row) => !hasStarted(row.bookedDate!, row.bookedStart!, prison.timeZone, now));
	const perSlot = new Map<string, typeof future>();
	for (const row of future) {
		const key = slotUsageKey(row.bookedDate!, row.bookedStart!);
		perSlot.set(key, [...(perSlot.get(key) ?? []), row]);
	}
	const newTimetable = input.slots.map((s) => ({ weekday: s.weekday, start: s.start, end: s.end, capacity: s.capacity }));
	const hit: HitVisit[] = [];
	for (const visits of perSlot.values()) {
		const first = visits[0]!;
		const slot = findTimetableSlot(newTimetable, first.bookedDate!, first.bookedStart!);
		if (!slot || slot.capacity < visits.length) hit.push(...visits.map(asHit));
	}
	if (hit.length > 0) {
		throw new Conflict('api.timetable.hitsVisits', { params: { count: hit.length }, code: 'timetable_hits_visits', visits: hit });
	}
}
