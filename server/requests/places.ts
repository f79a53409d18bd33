// Places in a slot, the one way every booking takes one and every booked visit gives one back: an
// open place, or a closed (behind-glass) one for a prisoner with closed visits only
// (prisons/closed-visits.ts), each under the same one-statement guard on its own usage counter.
import type { Transaction } from 'kysely';
import type { TimetableSlot } from '../../src/lib/shared/answers';
import type { Database } from '../db/schema';
import { Conflict } from '../domain-errors';
import { closedVisitReasons } from '../prisons/closed-visits';
import { tellWaiting } from '../waitlist/freed';

interface SlotAt {
	prisonId: string;
	date: string;
	start: string;
}

/** The two usage counters: open places (slot_usage) and closed, behind-glass ones (slot_closed_usage). */
type UsageTable = 'slotUsage' | 'slotClosedUsage';

/**
 * Takes one place in a slot, or reports it full. One statement does the check and the increment
 * on the slot's usage row, which PostgreSQL locks while it decides, so confirms running at the
 * same moment in any number of processes can never take more places than the slot has.
 */
async function takePlace(trx: Transaction<Database>, table: UsageTable, slot: SlotAt, capacity: number): Promise<boolean> {
	if (capacity < 1) return false;
	// Both counters have the same columns: one name gives Kysely their types.
	const usage = table as 'slotUsage';
	const row = await trx
		.insertInto(usage)
		.values({ prisonId: slot.prisonId, date: slot.date, startTime: slot.start, booked: 1 })
		.onConflict((oc) =>
			oc
				.columns(['prisonId', 'date', 'startTime'])
				.doUpdateSet((eb) => ({ booked: eb(`${usage}.booked`, '+', 1) }))
				.where(`${usage}.booked`, '<', capacity)
		)
		.returning('booked')
		.executeTakeFirst();
	return row !== undefined;
}

/** Gives a place back when a booked visit is cancelled or moved. */
async function releasePlace(trx: Transaction<Database>, table: UsageTable, slot: SlotAt): Promise<void> {
	await trx
		.updateTable(table as 'slotUsage')
		.set((eb) => ({ booked: eb('booked', '-', 1) }))
		.where('prisonId', '=', slot.prisonId)
		.where('date', '=', slot.date)
		.where('startTime', '=', slot.start)
		.where('booked', '>', 0)
		.execute();
}

/**
 * Takes the place a booking needs, the one way every booking takes one (a confirm, a change
 * confirmed, a booking on a family's behalf): a closed one for a closed-visits-only prisoner
 * (409 closed_full when none is left), else an open one (409 slot_full when none is left).
 */
export async function takeVisitPlace(
	trx: Transaction<Database>,
	request: { id: string; prisonerNumber: string | null },
	slot: SlotAt,
	timetableSlot: Pick<TimetableSlot, 'capacity' | 'closedCapacity'>
): Promise<void> {
	const closedVisitsOnly = request.prisonerNumber
		? (await closedVisitReasons(trx, slot.prisonId, [request.prisonerNumber])).size > 0
		: false;
	if (!closedVisitsOnly) {
		if (!(await takePlace(trx, 'slotUsage', slot, timetableSlot.capacity))) {
			throw new Conflict('api.conflict.slotFull', { code: 'slot_full', field: 'slot' });
		}
		return;
	}
	const capacity = timetableSlot.closedCapacity ?? 0;
	if (!(await takePlace(trx, 'slotClosedUsage', slot, capacity))) {
		throw new Conflict(capacity >= 1 ? 'admin.closedVisits.full' : 'admin.closedVisits.none', { code: 'closed_full', field: 'slot' });
	}
	await trx
		.insertInto('closedBookings')
		.values({ requestId: request.id, prisonId: slot.prisonId, date: slot.date, startTime: slot.start })
		.execute();
}

/**
 * Gives back the place a booked visit held: closed if it took a closed one, else open. An open
 * place given back tells the slot's waiting list, in this transaction (waitlist/freed.ts): every
 * way a booked visit leaves its slot (cancelled by the visitor, by staff or by a closure, or
 * moved by a change) comes through here.
 */
export async function releaseVisitPlace(trx: Transaction<Database>, requestId: string, slot: SlotAt, now?: Date): Promise<void> {
	const heldClosedPlace = await trx
		.deleteFrom('closedBookings')
		.where('requestId', '=', requestId)
		.returning('requestId')
		.executeTakeFirst();
	if (heldClosedPlace) {
		await releasePlace(trx, 'slotClosedUsage', slot);
		return;
	}
	await releasePlace(trx, 'slotUsage', slot);
	await tellWaiting(trx, slot.prisonId, { date: slot.date, start: slot.start }, now);
}
