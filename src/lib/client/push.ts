import { decodeBase64Url } from '../shared/schemas-push';
import { callApi, type ApiOptions } from './api';
import { META, type BookAPrisonVisitDb } from './db';

/*
 * Web Push on this device: can it, is it on, turn it on or off.
 *
 * Where push works:
 * - Chrome, Edge, Firefox, Samsung Internet (Android and desktop): in the browser tab.
 * - Safari on macOS 13+: in the browser tab.
 * - iPhone and iPad (iOS/iPadOS 16.4+): ONLY in the app added to the Home Screen and opened from
 *   there. In a Safari tab (and in every other iOS browser, all WebKit) PushManager and
 *   Notification simply do not exist, so feature detection alone would say "unsupported" when
 *   the honest answer is "add it to your Home Screen". So on iOS we check the display mode
 *   first and answer 'needs-install' outside the standalone app.
 *
 * Permission is asked only from a person's tap on "Turn on notifications" (browsers, Safari
 * especially, refuse or penalise prompts nobody asked for), and it is the first thing that
 * happens in subscribeToPush(): an await before it can lose the tap's user activation in Safari.
 *
 * A subscription counts as "on" only once the server has it: the endpoint the server accepted is
 * kept in the meta table, so a subscription made while the registration call failed (no signal)
 * shows as off and the next "Turn on" finishes the job.
 */

export type PushState = 'unsupported' | 'needs-install' | 'denied' | 'off' | 'on';

export type PushFailureReason =
	| 'unsupported'
	| 'needs-install'
	| 'denied'
	/** The person closed the permission prompt without choosing. */
	| 'dismissed'
	/** Called without a tap; permission would have been asked out of the blue. */
	| 'needs-user-action'
	/** No service worker (e.g. `vite dev`), so nothing could receive a push. */
	| 'no-worker'
	/** The browser's own push service could not be reached (Chrome needs Google's servers). */
	| 'push-service'
	/** Our server could not be reached. */
	| 'offline'
	/** Our server answered with an error. */
	| 'refused';

export type PushResult = { ok: true } | { ok: false; reason: PushFailureReason; message?: string };

/** Whose subscription it is: a visitor's device (bearer), or signed-in staff opting in for a prison. */
export interface StaffPushScope {
	prisonId: string;
}

/** What the server accepted, so "on" means "the server will send here". */
export interface PushRegistration {
	endpoint: string;
	as: 'device' | 'staff';
	prisonId?: string;
}

/** Beside META's keys in the meta table, prefixed so it can never collide with one. */
export const PUSH_REGISTRATION_KEY = 'push:registration';

/** The parts of `window` this module reads: the real one in browsers, a stand-in in tests. */
export interface PushEnvironment {
	navigator?: {
		userAgent?: string;
		platform?: string;
		maxTouchPoints?: number;
		/** iOS Safari's own flag for a page opened from the Home Screen. */
		standalone?: boolean;
		userActivation?: { isActive: boolean };
		serviceWorker?: {
			getRegistration(): Promise<{ pushManager: PushManagerLike } | undefined>;
			ready: Promise<{ pushManager: PushManagerLike }>;
		};
	};
	PushManager?: unknown;
	Notification?: {
		permission: NotificationPermission;
		requestPermission(): Promise<NotificationPermission>;
	};
	matchMedia?: (query: string) => { matches: boolean };
}

export interface PushSubscriptionLike {
	endpoint: string;
	options: { applicationServerKey: ArrayBuffer | null };
	toJSON(): { endpoint?: string; keys?: Record<string, string> };
	unsubscribe(): Promise<boolean>;
}

export interface PushManagerLike {
	getSubscription(): Promise<PushSubscriptionLike | null>;
	subscribe(options: { userVisibleOnly: boolean; applicationServerKey: Uint8Array<ArrayBuffer> }): Promise<PushSubscriptionLike>;
}

export interface PushOptions {
	env?: PushEnvironment;
	/** fetch and baseUrl for the API (tests); the page's own by default. */
	transport?: Pick<ApiOptions, 'fetch' | 'baseUrl'>;
}

const WORKER_WAIT_MS = 10_000;

function browserEnvironment(): PushEnvironment {
	// The global scope is a Window here; typed loosely because the module also runs in a worker and in Node.
	return globalThis as unknown as PushEnvironment;
}

/** iPhone, iPod, and iPad (which reports itself as a Mac, but one with a touch screen). */
export function isIos(env: PushEnvironment = browserEnvironment()): boolean {
	const nav = env.navigator;
	if (!nav) return false;
	if (/iPad|iPhone|iPod/.test(nav.userAgent ?? '')) return true;
	return nav.platform === 'MacIntel' && (nav.maxTouchPoints ?? 0) > 1;
}

/** Opened as an installed app (from the Home Screen), not in a browser tab. */
export function isStandalone(env: PushEnvironment = browserEnvironment()): boolean {
	if (env.navigator?.standalone === true) return true;
	return env.matchMedia?.('(display-mode: standalone)').matches === true;
}

