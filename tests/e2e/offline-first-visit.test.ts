// Offline from the first visit: a visitor who only opened the start page with signal can later, with
// none, tap Start and see the prison list, and have a form checked in their language (the form
// checks' words are not part of the start page's first load); and the calendar of every prison whose pages they opened
// is kept fresh in the background while there is signal, so offline it shows the prison's latest
// closures. Real Chromium, real server, the built PWA.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { bookableDate, createPrison } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { deviceRows } from '../helpers/device-store';
import { expectPageBasics } from '../helpers/page-checks';
import { openPrisonOffice, type PrisonOffice } from '../helpers/prison-office';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { choosePrison, onPage, showMonthOf } from '../helpers/visitor-pages';
import { formatDate } from '../../src/lib/shared/format';
import { t, translate } from '../../src/lib/shared/i18n';

let app: VisitorApp;
let office: PrisonOffice;
const north = 'HMP First Visit North';
const south = 'HMP First Visit South';

beforeAll(async () => {
	app = await startVisitorApp();
	const northId = await createPrison(app.api.db, { name: north });
	await createPrison(app.api.db, { name: south });
	office = await openPrisonOffice(app.api, northId);
});

afterAll(async () => {
	await app?.close();
});

beforeEach(() => app.screenshotOnFailure());

interface CalendarRow {
	prisonId: string;
	fetchedAt: number;
	response: { days: { date: string; closed?: boolean }[] };
}

it('shows the prison list offline after only the start page was opened with signal', async () => {
	const browser = await app.launch();
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());
	await page.goto('/');
	await waitForServiceWorker(page);
	// Nothing but the start page was opened: the list came with the first start.
	await expect
		.poll(async () => (await deviceRows<{ name: string }>(page, 'prisons')).map((p) => p.name).sort(), { timeout: 15_000 })
		.toEqual([north, south]);

	await browser.context.setOffline(true);
	await page.reload();
	await page.getByRole('button', { name: t('visitor.start.button') }).click();
	await expectPageBasics(page, t('visitor.prison.title'), { online: false });
	await page.getByRole('radio', { name: north, exact: true }).waitFor();
	await page.getByRole('radio', { name: south, exact: true }).waitFor();
}, 90_000);

it('checks a form offline in Welsh after only the start page was opened with signal', async () => {
	const browser = await app.launch();
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());
	const cy = (key: Parameters<typeof translate>[1]) => translate('cy', key);
	await page.goto('/?lang=cy');
	await onPage(page, cy('visitor.start.title'));
	await waitForServiceWorker(page);

	await browser.context.setOffline(true);
	await page.goto('/visits/add');
	await onPage(page, cy('claim.title'));
	await page.getByLabel(cy('claim.reference'), { exact: true }).fill('K7PQ');
	await page.getByLabel(cy('dateInput.day'), { exact: true }).fill('31');
	await page.getByLabel(cy('dateInput.month'), { exact: true }).fill('2');
	await page.getByLabel(cy('dateInput.year'), { exact: true }).fill('1990');
	await page.getByRole('button', { name: cy('claim.submit'), exact: true }).click();
	// The words of both form-check pairs (prisonersCommon and forms), not their keys.
	await expectText(page, cy('claim.field.reference.format'));
	await expectText(page, cy('validation.date.invalid'));
}, 90_000);

