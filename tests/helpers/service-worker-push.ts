// The app's service worker as a push service and a notification tray would meet it, for browser
// tests (push-message, waitlist). Headless Chromium has no reachable push service and no tray: a
// push message goes in through the DevTools Protocol (ServiceWorker.deliverPushMessage), as a push
// service hands one to the browser, and a tap is the 'notificationclick' event the browser would
// fire, dispatched inside the worker.
import type { BrowserContext, Page, Worker } from 'playwright-core';

export interface ShownNotification {
	title: string;
	body: string;
	data: unknown;
}

/** The app's service worker registration, as DevTools knows it (the id deliverPushMessage takes). */
export async function appServiceWorker(
	context: BrowserContext,
	page: Page,
	origin: string
): Promise<{ id: string; push: (data: string) => Promise<void> }> {
	const cdp = await context.newCDPSession(page);
	const scope = `${origin}/`;
	const found = new Promise<string>((resolve) => {
		cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
			const ours = registrations.find((r) => r.scopeURL === scope && !r.isDeleted);
			if (ours) resolve(ours.registrationId);
		});
	});
	// Enabling reports the registrations that already exist.
	await cdp.send('ServiceWorker.enable');
	const id = await found;
	return {
		id,
		push: async (data) => {
			await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: id, data });
		}
	};
}

/** The app's running service worker as Playwright sees it (waiting for it if it is starting). */
export async function appWorker(context: BrowserContext, origin: string): Promise<Worker> {
	const url = `${origin}/service-worker.js`;
	const running = context.serviceWorkers().find((w) => w.url() === url);
	if (running) return running;
	return context.waitForEvent('serviceworker', { predicate: (w) => w.url() === url, timeout: 15_000 });
}

/** The parts of the service worker's global scope the notification check uses. */
interface WorkerScope {
	registration: {
		getNotifications(filter: { tag: string }): Promise<ShownNotification[]>;
		showNotification(title: string, options?: { tag?: string }): Promise<void>;
	};
	dispatchEvent(event: Event): boolean;
	/** What the app showed, by tag, looked up the moment it was shown (see watchNotifications). */
	shownByTag?: Record<string, ShownNotification[]>;
}
declare const NotificationEvent: new (type: string, init: { notification: unknown }) => Event;

/**
 * Notes in the worker each notification the app shows, the moment it is shown: headless Chromium
 * may take a shown notification away again, and a later look would find nothing. Call it before
 * the push.
 */
export async function watchNotifications(worker: Worker): Promise<void> {
	await worker.evaluate(() => {
		const scope = self as unknown as WorkerScope;
		if (scope.shownByTag) return;
		const shownByTag: Record<string, ShownNotification[]> = {};
		scope.shownByTag = shownByTag;
		const registration = scope.registration;
		const show = registration.showNotification.bind(registration);
		registration.showNotification = async (title, options) => {
			await show(title, options);
			const tag = options?.tag ?? '';
			const shown = await registration.getNotifications({ tag });
			if (shown.length > 0) shownByTag[tag] = shown;
		};
	});
}

/**
 * Waits in the service worker for the notification tagged `tag`, reads it and taps it (the app's
 * own click handler then opens its page). Read and tapped in one look, inside the worker, polling
 * there; a notification noted by watchNotifications counts even if it has gone from the tray.
 */
export async function tapNotification(worker: Worker, tag: string, timeoutMs = 60_000): Promise<ShownNotification[]> {
	return worker.evaluate(
		async ({ tag, timeoutMs }) => {
			const scope = self as unknown as WorkerScope;
			const until = Date.now() + timeoutMs;
			while (Date.now() < until) {
				const shown = scope.shownByTag?.[tag] ?? (await scope.registration.getNotifications({ tag }));
				const [first] = shown;
				if (first) {
					scope.dispatchEvent(new NotificationEvent('notificationclick', { notification: first }));
					return shown.map((n) => ({ title: n.title, body: n.body, data: n.data }));
				}
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			return [];
		},
		{ tag, timeoutMs }
	);
}
