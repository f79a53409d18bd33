import type { BookAPrisonVisitDb, LocalVisitRequest } from './db';
import type { RequestStatus, ServerVisitRequest, VisitRequestInput } from './types';

/*
 * Bringing the server's copies of the visitor's requests into the `requests` table without losing
 * what only the device knows (the body it sent, a withdraw still queued, a refusal to show).
 */

/** What the server knows wins; the device keeps its own fields. */
export function mergeServerCopy(local: LocalVisitRequest | undefined, server: ServerVisitRequest, now: number): LocalVisitRequest {
	const input = local?.input ?? inputFromServerCopy(server);
	return {
		...(local ?? {}),
		...input,
		...server,
		input,
		reference: server.reference ?? local?.reference ?? null,
		// The server holds it, so its submit succeeded even if the answer never reached this device.
		syncState: 'synced',
		lastError: local?.syncState === 'rejected' ? undefined : local?.lastError,
		queuedAt: local?.queuedAt ?? now,
		localUpdatedAt: now
	} as LocalVisitRequest;
}

/** Stores the list GET /api/visit-requests returned. Local-only records (still queued) stay. */
export async function mergeServerRequests(
	db: BookAPrisonVisitDb,
	list: readonly ServerVisitRequest[],
	now: number = Date.now()
): Promise<void> {
	const valid = list.filter((item) => typeof item?.id === 'string');
	await db.transaction('rw', db.requests, async () => {
		const locals = await db.requests.bulkGet(valid.map((item) => item.id));
		await db.requests.bulkPut(valid.map((server, index) => mergeServerCopy(locals[index], server, now)));
	});
}

/** A status learnt outside a sync (a push message). Unknown ids are ignored: the next refresh brings them. */
export async function applyServerStatus(
	db: BookAPrisonVisitDb,
	requestId: string,
	status: RequestStatus,
	now: number = Date.now()
): Promise<boolean> {
	const changed = await db.requests.update(requestId, { status, localUpdatedAt: now });
	return changed > 0;
}

/** The visitor's requests, newest first, without ones replaced by a corrected resend. */
export async function listVisibleRequests(db: BookAPrisonVisitDb): Promise<LocalVisitRequest[]> {
	const all = await db.requests.toArray();
	return all.filter((request) => !request.supersededBy).sort((a, b) => b.queuedAt - a.queuedAt);
}

function inputFromServerCopy(server: ServerVisitRequest): VisitRequestInput {
	// A request known to the server but not to this database (its storage was cleared): rebuild
	// the body from the server's copy, which has the same field names.
	const { id, prisonId, prisoner, visitors, slots, additionalSupport } = server;
	return { id, prisonId, prisoner, visitors, slots, additionalSupport } as VisitRequestInput;
}
