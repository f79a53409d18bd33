import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';

interface SlotAt {
	prisonId: string;
	date: string;
	start: string;
}

/**
 * Takes one place in a slot, or reports it full. One statement does the check and the increment
 * on the slot's usage row, which PostgreSQL locks while it decides, so confirms running at the
 * same moment in any number of processes can never take more places than the slot has.
 */
export async function takePlace(trx: Transaction<Database>, slot: SlotAt, capacity: number): Promise<boolean> {
	if (capacity < 1) return false;
	const row = await trx
		.insertInto('slotUsage')
		.values({ prisonId: slot.prisonId, date: slot.date, startTime: slot.start, booked: 1 })
		.onConflict((oc) =>
			oc
				.columns(['prisonId', 'date', 'startTime'])
				.doUpdateSet((eb) => ({ booked: eb('slotUsage.booked', '+', 1) }))
				.where('slotUsage.booked', '<', capacity)
		)
		.returning('booked')
		.executeTakeFirst();
	return row !== undefined;
}

/** Gives a place back when a booked visit is cancelled. */
export async function releasePlace(trx: Transaction<Database>, slot: SlotAt): Promise<void> {
	await trx
		.updateTable('slotUsage')
		.set((eb) => ({ booked: eb('booked', '-', 1) }))
		.where('prisonId', '=', slot.prisonId)
		.where('date', '=', slot.date)
		.where('startTime', '=', slot.start)
		.where('booked', '>', 0)
		.execute();
}
