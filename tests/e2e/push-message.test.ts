// A staff decision reaches the visitor's phone by Web Push, end to end: the real server's push
// worker encrypts and sends it to a push service stand-in (tests/helpers/push-endpoint.ts, on
// https://127.0.0.1), which decrypts it as the browser would and hands the plaintext to the app's
// service worker through the DevTools Protocol (ServiceWorker.deliverPushMessage), as a push
// service hands a message to the browser. The worker records the new status in the device's
// store and shows a notification; a click on it opens that request's page, all with no signal.
// Also: where the app offers notifications (after a request, on "Your visits", on the staff queue)
// and what it says where Web Push cannot work.
//
// The subscription: headless Chromium's pushManager.subscribe() never answers here (it needs
// Google's push service, which a test machine cannot reach), so the page's PushManager is replaced
// by one that answers with the stand-in's endpoint and a key pair the test holds. Everything else
// is the app's own: the "Turn on notifications" button asks permission, fetches the server's VAPID
// key, subscribes with it, and registers the subscription with the server through the API.
import { randomUUID } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { decisionPayload } from '../../server/push/messages';
import { t } from '../../src/lib/shared/i18n';
import { bookableDate, call, createPrison, createStaff, signIn } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { IPHONE_SAFARI } from '../helpers/fake-push-browser';
import { appServiceWorker, appWorker, tapNotification, watchNotifications } from '../helpers/service-worker-push';
import { createBrowserLikeSubscription, startPushEndpoint, verifyVapidAuthorization, type PushEndpoint } from '../helpers/push-endpoint';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import {
	chooseSlot,
	choosePrison,
	continueToCheck,
	fillLeadVisitor,
	fillPrisoner,
	heading,
	onPage,
	sendRequest
} from '../helpers/visitor-pages';

let app: VisitorApp;
let pushService: PushEndpoint;
let prisonId: string;
const prisonName = 'HMP Push Test';

beforeAll(async () => {
	pushService = await startPushEndpoint();
	// The server may send to the stand-in (https://127.0.0.1 only) and trusts its certificate.
	app = await startVisitorApp({ env: { PUSH_ALLOW_INSECURE: '1' }, pushAgent: pushService.agent });
	prisonId = await createPrison(app.api.db, { name: prisonName });
});

afterAll(async () => {
	await app?.close();
	await pushService?.close();
});

beforeEach(() => app.screenshotOnFailure());

/** What the page heard from the service worker, collected from before the push arrives. */
interface PushWindow {
	fromWorker: unknown[];
	/** The applicationServerKey the app subscribed with, base64url. */
	subscribedWith?: string;
}

/**
 * Stands in for the browser's PushManager in every page of the context (not in the worker): it
 * answers subscribe() with `subscription` and remembers the key the app passed.
 */
async function pushManagerAnswering(
	context: BrowserContext,
	subscription: { endpoint: string; keys: { p256dh: string; auth: string } }
): Promise<void> {
	await context.addInitScript((sub) => {
		const toBase64Url = (bytes: Uint8Array) =>
			btoa(String.fromCharCode(...bytes))
				.replace(/\+/g, '-')
				.replace(/\//g, '_')
				.replace(/=+$/, '');
		let current: object | null = null;
		const make = (key: ArrayBuffer) => ({
			endpoint: sub.endpoint,
			expirationTime: null,
			options: { userVisibleOnly: true, applicationServerKey: key },
			toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
			unsubscribe: async () => ((current = null), true)
		});
		PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
			const given = options?.applicationServerKey;
			const bytes =
				given instanceof ArrayBuffer
					? new Uint8Array(given)
					: ArrayBuffer.isView(given)
						? new Uint8Array(given.buffer, given.byteOffset, given.byteLength)
						: new Uint8Array();
			(window as unknown as PushWindow).subscribedWith = toBase64Url(bytes);
			current = make(bytes.slice().buffer);
			return current as PushSubscription;
		};
		PushManager.prototype.getSubscription = async () => current as PushSubscription | null;
	}, subscription);
}

