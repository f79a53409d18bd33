// The staff queue catches up by itself after the tablet's Wi-Fi drops: requests that arrived while it
// was offline show once it is back, even when the first fetch the moment it reconnects fails (the
// network is often not usable yet when `online` fires). The timetable page names every problem in
// one round and says when a save or a closure has reached the server. Real Chromium, real server.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { aVisitRequest, call, createPrison, createStaff, newDeviceSecret } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { expectAccessible, fillDate, goToStaffPage, onQueue, queueLink, signInAsStaff, TABLET } from '../helpers/staff-pages';
import { startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { onPage } from '../helpers/visitor-pages';
import { formatDate } from '../../src/lib/shared/format';
import { t } from '../../src/lib/shared/i18n';
import { bookableDate } from '../helpers/api';

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

async function signedInTablet() {
	const officer = await createStaff(app.api.db, { prisonIds: [prisonId] });
	const profile = await app.launch({ viewport: TABLET });
	const page = profile.context.pages()[0] ?? (await profile.context.newPage());
	await page.goto('/staff');
	await waitForServiceWorker(page);
	await signInAsStaff(page, officer);
	await onQueue(page);
	return { profile, page };
}

const summaryMessages = (page: Page) => page.locator('.govuk-error-summary__list a').allTextContents();

it('shows requests that came in while the tablet was offline once it reconnects', async () => {
	const { profile, page } = await signedInTablet();
	const first = await submitted();
	await queueLink(page, first).waitFor({ timeout: 15_000 });

	// Wi-Fi drops; two families send requests meanwhile.
	await profile.context.setOffline(true);
	const whileOffline = [await submitted(), await submitted()];
	// Nothing to wait for: offline, the queue must stay as it was; a moment in which a wrong update would show.
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

it('names every timetable problem in one round, and says when a save and a closure reached the server', async () => {
	const { page } = await signedInTablet();
	await goToStaffPage(page, 'timetable');
	await onPage(page, t('staff.timetable.title'));
	await page.locator('#slots-0-start').waitFor();

	// Times are typed into text boxes with GOV.UK's hint, never the browser's time picker (which shows
	// "--:-- --" and a 12-hour clock on many tablets).
	const start = page.getByRole('textbox', { name: t('staff.timetable.rowLabel', { field: t('staff.timetable.start'), row: 1 }) });
	expect(await start.getAttribute('type')).toBe('text');
	expect(
		await start.evaluate((input) =>
			input
				.getAttribute('aria-describedby')
				?.split(' ')
				.map((id) => document.getElementById(id)?.textContent?.trim())
		)
	).toEqual([t('staff.timetable.timeHint')]);
	// A time that is not one is named at its box; one written "9.30" is read as 09:30.
	await page.locator('#slots-0-start').fill('2pm');
	await page.locator('#slots-0-end').fill('9.30');
	await page.getByRole('button', { name: t('staff.timetable.save'), exact: true }).click();
	expect(await summaryMessages(page)).toEqual([t('validation.time.format')]);
	await page
		.locator('#slots-0-start-error')
		.filter({ hasText: t('validation.time.format') })
		.waitFor();

	// One row ends before it starts, another has no capacity: both are named at once.
	await page.locator('#slots-0-start').fill('15:00');
	await page.locator('#slots-0-end').fill('14:00');
	await page.locator('#slots-1-capacity').fill('');
	await page.getByRole('button', { name: t('staff.timetable.save'), exact: true }).click();
	expect(await summaryMessages(page)).toEqual([t('validation.time.order'), t('field.capacity.invalid', { max: 500 })]);
	await expectAccessible(page, 'the timetable with errors');

	// Corrected and saved: the banner comes once the server has it.
	await page.locator('#slots-0-start').fill('14:00');
	await page.locator('#slots-0-end').fill('16:00');
	await page.locator('#slots-1-capacity').fill('12');
	await page.getByRole('button', { name: t('staff.timetable.save'), exact: true }).click();
	const banner = page.getByRole('alert').filter({ hasText: t('staff.timetable.savedBanner') });
	await banner.waitFor({ timeout: 20_000 });
	expect(await page.locator('.govuk-error-summary').count()).toBe(0);
	await expectAccessible(page, 'the timetable saved');

	const date = bookableDate(3);
	await fillDate(page, 'closure-date', date);
	await page.getByRole('radio', { name: t('staff.closures.addWholeDay'), exact: true }).check();
	await page.getByLabel(t('staff.closures.addReason'), { exact: true }).fill('Staff training');
	await page.getByRole('button', { name: t('staff.closures.submit'), exact: true }).click();
	await page
		.getByRole('alert')
		.filter({ hasText: t('staff.closures.addedBanner', { date: formatDate(date) }) })
		.waitFor({ timeout: 20_000 });
	expect(await page.getByText(t('staff.timetable.savedBanner')).count()).toBe(0);
	await expectAccessible(page, 'the closure added');
}, 120_000);
