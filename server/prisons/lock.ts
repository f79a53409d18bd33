import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';

/**
 * The one place a prison's row is locked, for the rest of the caller's transaction.
 *
 * - `update`: timetable and closure writes. Two saves for one prison run one after the other, so
 *   the second sees what the first did (never a unique-key race, never a 5xx), and the check of
 *   which booked visits a change would hit sees every confirm that committed before it.
 * - `share`: a confirm, before it reads the timetable and closures. Confirms do not wait for each
 *   other, but a confirm and a closure cannot interleave: either the confirm commits first (and
 *   the closure then finds and cancels, or refuses over, the new booking), or the closure commits
 *   first (and the confirm then reads it and answers 409 slot_closed).
 *
 * Returns false when the prison does not exist.
 */
export async function lockPrison(trx: Transaction<Database>, prisonId: string, mode: 'update' | 'share'): Promise<boolean> {
	const query = trx.selectFrom('prisons').select('id').where('id', '=', prisonId);
	const row = await (mode === 'update' ? query.forUpdate() : query.forShare()).executeTakeFirst();
	return row !== undefined;
}
