import type { Kysely, Transaction } from 'kysely';

/**
 * Runs `work` in the caller's transaction when given one, else in a new one: lets a function be
 * called on its own or as one step of a larger transaction without nesting BEGINs.
 */
export function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Transaction<DB> | Kysely<DB>) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}
