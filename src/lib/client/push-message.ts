import { REQUEST_STATUSES, type RequestStatus } from '../shared/domain';
import { PushPayload } from '../shared/schemas-push';
import type { BookAPrisonVisitDb } from './db';

/*
 * What the service worker does with one push message, kept out of the worker so it can be tested
 * in Node: read the payload, record the new status on the device, and decide where a tap goes.
 */

/** The payload, or null for anything the server would not have sent (no data, not JSON, wrong shape). */
export function readPushPayload(data: { json(): unknown } | null | undefined): PushPayload | null {
	if (!data) return null;
	let parsed: unknown;
	try {
		parsed = data.json();
	} catch {
		return null;
	}
	const result = PushPayload.safeParse(parsed);
	return result.success ? result.data : null;
}

export const isRequestStatus = (value: unknown): value is RequestStatus =>
	typeof value === 'string' && (REQUEST_STATUSES as readonly string[]).includes(value);

/**
 * How far along its life a status is. Push messages can arrive late or out of order (a retried
 * "booked" after the "cancelled" that followed it), so a status only ever moves forward.
 */
const STAGE: Record<RequestStatus, number> = { requested: 0, booked: 1, rejected: 2, withdrawn: 2, cancelled: 2 };

/**
 * Records a status a push message brought, so the visitor's list is right even with no signal.
 * Only this device's own requests change (a staff tablet's new-request pushes name requests it
 * does not hold); returns whether anything changed.
 */
export async function recordPushedStatus(
	db: BookAPrisonVisitDb,
	payload: Pick<PushPayload, 'requestId' | 'status'>,
	now: number = Date.now()
): Promise<boolean> {
	const status = payload.status;
	if (!isRequestStatus(status)) return false;
	return db.transaction('rw', db.requests, async () => {
		const local = await db.requests.get(payload.requestId);
		if (!local || STAGE[status] <= STAGE[local.status]) return false;
		// The server decided on it, so the server holds it, whatever the outbox still says.
		await db.requests.update(payload.requestId, {
			status,
			localUpdatedAt: now,
			...(local.syncState === 'pending' ? { syncState: 'synced' as const } : {})
		});
		return true;
	});
}

/** Only this app's own pages may be opened from a notification; anything else opens the start page. */
export function notificationTarget(value: unknown, origin: string, base = ''): string {
	const fallback = new URL(`${base}/`, origin).href;
	if (typeof value !== 'string') return fallback;
	try {
		const url = new URL(value, origin);
		return url.origin === origin ? url.href : fallback;
	} catch {
		return fallback;
	}
}

/** The same page, ignoring a #fragment (a window scrolled to a heading is still "on that page"). */
export function isSamePage(a: string, b: string): boolean {
	return a.split('#')[0] === b.split('#')[0];
}
