import type { Workbox } from 'workbox-window';
import { observable, type Readable } from './observable';

/*
 * Registers the service worker (production builds only: in `vite dev` it would cache modules the
 * dev server is about to change) and runs the "new version available" flow: a new worker waits
 * until the person chooses Reload, then takes over and the page reloads once.
 */

const updateWaitingValue = observable(false);
/** True when a new version is installed and waiting: show "New version available" with "Reload". */
export const updateWaiting: Readable<boolean> = updateWaitingValue;

let workbox: Workbox | undefined;
const UPDATE_CHECK_MS = 60 * 60_000;

/** Vite replaces import.meta.env.PROD at build time; other tools (tsc for the server) do not know it. */
function isProductionBuild(): boolean {
	return (import.meta as { env?: { PROD?: boolean } }).env?.PROD === true;
}

export async function registerServiceWorker(scriptUrl = '/service-worker.js'): Promise<Workbox | undefined> {
	if (workbox || !isProductionBuild() || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) {
		return workbox;
	}
	const { Workbox } = await import('workbox-window');
	// SvelteKit bundles the production worker into one file with no import statements, so it is
	// registered as a classic script (as SvelteKit's own registration does outside dev): browsers
	// without module service workers still get offline support.
	const wb = new Workbox(scriptUrl, { type: 'classic' });
	// `waiting` also fires for a worker already waiting when the page opened (isExternal or not).
	wb.addEventListener('waiting', () => updateWaitingValue.set(true));
	workbox = wb;
	await wb.register();
	// A tab left open for days still hears about new versions.
	setInterval(() => void wb.update(), UPDATE_CHECK_MS);
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') void wb.update();
	});
	return wb;
}

/** The person chose Reload: let the waiting worker take over, then reload once it controls the page. */
export function applyUpdate(): void {
	const wb = workbox;
	if (!wb) return;
	wb.addEventListener('controlling', () => window.location.reload());
	wb.messageSkipWaiting();
}

/** Ask Background Sync to send the outbox when the network returns, even with no page open. */
export async function requestBackgroundSync(): Promise<boolean> {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
	const registration = (await navigator.serviceWorker.getRegistration()) as
		(ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
	if (!registration?.sync) return false;
	try {
		await registration.sync.register('outbox');
		return true;
	} catch {
		return false;
	}
}

/**
 * Asks the browser not to evict the device's data (queued requests live there) under storage
 * pressure. Returns whether storage is persistent; browsers may decide without asking anyone.
 */
export async function requestPersistentStorage(): Promise<boolean> {
	const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
	if (!storage?.persist) return false;
	if (await storage.persisted?.()) return true;
	return storage.persist().catch(() => false);
}