it('sends a staff decision by Web Push through a push service to the phone, which records it, shows it with no signal, and opens the request from the notification', async () => {
	const origin = app.api.url;
	const profile = await app.launch();
	const { context } = profile;
	// A visitor who says yes when the app asks; showNotification needs it.
	await context.grantPermissions(['notifications'], { origin });
	const browserSide = createBrowserLikeSubscription(`${pushService.url}/push/${randomUUID()}`);
	await pushManagerAnswering(context, browserSide.subscription);
	const page = context.pages()[0] ?? (await context.newPage());

	await page.goto('/');
	await waitForServiceWorker(page);
	await page.getByRole('button', { name: t('visitor.start.button') }).click();
	await choosePrison(page, prisonName);
	await fillPrisoner(page);
	await fillLeadVisitor(page);
	await chooseSlot(page, { date: bookableDate(6), start: '14:00', end: '16:00' });
	await continueToCheck(page);
	const requestId = await sendRequest(page);
	await expectText(page, t('visitor.sent.reference'));
	// After the request, not before: why notifications, and a button to turn them on.
	await heading(page, t('notifications.offer.title')).waitFor();
	await page.getByRole('button', { name: t('notifications.turnOn'), exact: true }).click();
	await expectText(page, t('notifications.on'));
	// The app subscribed with the server's VAPID key, and the server holds the subscription.
	const vapidKey = (await call(app.api, 'GET', '/api/push/public-key')).body.publicKey as string;
	expect(await page.evaluate(() => (window as unknown as PushWindow).subscribedWith)).toBe(vapidKey);
	expect(await app.api.db.selectFrom('pushSubscriptions').select(['endpoint', 'p256dh', 'auth']).execute()).toEqual([
		{ endpoint: browserSide.subscription.endpoint, p256dh: browserSide.subscription.keys.p256dh, auth: browserSide.subscription.keys.auth }
	]);

	await page.goto('/visits');
	await onPage(page, t('visitor.visits.title'));
	await expectText(page, t('visitor.requestStatus.requested'));
	await heading(page, t('notifications.settings.title')).waitFor();

	// No signal from here on: only the push can bring the decision to this phone.
	await context.setOffline(true);
	const officer = await createStaff(app.api.db, { prisonIds: [prisonId] });
	const cookie = await signIn(app.api, officer);
	const slot = { date: bookableDate(6), start: '14:00' };
	const confirmed = await call(app.api, 'POST', `/api/staff/requests/${requestId}/confirm`, { cookie, body: { slot } });
	expect(confirmed.status).toBe(200);

	// The server's push worker sends it: signed with the server's VAPID key, encrypted for this
	// subscription's keys, and saying what the decision was.
	await pushService.waitFor(1, 20_000);
	expect(pushService.received).toHaveLength(1);
	const arrived = pushService.received[0]!;
	expect(arrived.path).toBe(new URL(browserSide.subscription.endpoint).pathname);
	expect(verifyVapidAuthorization(arrived.headers.authorization as string | undefined).publicKey).toBe(vapidKey);
	expect(arrived.headers['content-encoding']).toBe('aes128gcm');
	const plaintext = browserSide.decrypt(arrived.body);
	const expected = decisionPayload('booked', {
		requestId,
		reference: confirmed.body.reference,
		prisonName,
		date: slot.date,
		start: slot.start
	});
	expect(JSON.parse(plaintext)).toEqual(expected);

	await page.evaluate(() => {
		const target = window as unknown as PushWindow;
		target.fromWorker = [];
		navigator.serviceWorker.addEventListener('message', (event) => target.fromWorker.push(event.data));
	});
	const worker = await appServiceWorker(context, page, origin);
	await watchNotifications(await appWorker(context, origin));
	await worker.push(plaintext);

	// The worker changed the store itself (it says so only when its write changed the request).
	await page.waitForFunction(
		(id) =>
			(window as unknown as PushWindow).fromWorker.some(
				(m) => (m as { type?: string; requestId?: string }).type === 'REQUEST_UPDATED' && (m as { requestId?: string }).requestId === id
			),
		requestId,
		{ timeout: 15_000 }
	);
	await expectText(page, t('visitor.requestStatus.booked'));
	const stored = await page.evaluate(
		(id) =>
			new Promise<string | undefined>((resolve, reject) => {
				const open = indexedDB.open('book-a-prison-visit');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const read = open.result.transaction('requests').objectStore('requests').get(id);
					read.onsuccess = () => resolve((read.result as { status?: string } | undefined)?.status);
					read.onerror = () => reject(read.error);
				};
			}),
		requestId
	);
	expect(stored).toBe('booked');

	// One notification for the request, saying what the server said; a click opens the request's page.
	const shown = await tapNotification(await appWorker(context, origin), requestId);
	expect(shown).toEqual([{ title: expected.title, body: expected.body, data: { url: expected.url, requestId, status: 'booked' } }]);
	await page.waitForURL(`${origin}/visits/${requestId}`, { timeout: 15_000 });
	await expectText(page, t('visitor.requestStatus.booked'));
	await expectText(page, confirmed.body.reference as string);
}, 120_000);

it('offers staff new-request alerts on the queue, and says an iPhone needs the Home Screen app instead of failing quietly', async () => {
	const officer = await createStaff(app.api.db, { prisonIds: [prisonId] });
	const profile = await app.launch();
	const page = profile.context.pages()[0] ?? (await profile.context.newPage());

	await page.goto('/staff');
	await onPage(page, t('staff.signIn.title'));
	await page.getByLabel(t('staff.signIn.email')).fill(officer.email);
	await page.getByLabel(t('staff.signIn.password')).fill(officer.password);
	await page.getByRole('button', { name: t('staff.signIn.submit'), exact: true }).click();
	await page.waitForURL(/\/staff\/requests/);
	await heading(page, t('notifications.staff.title')).waitFor();
	await page.getByRole('button', { name: t('notifications.staff.turnOn'), exact: true }).waitFor();

	// The same page in Safari on an iPhone, outside an installed app: no Web Push there.
	const cdp = await profile.context.newCDPSession(page);
	await cdp.send('Emulation.setUserAgentOverride', { userAgent: IPHONE_SAFARI, platform: 'iPhone' });
	await page.reload();
	await heading(page, t('notifications.staff.title')).waitFor();
	await expectText(page, t('notifications.needsInstall'));
	expect(await page.getByRole('button', { name: t('notifications.staff.turnOn'), exact: true }).count()).toBe(0);
}, 60_000);