/** Whether this browser, as it is running now, can receive push at all. */
export function pushSupport(env: PushEnvironment = browserEnvironment()): 'supported' | 'needs-install' | 'unsupported' {
	if (isIos(env) && !isStandalone(env)) return 'needs-install';
	const supported = Boolean(env.navigator?.serviceWorker) && env.PushManager !== undefined && env.Notification !== undefined;
	return supported ? 'supported' : 'unsupported';
}

async function readRegistration(db: BookAPrisonVisitDb): Promise<PushRegistration | undefined> {
	return (await db.meta.get(PUSH_REGISTRATION_KEY))?.value as PushRegistration | undefined;
}

async function writeRegistration(db: BookAPrisonVisitDb, registration: PushRegistration): Promise<void> {
	await db.meta.put({ key: PUSH_REGISTRATION_KEY, value: registration });
}

function belongsTo(registration: PushRegistration, staff: StaffPushScope | undefined): boolean {
	return staff ? registration.as === 'staff' && registration.prisonId === staff.prisonId : registration.as === 'device';
}

/** The current subscription, without waiting for a worker that may never come (no worker in `vite dev`). */
async function currentSubscription(env: PushEnvironment): Promise<PushSubscriptionLike | null> {
	const registration = await env.navigator?.serviceWorker?.getRegistration();
	return (await registration?.pushManager.getSubscription()) ?? null;
}

/**
 * Where this device stands, for the visitor (no argument) or for staff at one prison.
 * Never asks for anything: safe on page load.
 */
export async function pushState(db: BookAPrisonVisitDb, options: PushOptions & { staff?: StaffPushScope } = {}): Promise<PushState> {
	const env = options.env ?? browserEnvironment();
	const support = pushSupport(env);
	if (support !== 'supported') return support;
	const permission = env.Notification?.permission;
	if (permission === 'denied') return 'denied';
	if (permission !== 'granted') return 'off';
	const [subscription, registered] = await Promise.all([currentSubscription(env), readRegistration(db)]);
	if (!subscription || !registered || registered.endpoint !== subscription.endpoint) return 'off';
	return belongsTo(registered, options.staff) ? 'on' : 'off';
}

async function askPermission(env: PushEnvironment): Promise<NotificationPermission | 'needs-user-action'> {
	const notification = env.Notification!;
	if (notification.permission !== 'default') return notification.permission;
	// Browsers with the User Activation API say whether a tap is behind this call; without it,
	// the browser itself refuses (or quietly blocks) a prompt that no tap asked for.
	if (env.navigator?.userActivation && !env.navigator.userActivation.isActive) return 'needs-user-action';
	return notification.requestPermission();
}

function sameKey(a: ArrayBuffer | null, b: Uint8Array): boolean {
	if (!a || a.byteLength !== b.length) return false;
	const bytes = new Uint8Array(a);
	return bytes.every((byte, i) => byte === b[i]);
}

async function serverPublicKey(
	transport: PushOptions['transport']
): Promise<{ ok: true; key: Uint8Array<ArrayBuffer> } | { ok: false; result: PushResult }> {
	const answer = await callApi((api) => api.push['public-key'].$get(), { ...transport, cache: 'no-store' });
	if (!answer.ok) {
		return { ok: false, result: { ok: false, reason: answer.status === 0 ? 'offline' : 'refused', message: answer.message } };
	}
	const decoded = typeof answer.data.publicKey === 'string' ? decodeBase64Url(answer.data.publicKey) : null;
	if (!decoded) return { ok: false, result: { ok: false, reason: 'refused' } };
	// A fresh Uint8Array over its own ArrayBuffer: what applicationServerKey takes (BufferSource).
	return { ok: true, key: new Uint8Array(decoded) };
}

/**
 * Tells the server where to send (POST /api/push/subscriptions) and remembers that it knows.
 * Used by subscribeToPush and by the service worker when the push service replaces a subscription.
 */
export async function registerSubscription(
	db: BookAPrisonVisitDb,
	subscription: PushSubscriptionLike,
	owner: { staff?: StaffPushScope },
	transport: PushOptions['transport'] = {}
): Promise<PushResult> {
	const { keys } = subscription.toJSON();
	// A subscription without its keys cannot be sent to: the server says so (400), as for any bad body.
	const json = {
		endpoint: subscription.endpoint,
		keys: { p256dh: keys?.p256dh ?? '', auth: keys?.auth ?? '' },
		...(owner.staff ? { prisonId: owner.staff.prisonId } : {})
	};
	const answer = await callApi((api) => api.push.subscriptions.$post({ json }), {
		...transport,
		auth: owner.staff ? 'staff' : 'device',
		db
	});
	if (!answer.ok) return { ok: false, reason: answer.status === 0 ? 'offline' : 'refused', message: answer.message };
	await writeRegistration(db, {
		endpoint: subscription.endpoint,
		as: owner.staff ? 'staff' : 'device',
		...(owner.staff ? { prisonId: owner.staff.prisonId } : {})
	});
	return { ok: true };
}

/**
 * Turns notifications on: asks permission (call it straight from a click handler), subscribes
 * with the server's VAPID key, and registers the subscription with the visitor's device secret or,
 * for staff, the session cookie and the prison they want new-request alerts for.
 */
