import type { RequestStatus } from '../../shared/domain';
import type { StaffVisitRequest, VisitRequest } from '../../shared/answers';
import type { StaffRequestRow } from '../db';

/*
 * The staff queue as the device holds it: pure functions over the `staffRequests` rows, so the
 * queue reads the same online and offline.
 */

export type QueueCounts = Partial<Record<RequestStatus, number>>;

/** A request the officer's queue is about: the list item, or the full detail when it was opened. */
export type CachedRequest = VisitRequest &
	Partial<Pick<StaffVisitRequest, 'history' | 'choices' | 'changeChoices' | 'flags' | 'reads' | 'detailsRemoved' | 'messages'>>;

export function requestOf(row: StaffRequestRow): CachedRequest {
	return row.data as CachedRequest;
}

/** The request asks for, or is booked on, this date. */
export function touchesDate(request: Pick<VisitRequest, 'slots' | 'bookedSlot'>, date: string): boolean {
	return request.bookedSlot?.date === date || request.slots.some((slot) => slot.date === date);
}

/** Oldest first, the order requests should be worked through (ties by reference, so the order is stable). */
export function oldestFirst<T extends { createdAt: string; reference: string }>(requests: readonly T[]): T[] {
	return [...requests].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.reference.localeCompare(b.reference));
}

export interface QueueFilter {
	prisonId: string;
	status: RequestStatus;
	/** Only requests touching this visit date. */
	date?: string;
}

/** The cached rows a queue page shows. */
export function queueFromRows(rows: readonly StaffRequestRow[], filter: QueueFilter): StaffRequestRow[] {
	const shown = rows.filter(
		(row) => row.prisonId === filter.prisonId && row.status === filter.status && (!filter.date || touchesDate(requestOf(row), filter.date))
	);
	const byRequest = new Map(shown.map((row) => [requestOf(row), row]));
	return oldestFirst([...byRequest.keys()]).map((request) => byRequest.get(request)!);
}

/** The request to decide next after `currentId`: the oldest still waiting with no decision queued on this device. */
export function nextToDecide(rows: readonly StaffRequestRow[], prisonId: string, currentId: string): StaffRequestRow | undefined {
	const waiting = rows.filter((row) => row.id !== currentId && !row.pendingAction && !row.lastError);
	return queueFromRows(waiting, { prisonId, status: 'requested' })[0];
}

export interface QueueMerge {
	put: StaffRequestRow[];
	/** Rows of this queue the server no longer lists: their status changed elsewhere. */
	remove: string[];
}

/**
 * Brings the server's list for one queue into the cache. What only the device knows (a queued
 * decision, a refusal to show) stays on the row; the detail fetched earlier (history, places per
 * choice) stays while the request has not changed since.
 */
export function mergeQueue(
	existing: readonly StaffRequestRow[],
	incoming: readonly VisitRequest[],
	filter: QueueFilter,
	fetchedAt: number
): QueueMerge {
	const known = new Map(existing.map((row) => [row.id, row]));
	const put = incoming.map((request) => rowFromList(known.get(request.id), request, fetchedAt));
	const listed = new Set(incoming.map((request) => request.id));
	const remove = existing
		.filter(
			(row) =>
				row.prisonId === filter.prisonId &&
				row.status === filter.status &&
				!listed.has(row.id) &&
				(!filter.date || touchesDate(requestOf(row), filter.date)) &&
				// A row with a decision queued or a refusal to show is still the officer's business.
				!row.pendingAction &&
				!row.lastError
		)
		.map((row) => row.id);
	return { put, remove };
}

/** A list item as a cached row: the detail fetched earlier stays while the request has not changed since. */
export function rowFromList(previous: StaffRequestRow | undefined, request: VisitRequest, fetchedAt: number): StaffRequestRow {
	const detail = previous ? requestOf(previous) : undefined;
	const keepDetail = detail?.history && detail.updatedAt === request.updatedAt;
	return {
		id: request.id,
		prisonId: request.prisonId,
		status: request.status,
		data: keepDetail ? { ...request, history: detail.history, choices: detail.choices, changeChoices: detail.changeChoices } : request,
		fetchedAt,
		...(previous?.pendingAction ? { pendingAction: previous.pendingAction } : {}),
		...(previous?.lastError ? { lastError: previous.lastError } : {})
	};
}

/** Booked visits with a change waiting, oldest change first. */
export function changesFromRows(rows: readonly StaffRequestRow[], prisonId: string, date?: string): StaffRequestRow[] {
	const shown = rows.filter((row) => {
		const request = requestOf(row);
		if (row.prisonId !== prisonId || row.status !== 'booked' || !request.change) return false;
		return !date || request.bookedSlot?.date === date || request.change.slots.some((slot) => slot.date === date);
	});
	return shown.sort((a, b) => (requestOf(a).change?.requestedAt ?? '').localeCompare(requestOf(b).change?.requestedAt ?? ''));
}

/** The detail as fetched, keeping the device's own fields of the row. */
export function rowFromDetail(previous: StaffRequestRow | undefined, detail: StaffVisitRequest, fetchedAt: number): StaffRequestRow {
	return {
		id: detail.id,
		prisonId: detail.prisonId,
		status: detail.status,
		data: detail,
		fetchedAt,
		...(previous?.pendingAction ? { pendingAction: previous.pendingAction } : {}),
		...(previous?.lastError ? { lastError: previous.lastError } : {})
	};
}
