import type { ForgetResult } from '../shared/schemas-privacy';
import { callApi, type FetchLike } from './api';
import { META, type BookAPrisonVisitDb } from './db';
import { isWellFormedDeviceSecret } from './device';

/*
 * The visitor's privacy rights on the device (PRODUCT.md, Privacy). "Forget me" clears the device's
 * own copy at once, online or not: every Dexie table, the service worker's API cache and the device
 * secret. The only thing kept is the old secret under meta.pendingErase, until the server has
 * answered the erase; a later start or the `online` event sends it again.
 */

/** The service worker's cache of API answers (src/service-worker.ts): it can hold requests' details. */
const PERSONAL_CACHES = ['api-fallback'];

export function fetchExport(db: BookAPrisonVisitDb, fetch?: FetchLike) {
	return callApi((api) => api['visit-requests'].export.$get(), { auth: 'device', db, ...(fetch ? { fetch } : {}) });
}

export type ForgetOutcome = { state: 'done'; result: ForgetResult | null } | { state: 'queued' };

/** Clears the device and asks the server to forget it; queued when the server cannot be reached. */
export async function forgetMe(db: BookAPrisonVisitDb, fetch?: FetchLike): Promise<ForgetOutcome> {
	const secret = (await db.meta.get(META.deviceSecret))?.value;
	await clearDevice(db, isWellFormedDeviceSecret(secret) ? secret : null);
	return sendPendingErase(db, fetch);
}

/** Sends a queued erase, if there is one. Safe to call at any time, from any tab. */
export async function sendPendingErase(db: BookAPrisonVisitDb, fetch?: FetchLike): Promise<ForgetOutcome> {
	const secret = (await db.meta.get(META.pendingErase))?.value;
	if (!isWellFormedDeviceSecret(secret)) return { state: 'done', result: null };
	const answer = await callApi((api) => api['visit-requests'].$delete(), {
		auth: 'device',
		deviceSecret: secret,
		...(fetch ? { fetch } : {})
	});
	// 401: already forgotten (a double erase), or never known to the server. Either way nothing is left to do.
	if (answer.ok || answer.status === 401) {
		await db.meta.delete(META.pendingErase);
		return { state: 'done', result: answer.ok ? answer.data : null };
	}
	return { state: 'queued' };
}

/** After signing out: the same clearing as "forget me", with no erase to send (the account keeps its visits). */
export function clearSignedOutDevice(db: BookAPrisonVisitDb): Promise<void> {
	return clearDevice(db, null);
}

async function clearDevice(db: BookAPrisonVisitDb, secret: string | null): Promise<void> {
	await db.transaction('rw', db.tables, async () => {
		for (const table of db.tables) await table.clear();
		if (secret) await db.meta.put({ key: META.pendingErase, value: secret });
	});
	if (typeof caches !== 'undefined') {
		for (const name of PERSONAL_CACHES) await caches.delete(name).catch(() => false);
	}
}
