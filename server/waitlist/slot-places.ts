import type { Kysely, Transaction } from 'kysely';
import { closureFor, findTimetableSlot } from '../../src/lib/shared/rules/calendar';
import type { Database } from '../db/schema';
import { loadClosures, loadTimetable } from '../prisons/repository';

type Db = Kysely<Database> | Transaction<Database>;

/** A slot as the waiting list sees it: whether it is in the timetable, closed, and its open places left. */
export interface SlotPlaces {
	inTimetable: boolean;
	end: string | null;
	/** The closure over it: 'day' (the whole date) or 'slot'. */
	closed: 'day' | 'slot' | null;
	/** Open places left (closed-visit places are not counted: the waiting list is for open ones). */
	available: number;
}

export async function slotPlaces(db: Db, prisonId: string, date: string, start: string): Promise<SlotPlaces> {
	// One after another: inside a transaction they share one connection anyway.
	const timetable = await loadTimetable(db, prisonId);
	const closures = await loadClosures(db, prisonId, date, date);
	const usage = await db
		.selectFrom('slotUsage')
		.select('booked')
		.where('prisonId', '=', prisonId)
		.where('date', '=', date)
		.where('startTime', '=', start)
		.executeTakeFirst();
	const slot = findTimetableSlot(timetable, date, start);
	const closure = closureFor(closures, date, start);
	return {
		inTimetable: slot !== undefined,
		end: slot?.end ?? null,
		closed: closure ? (closure.start === undefined ? 'day' : 'slot') : null,
		available: slot ? Math.max(0, slot.capacity - (usage?.booked ?? 0)) : 0
	};
}
