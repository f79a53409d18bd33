/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { base, build, files, version } from '$service-worker';
import { REQUEST_STATUSES, type RequestStatus } from './lib/shared/domain';
import { t } from './lib/shared/i18n';
import { SERVED_FROM_CACHE_HEADER, apiGet, apiSend } from './lib/client/api';
import { META, deviceDb, getMeta } from './lib/client/db';
import { applyServerStatus } from './lib/client/requests';
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
const SHELL_PAGE = `${base}/index.html`;
const SHELL = [...build, ...files];
const SHELL_SET = new Set(SHELL);

const CACHEABLE_API = [/^\/api\/prisons$/, /^\/api\/prisons\/[^/]+\/slots$/];

let engine: SyncEngine | undefined;
const syncEngine = () => (engine ??= createSyncEngine({ db: deviceDb() }));

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(SHELL_CACHE);
			await cache.addAll(SHELL);
			// The SPA's fallback page is what every route opens offline; '/' is the same document.
			await cache.addAll([SHELL_PAGE, `${base}/`]);
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
	if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;

	if (url.pathname.startsWith('/api/')) {
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

async function shellPage(request: Request): Promise<Response> {
	const cache = await caches.open(SHELL_CACHE);
	// The cached shell matches the cached scripts of this version; the network is only a fallback
	// for a worker whose install was interrupted.
	return (await cache.match(SHELL_PAGE)) ?? fetch(request);
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
		syncEngine()
			.syncNow()
			.then((summary) => {
				// Rejecting asks the browser to fire this sync again later, with its own backoff.
				if (summary.retrying > 0) throw new Error('Outbox items are still waiting for the network');
			})
	);
});

// ── Push: show the decision and record it on the device ────────────────────────

interface IncomingPush {
	requestId?: string;
	status?: string;
	title?: string;
	body?: string;
	url?: string;
}

function readPush(event: PushEvent): IncomingPush {
	try {
		const data: unknown = event.data?.json();
		return typeof data === 'object' && data !== null ? (data as IncomingPush) : {};
	} catch {
		return {};
	}
}

const isRequestStatus = (value: unknown): value is RequestStatus =>
	typeof value === 'string' && (REQUEST_STATUSES as readonly string[]).includes(value);

sw.addEventListener('push', (event) => {
	const payload = readPush(event);
	event.waitUntil(
		(async () => {
			const db = deviceDb();
			const work: Promise<unknown>[] = [
				sw.registration.showNotification(payload.title ?? t('service.name'), {
					body: payload.body ?? '',
					icon: `${base}/icons/icon-192.png`,
					badge: `${base}/icons/icon-192.png`,
					tag: payload.requestId,
					data: { url: payload.url ?? `${base}/` }
				})
			];
			if (payload.requestId && isRequestStatus(payload.status)) {
				const requestId = payload.requestId;
				const status = payload.status;
				work.push(
					applyServerStatus(db, requestId, status).then(async () => {
						for (const client of await sw.clients.matchAll({ type: 'window' })) {
							client.postMessage({ type: 'REQUEST_UPDATED', requestId, status });
						}
					}),
					// Bring the full decision (slot, message) onto the device while the signal lasts.
					syncEngine()
						.refreshRequests()
						.catch(() => undefined)
				);
			}
			await Promise.allSettled(work);
		})()
	);
});

sw.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const target = sameOriginUrl((event.notification.data as { url?: unknown } | null)?.url);
	event.waitUntil(
		(async () => {
			const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
			const exact = windows.find((client) => client.url === target);
			if (exact) return void (await exact.focus());
			const any = windows[0];
			if (any) {
				const navigated = await any.navigate(target).catch(() => null);
				return void (await (navigated ?? any).focus());
			}
			await sw.clients.openWindow(target);
		})()
	);
});

/** Only this app's own pages may be opened from a notification. */
function sameOriginUrl(value: unknown): string {
	const fallback = new URL(`${base}/`, sw.location.origin).href;
	if (typeof value !== 'string') return fallback;
	try {
		const url = new URL(value, sw.location.origin);
		return url.origin === sw.location.origin ? url.href : fallback;
	} catch {
		return fallback;
	}
}

// ── The push service replaced the subscription: register the new one ──────────

sw.addEventListener('pushsubscriptionchange', (event) => {
	const change = event as PushSubscriptionChangeEvent;
	change.waitUntil(resubscribe(change.oldSubscription, change.newSubscription));
});

async function resubscribe(old: PushSubscription | null, fresh: PushSubscription | null): Promise<void> {
	const db = deviceDb();
	const auth = (await getMeta<boolean>(db, META.staffMode)) ? 'staff' : 'device';
	let subscription = fresh;
	if (!subscription) {
		const applicationServerKey = old?.options.applicationServerKey ?? (await fetchPublicKey(db));
		if (!applicationServerKey) return;
		subscription = await sw.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
	}
	await apiSend('POST', '/api/push/subscriptions', subscription.toJSON(), { auth, db });
	if (old && old.endpoint !== subscription.endpoint) {
		await apiSend('DELETE', '/api/push/subscriptions', { endpoint: old.endpoint }, { auth, db });
	}
}

async function fetchPublicKey(db: ReturnType<typeof deviceDb>): Promise<string | undefined> {
	const result = await apiGet<{ publicKey?: string; key?: string }>('/api/push/public-key', { db });
	return result.ok ? (result.data?.publicKey ?? result.data?.key) : undefined;
}
