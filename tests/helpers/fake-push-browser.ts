import { randomBytes } from 'node:crypto';
import type { FetchLike } from '../../src/lib/client/api';
import type { PushEnvironment, PushManagerLike, PushSubscriptionLike } from '../../src/lib/client/push';

/*
 * A browser as src/lib/client/push.ts sees it (navigator, Notification, PushManager, a service
 * worker registration) and the app's push API, both in memory, recording what was asked of them
 * and in which order, so tests can say "never prompted" and "prompted before anything else".
 */

export const ANDROID_CHROME =
	'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';
export const IPHONE_SAFARI =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
/** iPadOS 13+ Safari asks for desktop sites and says it is a Mac. */
export const IPAD_AS_MAC =
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

export const APP_ORIGIN = 'https://visits.example';

export function serverKey(): string {
	const point = randomBytes(65);
	point[0] = 0x04;
	return point.toString('base64url');
}

export class FakeSubscription implements PushSubscriptionLike {
	ended = false;
	constructor(
		readonly endpoint: string,
		readonly options: { applicationServerKey: ArrayBuffer | null }
	) {}
	toJSON() {
		return { endpoint: this.endpoint, keys: { p256dh: serverKey(), auth: randomBytes(16).toString('base64url') } };
	}
	async unsubscribe() {
		this.ended = true;
		return true;
	}
}

export interface BrowserOptions {
	userAgent?: string;
	platform?: string;
	maxTouchPoints?: number;
	/** The app opened from the Home Screen. */
	standalone?: boolean;
	permission?: NotificationPermission;
	/** What the prompt ends with when it is shown. */
	answer?: NotificationPermission;
	/** Whether a tap is behind the current call (User Activation API). */
	tapped?: boolean;
	/** No PushManager / Notification (an iPhone's Safari tab, an old browser). */
	noPush?: boolean;
	noServiceWorker?: boolean;
}

export function fakeBrowser(options: BrowserOptions = {}) {
	const calls: string[] = [];
	let permission: NotificationPermission = options.permission ?? 'default';
	let current: FakeSubscription | null = null;
	let made = 0;
	const activation = { isActive: options.tapped ?? true };

	const pushManager: PushManagerLike = {
		async getSubscription() {
			calls.push('getSubscription');
			return current && !current.ended ? current : null;
		},
		async subscribe({ applicationServerKey }) {
			calls.push('subscribe');
			made += 1;
			// A copy, as a browser keeps its own.
			current = new FakeSubscription(`https://push.example/send/${made}`, { applicationServerKey: applicationServerKey.slice().buffer });
			return current;
		}
	};
	const registration = { pushManager };

	const env: PushEnvironment = {
		navigator: {
			userAgent: options.userAgent ?? ANDROID_CHROME,
			platform: options.platform ?? 'Linux armv81',
			maxTouchPoints: options.maxTouchPoints ?? 5,
			...(options.standalone !== undefined ? { standalone: options.standalone } : {}),
			userActivation: activation,
			...(options.noServiceWorker
				? {}
				: {
						serviceWorker: {
							async getRegistration() {
								calls.push('getRegistration');
								return registration;
							},
							ready: Promise.resolve(registration)
						}
					})
		},
		...(options.noPush
			? {}
			: {
					PushManager: function PushManager() {},
					Notification: {
						get permission() {
							return permission;
						},
						async requestPermission() {
							calls.push('requestPermission');
							permission = options.answer ?? 'granted';
							return permission;
						}
					}
				}),
		matchMedia: (query: string) => ({ matches: query === '(display-mode: standalone)' && options.standalone === true })
	};

	return {
		env,
		calls,
		pushManager,
		activation,
		get subscription() {
			return current;
		},
		/** As if the person changed the site's setting in the browser. */
		setPermission(value: NotificationPermission) {
			permission = value;
		},
		/** A subscription left over from a server with other VAPID keys. */
		preSubscribe(key: Uint8Array) {
			made += 1;
			current = new FakeSubscription(`https://push.example/send/${made}`, { applicationServerKey: key.slice().buffer });
			return current;
		}
	};
}

export interface ApiCall {
	method: string;
	path: string;
	body: unknown;
	authorization: string | null;
	credentials: RequestCredentials | undefined;
}

/** The app's push API: a public key and a subscriptions list, with failures on demand. */
export function fakePushApi(publicKey = serverKey()) {
	const calls: ApiCall[] = [];
	const state = { offline: false, refuse: false, publicKey, calls };
	const fetch: FetchLike = async (input, init) => {
		const url = new URL(input);
		const method = init?.method ?? 'GET';
		const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
		if (state.offline) throw new TypeError('Failed to fetch');
		state.calls.push({
			method,
			path: url.pathname,
			body,
			authorization: new Headers(init?.headers).get('authorization'),
			credentials: init?.credentials
		});
		if (method === 'GET' && url.pathname === '/api/push/public-key') return json(200, { publicKey: state.publicKey });
		if (url.pathname !== '/api/push/subscriptions') return json(404, { error: { code: 'not_found', message: 'Not found' } });
		if (state.refuse) return json(500, { error: { code: 'internal', message: 'Something went wrong' } });
		return method === 'POST' ? json(201, { ok: true }) : new Response(null, { status: 204 });
	};
	return {
		state,
		transport: { fetch, baseUrl: APP_ORIGIN },
		calls,
		sent: (method: string) => calls.filter((call) => call.method === method && call.path === '/api/push/subscriptions')
	};
}

function json(status: number, body: unknown): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