export async function subscribeToPush(db: BookAPrisonVisitDb, options: PushOptions & { staff?: StaffPushScope } = {}): Promise<PushResult> {
	const env = options.env ?? browserEnvironment();
	const support = pushSupport(env);
	if (support !== 'supported') return { ok: false, reason: support };

	// First, before any other await: Safari only prompts while the tap's activation lasts.
	const permission = await askPermission(env);
	if (permission === 'needs-user-action') return { ok: false, reason: 'needs-user-action' };
	if (permission === 'denied') return { ok: false, reason: 'denied' };
	if (permission !== 'granted') return { ok: false, reason: 'dismissed' };

	const worker = env.navigator!.serviceWorker!;
	const registration = (await worker.getRegistration()) ?? (await withTimeout(worker.ready, WORKER_WAIT_MS));
	if (!registration) return { ok: false, reason: 'no-worker' };

	const key = await serverPublicKey(options.transport);
	if (!key.ok) return key.result;

	let subscription = await registration.pushManager.getSubscription();
	if (subscription && !sameKey(subscription.options.applicationServerKey, key.key)) {
		// Made with other keys (a server whose keys were replaced): the push service would refuse
		// our messages to it, so start again.
		await subscription.unsubscribe().catch(() => false);
		subscription = null;
	}
	if (!subscription) {
		try {
			subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key.key });
		} catch (error) {
			return { ok: false, reason: 'push-service', message: error instanceof Error ? error.message : String(error) };
		}
	}
	return registerSubscription(db, subscription, { ...(options.staff ? { staff: options.staff } : {}) }, options.transport);
}

/**
 * Turns notifications off: tells the server to stop (when it can be reached) and ends the
 * browser's subscription either way; a push service asked to deliver to an ended subscription
 * answers 410 and the server then forgets it by itself.
 */
export async function unsubscribeFromPush(db: BookAPrisonVisitDb, options: PushOptions = {}): Promise<PushResult> {
	const env = options.env ?? browserEnvironment();
	const [subscription, registered] = await Promise.all([currentSubscription(env), readRegistration(db)]);
	if (subscription) {
		// Whatever the server answers (404: it had already dropped it; 0: no signal), the browser's
		// subscription ends below, and that alone stops every push to it.
		await callApi((api) => api.push.subscriptions.$delete({ json: { endpoint: subscription.endpoint } }), {
			...options.transport,
			auth: registered?.as === 'staff' ? 'staff' : 'device',
			db
		});
		await subscription.unsubscribe().catch(() => false);
	}
	await db.meta.delete(PUSH_REGISTRATION_KEY);
	return { ok: true };
}

/**
 * Staff signing out: a shared tablet should not go on announcing new requests to whoever holds it
 * next. Call it before the session ends (the DELETE needs the staff cookie); a visitor's
 * notifications on the same browser are left alone.
 */
export async function endStaffAlerts(db: BookAPrisonVisitDb, options: PushOptions = {}): Promise<void> {
	if ((await readRegistration(db))?.as !== 'staff') return;
	await unsubscribeFromPush(db, options);
}

/**
 * The push service replaced or ended the subscription (service worker's pushsubscriptionchange):
 * subscribe again when needed, register the new one as whoever registered the old one, and
 * remove the old one from the server. Does nothing when notifications were never turned on
 * here, or when they were staff's and staff have since signed out.
 */
export async function renewSubscription(
	db: BookAPrisonVisitDb,
	pushManager: PushManagerLike,
	change: { oldSubscription: PushSubscriptionLike | null; newSubscription: PushSubscriptionLike | null },
	transport: PushOptions['transport'] = {}
): Promise<PushResult | null> {
	const registered = await readRegistration(db);
	if (!registered) return null;
	const staffMode = (await db.meta.get(META.staffMode))?.value === true;
	if (registered.as === 'staff' && !staffMode) return null;
	const owner = registered.as === 'staff' && registered.prisonId ? { staff: { prisonId: registered.prisonId } } : {};

	let fresh = change.newSubscription;
	if (!fresh) {
		const oldKey = change.oldSubscription?.options.applicationServerKey;
		let key: Uint8Array<ArrayBuffer>;
		if (oldKey) key = new Uint8Array(oldKey);
		else {
			const fetched = await serverPublicKey(transport);
			if (!fetched.ok) return fetched.result;
			key = fetched.key;
		}
		try {
			fresh = await pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
		} catch (error) {
			return { ok: false, reason: 'push-service', message: error instanceof Error ? error.message : String(error) };
		}
	}
	const result = await registerSubscription(db, fresh, owner, transport);
	const oldEndpoint = change.oldSubscription?.endpoint ?? registered.endpoint;
	if (result.ok && oldEndpoint !== fresh.endpoint) {
		await callApi((api) => api.push.subscriptions.$delete({ json: { endpoint: oldEndpoint } }), {
			...transport,
			auth: owner.staff ? 'staff' : 'device',
			db
		});
	}
	return result;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(undefined), ms);
		promise.then(
			(value) => (clearTimeout(timer), resolve(value)),
			() => (clearTimeout(timer), resolve(undefined))
		);
	});
}
