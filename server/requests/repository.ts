import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { CancellationReason, RejectionReason, RequestStatus } from '../../src/lib/shared/domain';
import type { SlotRef, VisitorInput } from '../../src/lib/shared/schemas';
import type { ChangeOutcome, PendingChange, ReviewReason, StateChange, VisitRequest, VisitorDetails } from '../../src/lib/shared/answers';
import { t, type MessageKey } from '../../src/lib/shared/i18n';
import type { Database } from '../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestsQuery>['executeTakeFirstOrThrow']>>;

/** What every read of a request selects (and the submit's insert returns). */
export const REQUEST_COLUMNS = [
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
	'calendarSequence',
	'reviewCodes'
] as const;

export function requestsQuery(db: Db) {
	return db.selectFrom('visitRequests').select(REQUEST_COLUMNS);
}

/** Reads one request's row, locked for the rest of the transaction so decisions on it queue up. */
export async function lockRequest(trx: Transaction<Database>, id: string): Promise<RequestRow | undefined> {
	return requestsQuery(trx).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** A locked request with its visitors (lead first) and chosen slots (in order of preference). */
export type LockedRequest = RequestRow & { visitorRows: VisitorRow[]; slotRows: SlotRow[] };

function visitorsOf(eb: ExpressionBuilder<Database, 'visitRequests'>) {
	return jsonArrayFrom(
		eb
			.selectFrom('requestVisitors')
			.select(['firstName', 'lastName', 'dateOfBirth', 'email', 'phone'])
			.whereRef('requestVisitors.requestId', '=', 'visitRequests.id')
			.orderBy('position')
	);
}

function slotsOf(eb: ExpressionBuilder<Database, 'visitRequests'>) {
	return jsonArrayFrom(
		eb
			.selectFrom('requestSlots')
			.select(['date', 'startTime'])
			.whereRef('requestSlots.requestId', '=', 'visitRequests.id')
			.orderBy('preference')
	);
}

/**
 * lockRequest, with the request's visitors and slots read in the same round trip (a decision needs
 * them: the chosen slot, the visitors it may exclude, the prisoner record's checks).
 */
export async function lockRequestWithDetails(trx: Transaction<Database>, id: string): Promise<LockedRequest | undefined> {
	return requestsQuery(trx)
		.select((eb) => [visitorsOf(eb).as('visitorRows'), slotsOf(eb).as('slotRows')])
		.where('id', '=', id)
		.forUpdate('visitRequests')
		.executeTakeFirst();
}

/** One request as the API shows it, in one round trip (toVisitRequest takes four). */
export async function readRequest(db: Db, id: string): Promise<VisitRequest> {
	const row = await requestsQuery(db)
		.select((eb) => [
			visitorsOf(eb).as('visitorRows'),
			slotsOf(eb).as('slotRows'),
			// The booked slot's end, from the timetable of the booked weekday (ISO: Monday 1 … Sunday 7).
			eb
				.selectFrom('timetableSlots')
				.select('timetableSlots.endTime')
				.whereRef('timetableSlots.prisonId', '=', 'visitRequests.prisonId')
				.where((inner) =>
					inner(sql<number>`extract(isodow from visit_requests.booked_date)::int`, '=', inner.ref('timetableSlots.weekday'))
				)
				.whereRef('timetableSlots.startTime', '=', 'visitRequests.bookedStart')
				.limit(1)
				.as('bookedEnd')
		])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
	const { visitorRows, slotRows, bookedEnd, ...request } = row;
	const changes = await changesOf(db, [id]);
	return showRequest(request, visitorRows, slotRows, changes(id), bookedEnd ?? undefined);
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

	return rows.map((row) =>
		showRequest(
			row,
			visitors.filter((v) => v.requestId === row.id),
			slots.filter((s) => s.requestId === row.id),
			changes(row.id),
			endTimes.get(row.id)
		)
	);
}

/** A stored visitor as the rows carry it (an insert's RETURNING gives the same). */
export interface VisitorRow {
	firstName: string;
	lastName: string;
	dateOfBirth: string;
	email: string | null;
	phone: string | null;
}

/** A chosen slot as stored. */
export interface SlotRow {
	date: string;
	startTime: string;
}

/**
 * One request as the API shows it, from its row, its visitors (lead first) and chosen slots (in
 * order of preference), and the booked slot's end time when it is booked. No database work: the
 * submit builds its answer from what its insert returned.
 */
export function showRequest(
	row: RequestRow,
	visitors: readonly VisitorRow[],
	slots: readonly SlotRow[],
	changes: RequestChanges,
	bookedEnd?: string
): VisitRequest {
	const people: VisitorDetails[] = visitors.map((v) => ({
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
		row.bookedDate && row.bookedStart ? { date: row.bookedDate, start: row.bookedStart, end: bookedEnd ?? row.bookedStart } : null;
	return {
		id: row.id,
		reference: row.reference,
		prisonId: row.prisonId,
		status: row.status as RequestStatus,
		prisoner,
		visitors: people,
		slots: slots.map((s) => ({ date: s.date, start: s.startTime })),
		additionalSupport: row.additionalSupport,
		bookedSlot,
		excludedVisitors: row.excludedVisitors as number[],
		rejectionReasons: row.rejectionReasons as RejectionReason[],
		cancellationReason: (row.cancellationReason as CancellationReason | null) ?? null,
		message: row.decisionMessage,
		createdAt: iso(row.createdAt),
		updatedAt: iso(row.updatedAt),
		decidedAt: row.decidedAt ? iso(row.decidedAt) : null,
		...changes,
		calendarSequence: Number(row.calendarSequence),
		...(row.status === 'requested' && row.reviewCodes ? { review: visitorReview(row.reviewCodes) } : {})
	};
}

/**
 * Why a waiting request waits, as the family may read it: a non-association is never named (it
 * reads as a check by staff), and each reason is in the reader's words.
 */
export function visitorReview(codes: readonly string[]): ReviewReason[] {
	const shown = [...new Set(codes.map((code) => (VISITOR_REVIEW_CODES.has(code) ? code : 'staff_check')))];
	return shown.map((code) => ({ code, message: t(`instant.review.${code}` as MessageKey) }));
}

const VISITOR_REVIEW_CODES: ReadonlySet<string> = new Set([
	'visitor_banned',
	'no_allowance',
	'duplicate_request',
	'prisoner_clash',
	'closed_visit',
	'request_mode'
]);

/** A request's pending change, or how its latest change ended: neither, for a new request. */
export type RequestChanges = { change: PendingChange | null; changeOutcome: ChangeOutcome | null };

export const NO_CHANGES: RequestChanges = { change: null, changeOutcome: null };

/** Each request's pending change, or how its latest change ended (one query for all of them). */
async function changesOf(
	db: Db,
	ids: string[]
): Promise<(id: string) => { change: PendingChange | null; changeOutcome: ChangeOutcome | null }> {
	const rows = await db
		.selectFrom('visitChanges')
		.select([
			'id',
			'requestId',
			'status',
			'slots',
			'visitors',
			'fromDate',
			'fromStart',
			'rejectionReasons',
			'message',
			'requestedAt',
			'decidedAt'
		])
		.where('requestId', 'in', ids)
		.orderBy('requestedAt', 'desc')
		.orderBy('id')
		.execute();
	return (id) => {
		const latest = rows.find((r) => r.requestId === id);
		if (!latest) return { change: null, changeOutcome: null };
		if (latest.status === 'pending')
			return {
				change: { id: latest.id, slots: latest.slots, visitors: latest.visitors, requestedAt: iso(latest.requestedAt) },
				changeOutcome: null
			};
		return {
			change: null,
			changeOutcome: {
				id: latest.id,
				status: latest.status as ChangeOutcome['status'],
				slots: latest.slots,
				from: { date: latest.fromDate, start: latest.fromStart },
				visitors: latest.visitors,
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
	await insertVisitors(trx, requestId, visitors);
	await trx
		.insertInto('requestSlots')
		.values(slots.map((s, index) => ({ requestId, preference: index + 1, date: s.date, startTime: s.start })))
		.execute();
}

/** A request's visitors, in order (lead first): a new request's, or a confirmed change's new party. */
export async function insertVisitors(trx: Transaction<Database>, requestId: string, visitors: readonly VisitorInput[]): Promise<void> {
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
}
