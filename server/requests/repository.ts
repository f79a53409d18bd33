import type { Kysely, Transaction } from 'kysely';
import type { CancellationReason, RejectionReason, RequestStatus } from '../../src/lib/shared/domain';
import type { SlotRef, VisitorInput } from '../../src/lib/shared/schemas';
import type { ChangeOutcome, PendingChange, StateChange, VisitRequest, VisitorDetails } from '../../src/lib/shared/types';
import type { Database } from '../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestsQuery>['executeTakeFirstOrThrow']>>;

export function requestsQuery(db: Db) {
	return db.selectFrom('visitRequests').select([
		'id',
		'reference',
		'prisonId',
		'deviceId',
		'status',
		'bodyHash',
		'prisonerFirstName',
		'prisonerLastName',
		'prisonerDateOfBirth',
		'prisonerNumber',
		'additionalSupport',
		'firstDate',
		'bookedDate',
		'bookedStart',
		'excludedVisitors',
		'rejectionReasons',
		'cancellationReason',
		'decisionMessage',
		'decidedAt',
		'createdAt',
		'updatedAt',
		'calendarSequence'
	]);
}

/** Reads one request's row, locked for the rest of the transaction so decisions on it queue up. */
export async function lockRequest(trx: Transaction<Database>, id: string): Promise<RequestRow | undefined> {
	return requestsQuery(trx).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Requests as the API shows them, with visitors, chosen slots and the booked slot's end time. */
export async function toVisitRequests(db: Db, rows: RequestRow[]): Promise<VisitRequest[]> {
	if (rows.length === 0) return [];
	const ids = rows.map((r) => r.id);
	const [visitors, slots] = await Promise.all([
		db
			.selectFrom('requestVisitors')
			.select(['requestId', 'position', 'firstName', 'lastName', 'dateOfBirth', 'email', 'phone'])
			.where('requestId', 'in', ids)
			.orderBy('requestId')
			.orderBy('position')
			.execute(),
		db
			.selectFrom('requestSlots')
			.select(['requestId', 'preference', 'date', 'startTime'])
			.where('requestId', 'in', ids)
			.orderBy('requestId')
			.orderBy('preference')
			.execute()
	]);
	const [endTimes, changes] = await Promise.all([bookedEndTimes(db, rows), changesOf(db, ids)]);

	return rows.map((row) => {
		const people: VisitorDetails[] = visitors
			.filter((v) => v.requestId === row.id)
			.map((v) => ({
				firstName: v.firstName,
				lastName: v.lastName,
				dateOfBirth: v.dateOfBirth,
				...(v.email ? { email: v.email } : {}),
				...(v.phone ? { phone: v.phone } : {})
			}));
		const prisoner =
			row.prisonerFirstName && row.prisonerLastName && row.prisonerDateOfBirth && row.prisonerNumber
				? {
						firstName: row.prisonerFirstName,
						lastName: row.prisonerLastName,
						dateOfBirth: row.prisonerDateOfBirth,
						prisonerNumber: row.prisonerNumber
					}
				: null;
		const bookedSlot =
			row.bookedDate && row.bookedStart
				? { date: row.bookedDate, start: row.bookedStart, end: endTimes.get(row.id) ?? row.bookedStart }
				: null;
		return {
			id: row.id,
			reference: row.reference,
			prisonId: row.prisonId,
			status: row.status as RequestStatus,
			prisoner,
			visitors: people,
			slots: slots.filter((s) => s.requestId === row.id).map((s) => ({ date: s.date, start: s.startTime })),
			additionalSupport: row.additionalSupport,
			bookedSlot,
			excludedVisitors: row.excludedVisitors as number[],
			rejectionReasons: row.rejectionReasons as RejectionReason[],
			cancellationReason: (row.cancellationReason as CancellationReason | null) ?? null,
			message: row.decisionMessage,
			createdAt: iso(row.createdAt),
			updatedAt: iso(row.updatedAt),
			decidedAt: row.decidedAt ? iso(row.decidedAt) : null,
			...changes(row.id),
			calendarSequence: Number(row.calendarSequence)
		};
	});
}

/** Each request's pending change, or how its latest change ended (one query for all of them). */
async function changesOf(db: Db, ids: string[]): Promise<(id: string) => { change: PendingChange | null; changeOutcome: ChangeOutcome | null }> {
	const rows = await db
		.selectFrom('visitChanges')
		.select(['id', 'requestId', 'status', 'slots', 'fromDate', 'fromStart', 'rejectionReasons', 'message', 'requestedAt', 'decidedAt'])
		.where('requestId', 'in', ids)
		.orderBy('requestedAt', 'desc')
		.orderBy('id')
		.execute();
	return (id) => {
		const latest = rows.find((r) => r.requestId === id);
		if (!latest) return { change: null, changeOutcome: null };
		if (latest.status === 'pending') return { change: { id: latest.id, slots: latest.slots, requestedAt: iso(latest.requestedAt) }, changeOutcome: null };
		return {
			change: null,
			changeOutcome: {
				id: latest.id,
				status: latest.status as ChangeOutcome['status'],
				slots: latest.slots,
				from: { date: latest.fromDate, start: latest.fromStart },
				reasons: latest.rejectionReasons as RejectionReason[],
				message: latest.message,
				at: iso(latest.decidedAt ?? latest.requestedAt)
			}
		};
	};
}

export async function toVisitRequest(db: Db, row: RequestRow): Promise<VisitRequest> {
	const [request] = await toVisitRequests(db, [row]);
	if (!request) throw new Error('A loaded request could not be shown');
	return request;
}

/** The booked slot's end time comes from the timetable of the booked weekday. */
async function bookedEndTimes(db: Db, rows: RequestRow[]): Promise<Map<string, string>> {
	const booked = rows.filter((r) => r.bookedDate && r.bookedStart);
	if (booked.length === 0) return new Map();
	const prisonIds = [...new Set(booked.map((r) => r.prisonId))];
	const timetable = await db
		.selectFrom('timetableSlots')
		.select(['prisonId', 'weekday', 'startTime', 'endTime'])
		.where('prisonId', 'in', prisonIds)
		.execute();
	const ends = new Map<string, string>();
	for (const row of booked) {
		const weekday = isoWeekdayOf(row.bookedDate as string);
		const slot = timetable.find((t) => t.prisonId === row.prisonId && t.weekday === weekday && t.startTime === row.bookedStart);
		if (slot) ends.set(row.id, slot.endTime);
	}
	return ends;
}

function isoWeekdayOf(date: string): number {
	const day = new Date(`${date}T12:00:00Z`).getUTCDay();
	return day === 0 ? 7 : day;
}

export async function history(db: Db, requestId: string): Promise<StateChange[]> {
	const rows = await db
		.selectFrom('stateChanges')
		.select(['fromStatus', 'toStatus', 'actorType', 'actorName', 'at', 'detail'])
		.where('requestId', '=', requestId)
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		fromStatus: (r.fromStatus as RequestStatus | null) ?? null,
		toStatus: r.toStatus as RequestStatus,
		actorType: r.actorType as StateChange['actorType'],
		actorName: r.actorName,
		at: iso(r.at),
		detail: (r.detail ?? {}) as Record<string, unknown>
	}));
}

export async function lastChange(db: Db, requestId: string): Promise<StateChange | undefined> {
	const changes = await history(db, requestId);
	return changes.at(-1);
}

function iso(value: Date | string): string {
	return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/** A new request's visitors (in order, lead first) and chosen slots (in order of preference): one insert each. */
export async function insertVisitorsAndSlots(
	trx: Transaction<Database>,
	requestId: string,
	visitors: readonly VisitorInput[],
	slots: readonly SlotRef[]
): Promise<void> {
	await trx
		.insertInto('requestVisitors')
		.values(
			visitors.map((v, position) => ({
				requestId,
				position,
				firstName: v.firstName,
				lastName: v.lastName,
				dateOfBirth: v.dateOfBirth,
				email: v.email ?? null,
				phone: v.phone ?? null
			}))
		)
		.execute();
	await trx
		.insertInto('requestSlots')
		.values(slots.map((s, index) => ({ requestId, preference: index + 1, date: s.date, startTime: s.start })))
		.execute();
}
