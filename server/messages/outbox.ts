import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { wakeMessageWorker } from './wake';

/*
 * The one outbox (the deliveries table): every message, on every channel, is a row written in the
 * same transaction as the change it tells of, so nothing is sent for a change that rolled back and
 * no change commits without its messages. The worker (worker.ts) sends them after the commit.
 */

/** The channel workers LISTEN on; a NOTIFY is delivered only when the queuing transaction commits. */
export const DELIVERIES_CHANNEL = 'deliveries';

/**
 * Tells every worker that deliveries are queued: NOTIFY reaches LISTENing workers in every process
 * at commit (nothing on rollback), and the in-process wake-up carries the transaction's id, so this
 * process's worker can tell "nothing queued" from "queued but not committed yet".
 */
export async function announceDeliveries(db: Kysely<Database>): Promise<void> {
	const { rows } = await sql<{ xid: string }>`select pg_notify(${DELIVERIES_CHANNEL}, ''), pg_current_xact_id()::text as xid`.execute(db);
	wakeMessageWorker(rows[0]?.xid);
}
