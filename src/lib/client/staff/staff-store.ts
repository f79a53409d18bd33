import type { RequestStatus } from '../../shared/domain';
import type { VisitRequest } from '../../shared/answers';
import { callApi, params, type ApiOptions } from '../api';
import type { ApiFailure } from '../api-result';
import type { BookAPrisonVisitDb, StaffRequestRow, StaffVisitsRow } from '../db';
import { mergeQueue, nextToDecide, requestOf, rowFromDetail, rowFromList, type QueueCounts, type QueueFilter } from './queue';
import { STAFF_META, readStaffMeta, writeStaffMeta } from './staff-meta';
import { copyMark, settingsKey, storeServerCopy, type PrisonSettings } from './answered-copies';

/*
 * Staff reads: each asks the server and stores the answer on the device, and pages show what the
 * device holds, so they work the same offline (with "Last updated …").
 */

type Transport = Pick<ApiOptions, 'fetch' | 'baseUrl'>;
const staff = (transport: Transport): ApiOptions => ({ ...transport, auth: 'staff', cache: 'no-store' });

export interface QueueSnapshot {
	counts: QueueCounts;
	fetchedAt: number;
}

const queueKey = (prisonId: string, date?: string) => `${STAFF_META.queuePrefix}${prisonId}|${date ?? ''}`;

/** GET /api/staff/requests for one prison, status and (optional) date, into the cache. */
export async function refreshQueue(
	db: BookAPrisonVisitDb,
	filter: QueueFilter,
	options: Transport & { now?: () => number } = {}
): Promise<ApiFailure | null> {
	const query = { prisonId: filter.prisonId, status: filter.status, ...(filter.date ? { date: filter.date } : {}) };
	const result = await callApi((api) => api.staff.requests.$get({ query }), staff(options));
	if (!result.ok) return result;
	const fetchedAt = (options.now ?? Date.now)();
	const incoming = result.data.requests;
	await db.transaction('rw', db.staffRequests, db.meta, async () => {
		const byId = new Map(
			(await db.staffRequests.where('[prisonId+status]').equals([filter.prisonId, filter.status]).toArray()).map((row) => [row.id, row])
		);
		// A listed request may be cached under its old status (decided elsewhere, then reopened here).
		for (const row of await db.staffRequests.bulkGet(incoming.map((request) => request.id))) if (row) byId.set(row.id, row);
		const { put, remove } = mergeQueue([...byId.values()], incoming, filter, fetchedAt);
		await db.staffRequests.bulkPut(put);
		await db.staffRequests.bulkDelete(remove);
		// Booked visits with a change waiting come with the `requested` queue.
		if (filter.status === 'requested') await mergeChanges(db, filter, result.data.changes ?? [], fetchedAt);
		const snapshot: QueueSnapshot = { counts: result.data.counts, fetchedAt };
		await writeStaffMeta(db, queueKey(filter.prisonId, filter.date), snapshot);
	});
	return null;
}

/**
 * The change requests the server lists go into the cache as their booked rows; a cached booked row
 * whose change the server no longer lists (decided or withdrawn elsewhere) loses it, unless this
 * device has a decision on it queued or a refusal to show.
 */
async function mergeChanges(
	db: BookAPrisonVisitDb,
	filter: QueueFilter,
	changes: readonly VisitRequest[],
	fetchedAt: number
): Promise<void> {
	const listed = new Set(changes.map((request) => request.id));
	const previous = new Map(
		(await db.staffRequests.bulkGet(changes.map((request) => request.id))).filter((row) => row !== undefined).map((row) => [row.id, row])
	);
	await db.staffRequests.bulkPut(changes.map((request) => rowFromList(previous.get(request.id), request, fetchedAt)));
	const cached = await db.staffRequests.where('[prisonId+status]').equals([filter.prisonId, 'booked']).toArray();
	const stale = cached.filter((row) => !listed.has(row.id) && requestOf(row).change && !row.pendingAction && !row.lastError);
	if (stale.length > 0 && !filter.date)
		await db.staffRequests.bulkPut(stale.map((row) => ({ ...row, data: { ...requestOf(row), change: null } })));
}

