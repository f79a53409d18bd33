import type { BookAPrisonVisitDb, LocalVisitRequest } from './db';
import type { VisitRequestInput } from '../shared/schemas';
import type { VisitRequest } from '../shared/answers';

/*
 * Bringing the server's copies of the visitor's requests into the `requests` table without losing
 * what only the device knows (the body it sent, a withdraw still queued, a refusal to show).
 */

/** What the server knows wins; the device keeps its own fields. */
export function mergeServerCopy(local: LocalVisitRequest | undefined, server: VisitRequest, now: number): LocalVisitRequest {
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

/**
 * Stores the list GET /api/visit-requests returned. Local-only records (still queued) stay. With
 * `askedAt` (when the list was asked for), a record the device changed since then keeps the
 * device's copy: the server's answer to a withdraw or cancel, or a pushed decision, that came in
 * while the list was on its way is newer than the list, and the next refresh brings the rest.
 */
export async function mergeServerRequests(
	db: BookAPrisonVisitDb,
	list: readonly VisitRequest[],
	now: number = Date.now(),
	askedAt?: number
): Promise<void> {
	const valid = list.filter((item) => typeof item?.id === 'string');
	await db.transaction('rw', db.requests, async () => {
		const locals = await db.requests.bulkGet(valid.map((item) => item.id));
		const merged = valid.flatMap((server, index) => {
			const local = locals[index];
			if (local && askedAt !== undefined && local.localUpdatedAt > askedAt) return [];
			return [mergeServerCopy(local, server, now)];
		});
		await db.requests.bulkPut(merged);
	});
}

/** The device's copy of one of the visitor's requests. */
export async function localRequest(db: BookAPrisonVisitDb, id: string): Promise<LocalVisitRequest | undefined> {
	return db.requests.get(id);
}

/** The visitor's requests, newest first, without ones replaced by a corrected resend. */
export async function listVisibleRequests(db: BookAPrisonVisitDb): Promise<LocalVisitRequest[]> {
	const all = await db.requests.toArray();
	return all.filter((request) => !request.supersededBy).sort((a, b) => b.queuedAt - a.queuedAt);
}

/** A booking in progress, saved under its name as it is typed (a reload or crashed tab loses nothing). */
export async function savedDraft(db: BookAPrisonVisitDb, name: string): Promise<unknown> {
	return (await db.drafts.get(name))?.value;
}

export async function saveDraft(db: BookAPrisonVisitDb, name: string, value: unknown, now: number = Date.now()): Promise<void> {
	await db.drafts.put({ name, value, updatedAt: now });
}

function inputFromServerCopy(server: VisitRequest): VisitRequestInput {
	// A request known to the server but not to this database (its storage was cleared): rebuild
	// the body from the server's copy, which has the same field names.
	const { id, prisonId, prisoner, visitors, slots, additionalSupport } = server;
	return { id, prisonId, prisoner, visitors, slots, additionalSupport } as VisitRequestInput;
}
