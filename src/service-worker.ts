/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { base, build, files, version } from '$service-worker';
import { isLocale, registerMessages, setLocale, t, type Locale } from './lib/shared/i18n';
import { commonCy } from './lib/shared/i18n/cy/common';
import { commonEn } from './lib/shared/i18n/en/common';
import type { PushPayload } from './lib/shared/schemas-push';
import { apiPaths, isApiPath, pathPattern } from './lib/client/api';
import { SERVED_FROM_CACHE_HEADER } from './lib/client/cached-reads';
import { deviceDb } from './lib/client/db';
import { renewSubscription } from './lib/client/push';
import { isSamePage, notificationTarget, readPushPayload, recordPushedStatus } from './lib/client/push-message';
import { createSyncEngine, type SyncEngine } from './lib/client/sync';

/*
 * The app's service worker: the app shell offline, Background Sync for the outbox, and push.
 * Caching is deliberately small: the app reads its data from IndexedDB (Dexie), so the only API
 * answers cached here are the public prison list and calendars, as a fallback.
 * A new version waits until the page asks it to take over ({type: 'SKIP_WAITING'}), so a visitor
 * half-way through a form is never switched to new code under their feet.
 */

const sw = globalThis.self as unknown as ServiceWorkerGlobalScope;

const SHELL_CACHE = `shell-${version}`;
/** Not versioned: cached calendars stay useful across app updates. */
const API_CACHE = 'api-fallback';
const SHELL_PAGE = `${base}/app-shell.html`;
const SHELL = [...build, ...files];
const SHELL_SET = new Set(SHELL);

const ICON = `${base}/icons/icon-192.png`;

const CACHEABLE_API = [apiPaths.prisons.$path(), apiPaths.prisons[':prisonId'].slots.$path()].map(pathPattern);

let engine: SyncEngine | undefined;
// ── Language: the worker says the few things it says itself (sync errors, a fallback notification)
// in the device's language, which each page tells it; kept in the cache so it survives a restart.
registerMessages('en', { commonEn });
registerMessages('cy', { commonCy });
const LANGUAGE_KEY = `${base}/__device-language`;
/** The device's language once a page has said it (null before: the shell then leaves it to the page). */
let deviceLanguage: Locale | null = null;
const languageReady = caches
	.open(API_CACHE)
	.then((cache) => cache.match(LANGUAGE_KEY))
	.then(async (stored) => {
		const locale = stored ? await stored.text() : null;
		if (isLocale(locale)) {
			setLocale(locale);
			deviceLanguage ??= locale;
		}
	})
	.catch(() => {});

async function rememberLanguage(locale: Locale): Promise<void> {
	setLocale(locale);
	deviceLanguage = locale;
	const cache = await caches.open(API_CACHE);
	await cache.put(LANGUAGE_KEY, new Response(locale));
}

const syncEngine = () => (engine ??= createSyncEngine({ db: deviceDb() }));

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(SHELL_CACHE);
			await cache.addAll(SHELL);
			// The app shell is what every page opens from once this worker is installed, offline or not.
			await cache.add(SHELL_PAGE);
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key !== SHELL_CACHE && key !== API_CACHE) await caches.delete(key);
			}
			// Only matters on first install (updates wait for SKIP_WAITING): control the page that
			// installed us, so it works offline without a reload.
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	const data = event.data as { type?: unknown; locale?: unknown } | null;
	if (data?.type === 'SKIP_WAITING') void sw.skipWaiting();
	if (data?.type === 'LANGUAGE' && isLocale(data.locale)) event.waitUntil(rememberLanguage(data.locale));
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;

	if (isApiPath(url.pathname)) {
		if (CACHEABLE_API.some((pattern) => pattern.test(url.pathname))) event.respondWith(networkFirst(request));
		// Every other API call goes straight to the network: personal data is never cached here.
		return;
	}
	if (request.mode === 'navigate') {
		event.respondWith(shellPage(request));
		return;
	}
	if (SHELL_SET.has(url.pathname)) event.respondWith(cacheFirst(request));
});

/**
 * A navigation: the app shell of this version (it matches the cached scripts), written in the
 * reader's language, the one the link asks for or the device's, so the app draws the page in it
 * with no change of language on the way. The network is only a fallback for a worker whose install
 * was interrupted.
 */
async function shellPage(request: Request): Promise<Response> {
	const cache = await caches.open(SHELL_CACHE);
	const shell = await cache.match(SHELL_PAGE);
	if (!shell) return fetch(request);
	await languageReady;
	const asked = new URL(request.url).searchParams.get('lang');
	const lang = isLocale(asked) ? asked : (deviceLanguage ?? '');
	const html = (await shell.text()).replace('<html lang=""', `<html lang="${lang}"`);
	const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8' });
	const policy = shell.headers.get('Content-Security-Policy');
	if (policy) headers.set('Content-Security-Policy', policy);
	return new Response(html, { headers });
}