/** Every request of the prison the device holds (any status), for the queue page to filter. */
export function cachedPrisonRequests(db: BookAPrisonVisitDb, prisonId: string): Promise<StaffRequestRow[]> {
	return db.staffRequests.where('prisonId').equals(prisonId).toArray();
}

/** The device's copy of one request, as the queue or its page last fetched it. */
export async function cachedStaffRequest(db: BookAPrisonVisitDb, requestId: string): Promise<StaffRequestRow | null> {
	return (await db.staffRequests.get(requestId)) ?? null;
}

export function queueSnapshot(db: BookAPrisonVisitDb, prisonId: string, date?: string): Promise<QueueSnapshot | undefined> {
	return readStaffMeta<QueueSnapshot>(db, queueKey(prisonId, date));
}

/** The next request waiting for a decision at the prison, as this device holds the queue (null: none). */
export async function nextRequest(
	db: BookAPrisonVisitDb,
	prisonId: string,
	currentId: string
): Promise<{ id: string; reference: string } | null> {
	const next = nextToDecide(
		await db.staffRequests.where('[prisonId+status]').equals([prisonId, 'requested']).toArray(),
		prisonId,
		currentId
	);
	return next ? { id: next.id, reference: requestOf(next).reference } : null;
}

/** GET /api/staff/requests/:id (history, places left per choice) into the cache. */
export async function refreshRequest(
	db: BookAPrisonVisitDb,
	requestId: string,
	options: Transport & { now?: () => number } = {}
): Promise<ApiFailure | null> {
	const result = await callApi((api) => api.staff.requests[':id'].$get({ param: params({ id: requestId }) }), staff(options));
	if (!result.ok) return result;
	const fetchedAt = (options.now ?? Date.now)();
	await db.transaction('rw', db.staffRequests, async () => {
		const previous = await db.staffRequests.get(requestId);
		await db.staffRequests.put(rowFromDetail(previous, result.data, fetchedAt));
	});
	return null;
}

export const visitsKey = (prisonId: string, date: string) => `${prisonId}|${date}`;

/** GET /api/staff/visits for a day into the cache. */
export async function refreshDayVisits(
	db: BookAPrisonVisitDb,
	prisonId: string,
	date: string,
	options: Transport & { now?: () => number } = {}
): Promise<ApiFailure | null> {
	const result = await callApi((api) => api.staff.visits.$get({ query: { prisonId, date } }), staff(options));
	if (!result.ok) return result;
	const row: StaffVisitsRow = { key: visitsKey(prisonId, date), prisonId, date, data: result.data, fetchedAt: (options.now ?? Date.now)() };
	await db.staffVisits.put(row);
	return null;
}

/** The day's visits as GET /api/staff/visits last returned them, or null before the first answer. */
export async function cachedDayVisits(db: BookAPrisonVisitDb, prisonId: string, date: string): Promise<StaffVisitsRow | null> {
	return (await db.staffVisits.get(visitsKey(prisonId, date))) ?? null;
}

export function cachedPrisonSettings(db: BookAPrisonVisitDb, prisonId: string): Promise<PrisonSettings | undefined> {
	return readStaffMeta<PrisonSettings>(db, settingsKey(prisonId));
}

/** The timetable and closures, fetched together so the page never shows one without the other. */
export async function refreshPrisonSettings(
	db: BookAPrisonVisitDb,
	prisonId: string,
	options: Transport & { now?: () => number } = {}
): Promise<ApiFailure | null> {
	const param = params({ prisonId });
	const mark = await copyMark(db, settingsKey(prisonId));
	const [timetable, closures] = await Promise.all([
		callApi((api) => api.staff.prisons[':prisonId'].timetable.$get({ param }), staff(options)),
		callApi((api) => api.staff.prisons[':prisonId'].closures.$get({ param }), staff(options))
	]);
	if (!timetable.ok) return timetable;
	if (!closures.ok) return closures;
	const settings: PrisonSettings = {
		slots: timetable.data.slots,
		closures: closures.data.closures,
		fetchedAt: (options.now ?? Date.now)()
	};
	await storeServerCopy(db, settingsKey(prisonId), settings, mark);
	return null;
}

/** The statuses the queue page offers, in the order a request moves through them. */
export const QUEUE_STATUSES: RequestStatus[] = ['requested', 'booked', 'rejected', 'withdrawn', 'cancelled'];
