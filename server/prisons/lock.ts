import type { Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Closure, TimetableSlot } from '../../src/lib/shared/answers';
import { toClosure, toTimetableSlot } from './repository';
import type { Database } from '../db/schema';

/**
 * The one place a prison's row is locked, for the rest of the caller's transaction.
 *
 * - `update`: timetable and closure writes. Two saves for one prison run one after the other, so
 *   the second sees what the first did (never a unique-key race, never a 5xx), and the check of
 *   which booked visits a change would hit sees every confirm that committed before it.
 * - `confirm`: a confirm, before it reads the timetable and closures (FOR NO KEY UPDATE). A
 *   confirm and a closure cannot interleave: either the confirm commits first (and the closure
 *   then finds and cancels, or refuses over, the new booking), or the closure commits first (and
 *   the confirm then reads it and answers 409 slot_closed). Confirms of one prison already took
 *   turns on this row when they bumped its calendar version at the end; they now take turns from
 *   here. (A shared lock is not enough: two confirms holding it would each wait for the other to
 *   let go before bumping the version, a deadlock.)
 *
 * Order, so no two transactions wait for each other: a request's row, then the prison's row. A
 * closure therefore locks the booked visits it falls on before the prison (timetable.ts).
 *
 * Returns false when the prison does not exist.
 */
export async function lockPrison(trx: Transaction<Database>, prisonId: string, mode: 'update' | 'confirm'): Promise<boolean> {
	const query = trx.selectFrom('prisons').select('id').where('id', '=', prisonId);
	const row = await (mode === 'update' ? query.forUpdate() : query.forNoKeyUpdate()).executeTakeFirst();
	return row !== undefined;
}

/**
 * A confirm's lock (mode `confirm` above), then, read under it, the prison's timetable and its
 * closures on the date. Two statements, not one: a statement that waits for the lock reads what was
 * there when it began, so a closure that committed during the wait would not be seen (in READ
 * COMMITTED only a statement begun after the wait sees it). Undefined when the prison does not exist.
 */
export async function lockPrisonForConfirm(
	trx: Transaction<Database>,
	prisonId: string,
	date: string
): Promise<{ timetable: TimetableSlot[]; closures: Closure[] } | undefined> {
	if (!(await lockPrison(trx, prisonId, 'confirm'))) return undefined;
	const row = await trx
		.selectNoFrom((eb) => [
			jsonArrayFrom(
				eb
					.selectFrom('timetableSlots')
					.select(['weekday', 'startTime', 'endTime', 'capacity', 'closedCapacity'])
					.where('timetableSlots.prisonId', '=', prisonId)
					.orderBy('weekday')
					.orderBy('startTime')
			).as('timetable'),
			jsonArrayFrom(
				eb
					.selectFrom('closures')
					.select(['date', 'startTime', 'reason', 'reasonCy'])
					.where('closures.prisonId', '=', prisonId)
					.where('closures.date', '=', date)
			).as('closures')
		])
		.executeTakeFirstOrThrow();
	return { timetable: row.timetable.map(toTimetableSlot), closures: row.closures.map(toClosure) };
}
