// Retention (PRODUCT.md): the personal data of a request is removed once everything about it is
// more than the prison's `retentionDays` (180) in the past, counted in the prison's time zone:
// its chosen dates, its booked visit, and its last change (decision, withdrawal, cancellation).
//
// Removed: the prisoner's details, the additional-support text, the message staff wrote to the
// visitor, and every visitor row (names, dates of birth, email, phone). Kept, for statistics: the
// request itself (prison, reference, status, dates, reasons), how many visitors it named, its
// chosen slots, its state changes and the places it took in slot_usage.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

/** Requests purged per transaction, so a large backlog never holds locks for long. */
const BATCH = 200;

export interface PurgeResult {
	/** Requests whose personal data was removed by this run. */
	requests: number;
	/** Visitor rows deleted. */
	visitors: number;
}

/**
 * Removes the personal data of every request past its prison's retention period as of `now`.
 * Safe to run in several processes at once: rows being purged by one are skipped by the other,
 * and a purged request is never purged again.
 */
export async function purgeExpiredRequests(db: Kysely<Database>, now: Date): Promise<PurgeResult> {
	const total: PurgeResult = { requests: 0, visitors: 0 };
	for (;;) {
		const batch = await purgeBatch(db, now);
		total.requests += batch.requests;
		total.visitors += batch.visitors;
		if (batch.requests < BATCH) return total;
	}
}

async function purgeBatch(db: Kysely<Database>, now: Date): Promise<PurgeResult> {
	const at = now.toISOString();
	return db.transaction().execute(async (trx) => {
		// The last day of the retention period, per prison: today there, minus retentionDays.
		const { rows } = await sql<{ id: string }>`
			select r.id
			from visit_requests r
			join prisons p on p.id = r.prison_id
			where r.purged_at is null
			  and ((${at}::timestamptz at time zone p.time_zone)::date - p.retention_days) > greatest(
				r.first_date,
				coalesce(r.booked_date, r.first_date),
				coalesce((select max(s.date) from request_slots s where s.request_id = r.id), r.first_date),
				(r.updated_at at time zone p.time_zone)::date
			  )
			order by r.id
			limit ${BATCH}
			for update of r skip locked
		`.execute(trx);
		return erasePersonalData(
			trx,
			rows.map((row) => row.id),
			now,
			'retention'
		);
	});
}

export type PurgeReason = 'retention' | 'visitor_asked';

/**
 * The one way personal data is removed, by the retention purge and by "forget me" alike: the
 * prisoner's details, the support text, staff's message, an override's reason, a gate note and every
 * visitor row go; the request, its slots, history, places and how the visit went stay, with how many visitors it named. The caller holds the rows' locks.
 * Rows already purged are left as they are, so erasing twice is harmless.
 */
export async function erasePersonalData(trx: Transaction<Database>, ids: string[], now: Date, reason: PurgeReason): Promise<PurgeResult> {
	if (ids.length === 0) return { requests: 0, visitors: 0 };
	const { rows } = await sql<{ id: string }>`
		update visit_requests v
		set visitor_count = (select count(*) from request_visitors rv where rv.request_id = v.id),
			prisoner_first_name = null,
			prisoner_last_name = null,
			prisoner_date_of_birth = null,
			prisoner_number = null,
			additional_support = null,
			decision_message = null,
			purged_at = ${now.toISOString()}::timestamptz,
			purge_reason = ${reason}
		where v.id in (${sql.join(ids)}) and v.purged_at is null
		returning v.id
	`.execute(trx);
	const erased = rows.map((row) => row.id);
	if (erased.length === 0) return { requests: 0, visitors: 0 };
	const deleted = await trx.deleteFrom('requestVisitors').where('requestId', 'in', erased).executeTakeFirst();
	// Free text staff wrote about the visit may name people.
	await trx.deleteFrom('visitOverrides').where('requestId', 'in', erased).execute();
	await trx.updateTable('visitArrivals').set({ note: null }).where('requestId', 'in', erased).execute();
	return { requests: erased.length, visitors: Number(deleted.numDeletedRows) };
}