async function cacheFirst(request: Request): Promise<Response> {
	const cache = await caches.open(SHELL_CACHE);
	return (await cache.match(request)) ?? fetch(request);
}

async function networkFirst(request: Request): Promise<Response> {
	const cache = await caches.open(API_CACHE);
	try {
		const response = await fetch(request);
		if (response.status === 200) await cache.put(request, response.clone());
		return response;
	} catch (error) {
		const cached = await cache.match(request, { ignoreVary: true });
		if (!cached) throw error;
		const headers = new Headers(cached.headers);
		headers.set(SERVED_FROM_CACHE_HEADER, '1');
		return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
	}
}

// ── Background Sync: send the outbox even when no page is open ─────────────────

interface SyncEvent extends ExtendableEvent {
	readonly tag: string;
}

sw.addEventListener('sync', (event: Event) => {
	const syncEvent = event as SyncEvent;
	if (syncEvent.tag !== 'outbox') return;
	syncEvent.waitUntil(
		languageReady
			.then(() => syncEngine().syncNow())
			.then((summary) => {
				// Rejecting asks the browser to fire this sync again later, with its own backoff.
				if (summary.retrying > 0) throw new Error('Outbox items are still waiting for the network');
			})
	);
});

// ── Push: record the decision on the device, then show it ─────────────────────

interface NotificationData {
	url: string;
	requestId: string;
	status: string;
}

sw.addEventListener('push', (event) => {
	event.waitUntil(handlePush(readPushPayload(event.data)));
});

async function handlePush(payload: PushPayload | null): Promise<void> {
	await languageReady;
	if (!payload) {
		// Chrome shows its own "site updated in the background" line when a push shows nothing, and
		// may revoke push for sites that do that often: say something rather than nothing.
		await sw.registration.showNotification(t('service.name'), { icon: ICON, badge: ICON });
		return;
	}
	const db = deviceDb();
	// Dexie first: the page's list (and the next app start with no signal) shows the new status
	// even if the notification is swiped away unread.
	const changed = await recordPushedStatus(db, payload).catch(() => false);
	if (changed) {
		for (const client of await sw.clients.matchAll({ type: 'window' })) {
			client.postMessage({ type: 'REQUEST_UPDATED', requestId: payload.requestId, status: payload.status });
		}
	}

	// One notification per request: a duplicate delivery (at-least-once) replaces it silently;
	// a new status for the same request replaces it and alerts again.
	const shown = await sw.registration.getNotifications({ tag: payload.requestId }).catch(() => []);
	const alreadySaid = shown.some((n) => (n.data as Partial<NotificationData> | null)?.status === payload.status);
	const data: NotificationData = { url: payload.url, requestId: payload.requestId, status: payload.status };
	const options: NotificationOptions & { renotify?: boolean } = {
		body: payload.body,
		icon: ICON,
		badge: ICON,
		tag: payload.requestId,
		// renotify is not in TypeScript's NotificationOptions yet; browsers without it ignore it.
		renotify: shown.length > 0 && !alreadySaid,
		data
	};
	await sw.registration.showNotification(payload.title, options);

	// Bring the full decision (slot, message) onto the device while the signal lasts; a visitor's
	// request only (a staff tablet's new-request alerts name requests it does not hold).
	// A change's outcome brings no new status, but a new time: fetch it too.
	if (changed || payload.status.startsWith('change_'))
		await syncEngine()
			.refreshRequests()
			.catch(() => undefined);
}

sw.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const target = notificationTarget((event.notification.data as Partial<NotificationData> | null)?.url, sw.location.origin, base);
	event.waitUntil(openPage(target));
});

/** Focus a window already on that page; else take one of ours there; else open a new one. */
async function openPage(target: string): Promise<void> {
	const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
	const onPage = windows.find((client) => isSamePage(client.url, target));
	if (onPage) {
		await onPage.focus();
		return;
	}
	// navigate() works only on windows this worker controls.
	const ours = windows.find((client) => client.url.startsWith(sw.location.origin));
	if (ours) {
		const navigated = await ours.navigate(target).catch(() => null);
		if (navigated) {
			await navigated.focus();
			return;
		}
	}
	await sw.clients.openWindow(target);
}

// ── The push service replaced the subscription: register the new one ──────────

sw.addEventListener('pushsubscriptionchange', (event) => {
	const change = event as PushSubscriptionChangeEvent;
	change.waitUntil(
		renewSubscription(deviceDb(), sw.registration.pushManager, {
			oldSubscription: change.oldSubscription,
			newSubscription: change.newSubscription
		}).then(() => undefined)
	);
});