it('keeps the calendar of each prison whose pages were opened fresh while online, and shows it offline', async () => {
	const browser = await app.launch();
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());
	await page.goto('/');
	await waitForServiceWorker(page);

	// With signal, the visitor opens both prisons' pages (the prisoner page after choosing each).
	// Each prison's times are fetched in the background as it is chosen; the visitor stays on the
	// prisoner page until they are on the device (a reload at once would abort that fetch, as it
	// would for a real visitor: then the times are fetched when the times page opens).
	for (const [index, name] of [north, south].entries()) {
		await page.goto('/book/prison');
		await choosePrison(page, name);
		await onPage(page, t('visitor.prisoner.title'));
		await expect
			.poll(async () => new Set((await deviceRows<CalendarRow>(page, 'calendars')).map((row) => row.prisonId)).size, { timeout: 15_000 })
			.toBe(index + 1);
	}
	await page.goto('/');

	// The prison then closes a day. The phone loses signal and gets it back, on the start page:
	// the calendar is fetched again in the background, though its page is not open.
	const closed = bookableDate(4);
	await office.close({ date: closed, reason: 'Staff training' });
	const before = Date.now();
	await browser.context.setOffline(true);
	await browser.context.setOffline(false);
	await expect
		.poll(
			async () => {
				const rows = await deviceRows<CalendarRow>(page, 'calendars');
				return rows.some((row) => row.fetchedAt >= before && row.response.days.some((day) => day.date === closed && day.closed));
			},
			{ timeout: 60_000 }
		)
		.toBe(true);

	// No signal: both prisons' times show, the closure included.
	await browser.context.setOffline(true);
	await page.goto('/book/prison');
	await choosePrison(page, north);
	await onPage(page, t('visitor.prisoner.title'));
	await page.goto('/book/slots');
	await expectPageBasics(page, t('visitor.slots.title'), { online: false });
	await showMonthOf(page, closed);
	await expectText(page, `${formatDate(closed)}: ${t('visitor.slots.day.closed')}`);

	await page.goto('/book/prison');
	await choosePrison(page, south);
	await onPage(page, t('visitor.prisoner.title'));
	await page.goto('/book/slots');
	await onPage(page, t('visitor.slots.title'));
	await expectText(page, new RegExp(t('visitor.lastUpdated', { when: '' }).trim()));
	expect(await page.getByText(t('visitor.slots.day.unknown')).count()).toBe(0);
}, 120_000);

it('offers to install the app where the browser offers it, and does not ask again after "Not now"', async () => {
	const browser = await app.launch();
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());
	// The page is handed the event Chrome fires (`beforeinstallprompt`), with a prompt() that
	// records the tap. Chromium may fire a real one too once the app is installable, whose prompt a
	// headless browser cannot answer: those are kept from the app, so the test decides when.
	await browser.context.addInitScript(() => {
		addEventListener(
			'beforeinstallprompt',
			(event) => {
				if (!(event as Event & { fromTest?: boolean }).fromTest) event.stopImmediatePropagation();
			},
			{ capture: true }
		);
	});
	const offerInstall = (outcome: 'accepted' | 'dismissed') =>
		page.evaluate((answer) => {
			const event = new Event('beforeinstallprompt', { cancelable: true }) as Event & {
				prompt?: () => Promise<void>;
				userChoice?: Promise<unknown>;
				fromTest?: boolean;
			};
			event.fromTest = true;
			const record = window as unknown as { __prompted?: number };
			event.prompt = async () => {
				record.__prompted = (record.__prompted ?? 0) + 1;
			};
			event.userChoice = Promise.resolve({ outcome: answer });
			window.dispatchEvent(event);
			return event.defaultPrevented;
		}, outcome);
	const installButton = page.getByRole('button', { name: t('install.button'), exact: true });

	await page.goto('/');
	await waitForServiceWorker(page);
	expect(await installButton.count()).toBe(0);
	// The app keeps the browser's own prompt back and offers it on the start page.
	expect(await offerInstall('accepted')).toBe(true);
	await installButton.waitFor();
	await expectPageBasics(page, t('visitor.start.title'), { online: true });
	await installButton.click();
	await expect.poll(() => page.evaluate(() => (window as unknown as { __prompted?: number }).__prompted)).toBe(1);
	await installButton.waitFor({ state: 'detached' });

	// Offered again on a later visit; "Not now" is remembered on the device.
	await page.reload();
	// The browser's event may come before the reloaded app listens for it: offer it until the app shows the offer.
	const notNow = page.getByRole('button', { name: t('install.notNow'), exact: true });
	await expect.poll(async () => (await offerInstall('accepted'), notNow.count()), { timeout: 20_000 }).toBe(1);
	await notNow.click();
	await installButton.waitFor({ state: 'detached' });
	await page.reload();
	// Offered until the reloaded app has heard the event (it keeps the browser's prompt back), then
	// it must not offer to install: the visitor said "Not now".
	await expect.poll(() => offerInstall('accepted'), { timeout: 20_000 }).toBe(true);
	await onPage(page, t('visitor.start.title'));
	expect(await installButton.count()).toBe(0);
}, 90_000);
