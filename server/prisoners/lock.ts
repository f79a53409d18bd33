import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Takes the transaction-long lock of each prisoner named (at one prison), in one order so two
 * transactions never wait for each other. Whatever reads a prisoner's record to decide a booking,
 * or changes what a booking is checked against (bans, non-associations), holds it: a submit and a
 * ban added at the same moment cannot both miss each other.
 */
export async function lockPrisoners(trx: Transaction<Database>, prisonId: string, prisonerNumbers: readonly string[]): Promise<void> {
	for (const number of [...new Set(prisonerNumbers)].sort()) {
		await sql`select pg_advisory_xact_lock(hashtextextended(${`prisoner/${prisonId}/${number}`}, 0))`.execute(trx);
	}
}
