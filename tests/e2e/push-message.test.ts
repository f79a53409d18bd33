// A push message reaches the visitor's phone: the service worker records the new status in the
// device's store and shows a notification, so "Your visits" is right even with no signal.
// Real Chromium, real server; the message goes in through the DevTools Protocol, as a push
// service would hand it to the browser (no push service is reachable from a test machine).
// Also: where the app offers notifications (after a request, on "Your visits", on the staff queue)
// and what it says where Web Push cannot work.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { decisionPayload } from '../../server/push/messages';
import { t } from '../../src/lib/shared/i18n';
import { bookableDate, call, createPrison, createStaff, signIn } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { IPHONE_SAFARI } from '../helpers/fake-push-browser';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { chooseSlot, choosePrison, continueToCheck, fillLeadVisitor, fillPrisoner, heading, onPage, sendRequest } from '../helpers/visitor-pages';

let app: VisitorApp;
let prisonId: string;
const prisonName = 'HMP Push Test';

beforeAll(async () => {
	app = await startVisitorApp();
	prisonId = await createPrison(app.api.db, { name: prisonName });
});

afterAll(async () => {
	await app?.close();
});

beforeEach(() => app.screenshotOnFailure());

/** The app's service worker registration, as DevTools knows it (the id deliverPushMessage takes). */
async function appServiceWorker(context: BrowserContext, page: Page, origin: string): Promise<{ id: string; push: (data: string) => Promise<void> }> {
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

/** What the page heard from the service worker, collected from before the push arrives. */
interface PushWindow {
	fromWorker: unknown[];
}

it('records the pushed decision in the device store, shows it on "Your visits" with no signal, and shows a notification', async () => {
	const origin = app.api.url;
	const profile = await app.launch();
	const { context } = profile;
	// A visitor who said yes when the app asked; showNotification needs it.
	await context.grantPermissions(['notifications'], { origin });
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
	expect(await page.getByRole('button', { name: t('notifications.turnOn'), exact: true }).isVisible()).toBe(true);

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
	const payload = decisionPayload('booked', { requestId, reference: confirmed.body.reference, prisonName, date: slot.date, start: slot.start });

	await page.evaluate(() => {
		const target = window as unknown as PushWindow;
		target.fromWorker = [];
		navigator.serviceWorker.addEventListener('message', (event) => target.fromWorker.push(event.data));
	});
	const worker = await appServiceWorker(context, page, origin);
	await worker.push(JSON.stringify(payload));

	// The worker changed the store itself (it says so only when its write changed the request).
	await page.waitForFunction(
		(id) => (window as unknown as PushWindow).fromWorker.some((m) => (m as { type?: string; requestId?: string }).type === 'REQUEST_UPDATED' && (m as { requestId?: string }).requestId === id),
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

	// One notification for the request, saying what the server said, opening the request's page.
	// The worker shows it after recording the status, so wait for it to be there, and read it in the
	// same look: headless Chromium may take a shown notification away again, so a second read races.
	const shown = await (
		await page.waitForFunction(
			async (id) => {
				const notifications = (await (await navigator.serviceWorker.getRegistration())?.getNotifications({ tag: id })) ?? [];
				const seen = notifications.map((n) => ({ title: n.title, body: n.body, data: n.data as unknown }));
				return seen.length > 0 ? seen : null;
			},
			requestId,
			{ timeout: 15_000, polling: 50 }
		)
	).jsonValue();
	expect(shown).toEqual([{ title: payload.title, body: payload.body, data: { url: payload.url, requestId, status: 'booked' } }]);
}, 90_000);

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
