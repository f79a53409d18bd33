import { deviceDb } from '../client/db';
import { registerServiceWorker, requestBackgroundSync } from '../client/sw-registration';
import { createSyncEngine, type SyncEngine } from '../client/sync';
import { sendPendingErase } from '../client/privacy';
import { keepVisitorDataFresh } from '../visitor/keep-fresh';

/*
 * The device's background machinery, one per tab: the sync engine the layout starts and pages ask
 * to refresh. The layout loads this with a dynamic import after first paint, so Dexie and the sync
 * code stay out of the first page's script.
 */

let engine: SyncEngine | undefined;

export function deviceSync(): SyncEngine {
	engine ??= createSyncEngine({ db: deviceDb(), onWaiting: () => void requestBackgroundSync() });
	return engine;
}

let stopFresh: (() => void) | undefined;

/** Called once by the layout in the browser. A visitor's device also keeps the prison list and calendars fresh. */
export function startDevice(): SyncEngine {
	const sync = deviceSync();
	sync.start();
	void registerServiceWorker();
	// A "forget me" asked while offline goes as soon as the device is back online.
	void sendPendingErase(deviceDb());
	window.addEventListener('online', () => void sendPendingErase(deviceDb()));
	if (!stopFresh && !location.pathname.startsWith('/staff')) stopFresh = keepVisitorDataFresh(deviceDb());
	return sync;
}

/** The layout went away: stop the sync engine and the background refresh. */
export function stopDevice(): void {
	stopFresh?.();
	stopFresh = undefined;
	engine?.stop();
}
