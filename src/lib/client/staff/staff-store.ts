import type { RequestStatus } from '../../shared/domain';
import type { Closure, DayVisitList, StaffVisitRequest, TimetableSlot, VisitRequest } from '../../shared/types';
import { apiGet, unwrapList, type ApiFailure, type ApiOptions } from '../api';
import type { BookAPrisonVisitDb, StaffVisitsRow } from '../db';
import { mergeQueue, rowFromDetail, type QueueCounts, type QueueFilter } from './queue';
import { STAFF_META, readStaffMeta, writeStaffMeta } from './staff-meta';

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
	const query = new URLSearchParams({ prisonId: filter.prisonId, status: filter.status });
	if (filter.date) query.set('date', filter.date);
	const result = await apiGet<{ requests?: VisitRequest[]; counts?: QueueCounts }>(`/api/staff/requests?${query}`, staff(options));
	if (!result.ok) return result;
	const fetchedAt = (options.now ?? Date.now)();
	const incoming = unwrapList<VisitRequest>(result.data, 'requests');
	await db.transaction('rw', db.staffRequests, db.meta, async () => {
		const byId = new Map(
			(await db.staffRequests.where('[prisonId+status]').equals([filter.prisonId, filter.status]).toArray()).map((row) => [row.id, row])
		);
		// A listed request may be cached under its old status (decided elsewhere, then reopened here).
		for (const row of await db.staffRequests.bulkGet(incoming.map((request) => request.id))) if (row) byId.set(row.id, row);
		const { put, remove } = mergeQueue([...byId.values()], incoming, filter, fetchedAt);
		await db.staffRequests.bulkPut(put);
		await db.staffRequests.bulkDelete(remove);
		const snapshot: QueueSnapshot = { counts: result.data?.counts ?? {}, fetchedAt };
		await writeStaffMeta(db, queueKey(filter.prisonId, filter.date), snapshot);
	});
	return null;
}

export function queueSnapshot(db: BookAPrisonVisitDb, prisonId: string, date?: string): Promise<QueueSnapshot | undefined> {
	return readStaffMeta<QueueSnapshot>(db, queueKey(prisonId, date));
}

/** GET /api/staff/requests/:id (history, places left per choice) into the cache. */
export async function refreshRequest(
	db: BookAPrisonVisitDb,
	requestId: string,
	options: Transport & { now?: () => number } = {}
): Promise<ApiFailure | null> {
	const result = await apiGet<StaffVisitRequest>(`/api/staff/requests/${encodeURIComponent(requestId)}`, staff(options));
	if (!result.ok) return result;
	if (!result.data?.id) return null;
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
	const query = new URLSearchParams({ prisonId, date });
	const result = await apiGet<DayVisitList>(`/api/staff/visits?${query}`, staff(options));
	if (!result.ok) return result;
	const row: StaffVisitsRow = { key: visitsKey(prisonId, date), prisonId, date, data: result.data, fetchedAt: (options.now ?? Date.now)() };
	await db.staffVisits.put(row);
	return null;
}

export interface PrisonSettings {
	slots: TimetableSlot[];
	closures: Closure[];
	fetchedAt: number;
}

const settingsKey = (prisonId: string) => `${STAFF_META.settingsPrefix}${prisonId}`;

/** The timetable and closures, fetched together so the page never shows one without the other. */
export async function refreshPrisonSettings(
	db: BookAPrisonVisitDb,
	prisonId: string,
	options: Transport & { now?: () => number } = {}
): Promise<ApiFailure | null> {
	const base = `/api/staff/prisons/${encodeURIComponent(prisonId)}`;
	const [timetable, closures] = await Promise.all([
		apiGet<{ slots?: TimetableSlot[] }>(`${base}/timetable`, staff(options)),
		apiGet<{ closures?: Closure[] }>(`${base}/closures`, staff(options))
	]);
	if (!timetable.ok) return timetable;
	if (!closures.ok) return closures;
	const settings: PrisonSettings = {
		slots: unwrapList<TimetableSlot>(timetable.data, 'slots'),
		closures: unwrapList<Closure>(closures.data, 'closures'),
		fetchedAt: (options.now ?? Date.now)()
	};
	await writeStaffMeta(db, settingsKey(prisonId), settings);
	return null;
}

export function cachedPrisonSettings(db: BookAPrisonVisitDb, prisonId: string): Promise<PrisonSettings | undefined> {
	return readStaffMeta<PrisonSettings>(db, settingsKey(prisonId));
}

/** The statuses the queue page offers, in the order a request moves through them. */
export const QUEUE_STATUSES: RequestStatus[] = ['requested', 'booked', 'rejected', 'withdrawn', 'cancelled'];
