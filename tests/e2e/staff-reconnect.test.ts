// The staff queue catches up by itself after the tablet's Wi-Fi drops: requests that arrived while it
// was offline show once it is back, even when the first fetch the moment it reconnects fails (the
// network is often not usable yet when `online` fires). Real Chromium, real server.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { aVisitRequest, call, createPrison, createStaff, newDeviceSecret } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { expectAccessible, onQueue, queueLink, signInAsStaff, TABLET } from '../helpers/staff-pages';
import { startVisitorApp, type VisitorApp } from '../helpers/visitor-app';

let app: VisitorApp;
let prisonId: string;

beforeAll(async () => {
	app = await startVisitorApp();
	prisonId = await createPrison(app.api.db, { name: 'HMP Reconnect' });
});
afterAll(async () => {
	await app?.close();
});
beforeEach(() => app.screenshotOnFailure());

async function submitted(): Promise<string> {
	const response = await call(app.api, 'POST', '/api/visit-requests', { body: aVisitRequest(prisonId), bearer: newDeviceSecret() });
	expect(response.status).toBe(201);
	return response.body.reference as string;
}

it('shows requests that came in while the tablet was offline once it reconnects', async () => {
	const officer = await createStaff(app.api.db, { prisonIds: [prisonId] });
	const profile = await app.launch({ viewport: TABLET });
	const page = profile.context.pages()[0] ?? (await profile.context.newPage());
	await page.goto('/staff');
	await waitForServiceWorker(page);
	await signInAsStaff(page, officer);
	await onQueue(page);
	const first = await submitted();
	await queueLink(page, first).waitFor({ timeout: 15_000 });

	// Wi-Fi drops; two families send requests meanwhile.
	await profile.context.setOffline(true);
	const whileOffline = [await submitted(), await submitted()];
	await page.waitForTimeout(1_000);
	expect(await queueLink(page, whileOffline[0]!).count()).toBe(0);

	// Back online, but the first queue fetch fails as the network settles.
	let refused = 0;
	await profile.context.route('**/api/staff/requests?*', async (route) => {
		if (refused === 0) {
			refused += 1;
			await route.abort('internetdisconnected');
		} else {
			await route.continue();
		}
	});
	await profile.context.setOffline(false);
	for (const reference of whileOffline) await queueLink(page, reference).waitFor({ timeout: 15_000 });
	expect(refused).toBe(1);
	await expectAccessible(page, 'the queue after reconnecting');
}, 120_000);
