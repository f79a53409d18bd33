import { sql, type Kysely } from 'kysely';
import type { CancellationReason, RejectionReason } from '../../src/lib/shared/domain';
import type { Database, EmailKind } from '../db/schema';
import { waitingAddress } from '../lifecycle/notify';
import type { EmailFacts, PlaceEmailFacts } from './render';

/*
 * The email worker's queries, shaped like the push worker's (server/push/job-store.ts): claim
 * with FOR UPDATE SKIP LOCKED and a lease, count the attempt (a fencing token), and settle only
 * while still holding the claim. Times come from the worker's clock so tests can move time.
 */

export interface ClaimedEmail {
	id: string;
	/** Null for a waiting-list job (kind `place`), which names its entry instead. */
	requestId: string | null;
	waitlistEntryId: string | null;
	kind: EmailKind;
	locale: string;
	/** Including this claim. */
	attempts: number;
}

const at = (time: Date) => sql<Date>`${time.toISOString()}::timestamptz`;

export async function claimEmailJobs(
	db: Kysely<Database>,
	options: { now: Date; leaseMs: number; limit: number; maxAttempts: number }
): Promise<ClaimedEmail[]> {
	const { now, leaseMs, limit, maxAttempts } = options;
	return db.transaction().execute(async (trx) => {
		await trx
			.updateTable('emailJobs')
			.set({ status: 'failed', lockedUntil: null, lastError: 'lease expired on the last attempt' })
			.where('status', '=', 'pending')
			.where('attempts', '>=', maxAttempts)
			.where('lockedUntil', '<=', at(now))
			.execute();
		const due = await trx
			.selectFrom('emailJobs')
			.select(['id', 'requestId', 'waitlistEntryId', 'kind', 'locale', 'attempts'])
			.where('status', '=', 'pending')
			.where('nextAttemptAt', '<=', at(now))
			.where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', at(now))]))
			.where('attempts', '<', maxAttempts)
			.orderBy('nextAttemptAt')
			.limit(limit)
			.forUpdate()
			.skipLocked()
			.execute();
		if (due.length === 0) return [];
		await trx
			.updateTable('emailJobs')
			.set((eb) => ({ lockedUntil: at(new Date(now.getTime() + leaseMs)), attempts: eb('attempts', '+', 1) }))
			.where(
				'id',
				'in',
				due.map((job) => job.id)
			)
			.execute();
		return due.map((job) => ({ ...job, kind: job.kind as EmailKind, attempts: Number(job.attempts) + 1 }));
	});
}

function held(db: Kysely<Database>, job: Pick<ClaimedEmail, 'id' | 'attempts'>) {
	return db.updateTable('emailJobs').where('id', '=', job.id).where('attempts', '=', job.attempts).where('status', '=', 'pending');
}

export async function markEmailSent(db: Kysely<Database>, job: ClaimedEmail, now: Date): Promise<boolean> {
	const result = await held(db, job)
		.set({ status: 'sent', sentAt: at(now), lockedUntil: null, lastError: null })
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export async function markEmailFailed(db: Kysely<Database>, job: ClaimedEmail, error: string): Promise<boolean> {
	const result = await held(db, job)
		.set({ status: 'failed', lockedUntil: null, lastError: error.slice(0, 200) })
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export async function rescheduleEmail(db: Kysely<Database>, job: ClaimedEmail, nextAttemptAt: Date, error: string): Promise<boolean> {
	const result = await held(db, job)
		.set({ nextAttemptAt: at(nextAttemptAt), lockedUntil: null, lastError: error.slice(0, 200) })
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export async function nextEmailDueAt(db: Kysely<Database>): Promise<Date | null> {
	const row = await db
		.selectFrom('emailJobs')
		.select(sql<Date | string | null>`min(greatest(next_attempt_at, coalesce(locked_until, next_attempt_at)))`.as('dueAt'))
		.where('status', '=', 'pending')
		.executeTakeFirst();
	return row?.dueAt ? new Date(row.dueAt) : null;
}

/** Who to write to and what to say, read now: a purged request has no address any more. */
export async function loadEmailFacts(db: Kysely<Database>, requestId: string): Promise<{ to: string; facts: EmailFacts } | null> {
	const row = await db
		.selectFrom('visitRequests as r')
		.innerJoin('prisons as p', 'p.id', 'r.prisonId')
		.innerJoin('requestVisitors as v', (join) => join.onRef('v.requestId', '=', 'r.id').on('v.position', '=', 0))
		.select([
			'r.id',
			'r.reference',
			'r.bookedDate',
			'r.bookedStart',
			'r.rejectionReasons',
			'r.cancellationReason',
			'r.decisionMessage',
			'r.purgedAt',
			'r.calendarSequence',
			'p.name as prisonName',
			'p.address as prisonAddress',
			'p.timeZone',
			'p.id as prisonId',
			'v.firstName',
			'v.email'
		])
		.where('r.id', '=', requestId)
		.executeTakeFirst();
	if (!row || row.purgedAt || !row.email) return null;
	let slot: EmailFacts['slot'] = null;
	if (row.bookedDate && row.bookedStart) {
		const weekday = ((new Date(`${row.bookedDate}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
		const timetable = await db
			.selectFrom('timetableSlots')
			.select('endTime')
			.where('prisonId', '=', row.prisonId)
			.where('weekday', '=', weekday)
			.where('startTime', '=', row.bookedStart)
			.executeTakeFirst();
		slot = { date: row.bookedDate, start: row.bookedStart, end: timetable?.endTime ?? row.bookedStart };
	}
	// A change's outcome (issue #20) is told with the change's own reasons and message.
	const change = await db
		.selectFrom('visitChanges')
		.select(['rejectionReasons', 'message'])
		.where('requestId', '=', row.id)
		.where('status', 'in', ['confirmed', 'rejected'])
		.orderBy('decidedAt', 'desc')
		.executeTakeFirst();
	return {
		to: row.email,
		facts: {
			requestId: row.id,
			reference: row.reference,
			leadFirstName: row.firstName,
			prison: { name: row.prisonName, address: row.prisonAddress, timeZone: row.timeZone },
			slot,
			rejectionReasons: (row.rejectionReasons ?? []) as RejectionReason[],
			cancellationReason: (row.cancellationReason as CancellationReason | null) ?? null,
			message: row.decisionMessage,
			calendarSequence: Number(row.calendarSequence),
			change: change ? { reasons: (change.rejectionReasons ?? []) as RejectionReason[], message: change.message } : null
		}
	};
}

/** A "place came up" email's address and words, read now: an entry that ended (slot started, visitor left) has gone. */
export async function loadPlaceEmailFacts(db: Kysely<Database>, entryId: string): Promise<{ to: string; facts: PlaceEmailFacts } | null> {
	const entry = await db
		.selectFrom('waitlistEntries as w')
		.innerJoin('prisons as p', 'p.id', 'w.prisonId')
		.select(['w.id', 'w.prisonId', 'w.deviceId', 'w.date', 'w.startTime', 'p.name as prisonName'])
		.where('w.id', '=', entryId)
		.executeTakeFirst();
	if (!entry) return null;
	const to = await waitingAddress(db, entry.deviceId);
	if (!to) return null;
	return { to, facts: { prisonId: entry.prisonId, prisonName: entry.prisonName, date: entry.date, start: entry.startTime } };
}
