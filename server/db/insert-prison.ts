import type { Kysely, Transaction } from 'kysely';
import type { Database, NewPrison } from './schema';

export interface TimetableEntry {
	/** ISO weekday, 1 = Monday. */
	weekday: number;
	start: string;
	end: string;
	capacity: number;
	closedCapacity?: number;
}

export interface PrisonWithTimetable extends NewPrison {
	timetable: readonly TimetableEntry[];
}

/** Inserts a prison and its weekly timetable; returns the prison's id. Run it inside a transaction. */
export async function insertPrison(db: Kysely<Database> | Transaction<Database>, prison: PrisonWithTimetable): Promise<string> {
	const { timetable, ...fields } = prison;
	const { id } = await db.insertInto('prisons').values(fields).returning('id').executeTakeFirstOrThrow();
	if (timetable.length > 0) {
		await db
			.insertInto('timetableSlots')
			.values(
				timetable.map((slot) => ({
					prisonId: id,
					weekday: slot.weekday,
					startTime: slot.start,
					endTime: slot.end,
					capacity: slot.capacity,
					closedCapacity: slot.closedCapacity ?? 0
				}))
			)
			.execute();
	}
	return id;
}
