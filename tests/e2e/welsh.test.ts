// The whole service in Welsh, in real Chromium: a visitor chooses Cymraeg on the start page and
// books every step in Welsh (errors from the device's own rules included), the officer confirms in
// Welsh on a tablet, the visitor's request was stored as Welsh and "Eich ymweliadau" shows the
// booking with a Welsh date; every page is lang="cy" and passes axe. The choice survives reloads, and
// a Welsh phone downloads neither English nor staff text.
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatDate, formatTimeRange } from '../../src/lib/shared/format';
import { setLocale, t, translate } from '../../src/lib/shared/i18n';
import { LANGUAGE_COOKIE } from '../../src/lib/shared/i18n/choice';
import { bookableDate, createPrison, createStaff } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { expectAccessible, expectPageBasics } from '../helpers/page-checks';
import {
	TABLET,
	confirmFirstChoice,
	expectAccessible as expectStaffAccessible,
	onQueue,
	openRequest,
	signInAsStaff
} from '../helpers/staff-pages';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { ROCHESTER } from '../../server/demo-prison';
import {
	ANSWERS,
	chooseSlot,
	continueToCheck,
	fillLeadVisitor,
	heading,
	onPage,
	pressContinue,
	sendRequest
} from '../helpers/visitor-pages';

let app: VisitorApp;
let prisonId: string;
const prisonName = 'CEF Caerdydd';
let officer: { email: string; password: string; name: string };
const SCREENSHOTS = process.env.WELSH_SCREENSHOTS;

beforeAll(async () => {
	app = await startVisitorApp();
	prisonId = await createPrison(app.api.db, { name: prisonName, timetable: [{ weekday: 6, start: '14:00', end: '16:00', capacity: 20 }] });
	officer = await createStaff(app.api.db, { prisonIds: [prisonId], name: 'Siân Swyddog' });
});
afterAll(async () => {
	await app?.close();
});
beforeEach(() => app.screenshotOnFailure());
// The helpers find buttons and headings by the catalogue's words: in these tests, the Welsh ones.
afterEach(() => setLocale('en'));

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

async function shot(page: Page, name: string): Promise<void> {
	if (!SCREENSHOTS) return;
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** A Welsh page: its heading, lang="cy", the Welsh sync status, fits the phone, axe finds nothing. */
async function welshPage(page: Page, title: string): Promise<void> {
	await expectPageBasics(page, title, { online: true });
	expect(await htmlLang(page)).toBe('cy');
}

it('books a visit in Welsh from start to finish, and the officer confirms it in Welsh', { timeout: 180_000 }, async () => {
	const saturday = bookableDate(6);
	const phone = await app.launch();
	const page = phone.context.pages()[0] ?? (await phone.context.newPage());
	await page.goto('/');
	await waitForServiceWorker(page);
	await onPage(page, translate('en', 'visitor.start.title'));
	expect(await htmlLang(page)).toBe('en');

	// The language link is in Welsh, says so (lang, hreflang), and switches at once: no reload.
	const link = page.getByRole('link', { name: 'Cymraeg', exact: true });
	expect(await link.getAttribute('lang')).toBe('cy');
	await page.evaluate(() => ((window as unknown as { beforeSwitch: boolean }).beforeSwitch = true));
	await link.click();
	setLocale('cy');
	await welshPage(page, 'Trefnu ymweliad â charchar');
	expect(await page.evaluate(() => (window as unknown as { beforeSwitch?: boolean }).beforeSwitch)).toBe(true);
	expect(await page.title()).toBe('Trefnu ymweliad â charchar');
	expect(await page.getAttribute('meta[name="description"]', 'content')).toBe(t('service.description'));
	// Installed from a Welsh page, the home screen says the Welsh name.
	const manifestHref = await page.getAttribute('link[rel="manifest"]', 'href');
	expect(manifestHref).toMatch(/manifest\.cy\.webmanifest$/);
	const manifest = await page.evaluate(async (href) => (await fetch(href!)).json(), manifestHref);
	expect(manifest).toMatchObject({ name: 'Trefnu ymweliad â charchar', lang: 'cy', id: '/', start_url: '/' });
	await expect.poll(() => page.getByRole('link', { name: 'English', exact: true }).getAttribute('lang')).toBe('en');
	await shot(page, '1-dechrau');

	await page.getByRole('button', { name: t('visitor.start.button') }).click();
	await welshPage(page, 'Pa garchar ydych chi eisiau ymweld ag ef?');
	await page.getByRole('radio', { name: prisonName, exact: true }).check();
	await shot(page, '2-carchar');
	await pressContinue(page);

	// Nothing typed: every problem at once, in Welsh, from the shared rules on the device.
	await welshPage(page, t('visitor.prisoner.title'));
	await page.locator('#prisoner-prisonerNumber').fill('12345');
	await pressContinue(page);
	await heading(page, 'Mae problem wedi codi').waitFor({ state: 'visible' });
	expect(await page.title()).toBe(`Gwall: ${t('visitor.prisoner.title')} – Trefnu ymweliad â charchar`);
	expect(await page.locator('.govuk-error-summary').getByRole('link').allTextContents()).toEqual([
		'Rhowch enw cyntaf y carcharor',
		'Rhowch gyfenw’r carcharor',
		'Rhowch ddyddiad geni’r carcharor',
		'Rhowch rif carcharor fel A1234BC'
	]);
	await expectAccessible(page);
	await shot(page, '3-gwallau');

	await page.locator('#prisoner-firstName').fill(ANSWERS.prisoner.firstName);
	await page.locator('#prisoner-lastName').fill(ANSWERS.prisoner.lastName);
	await page.locator('#prisoner-dateOfBirth-day').fill(ANSWERS.prisoner.dateOfBirth[0]);
	await page.locator('#prisoner-dateOfBirth-month').fill(ANSWERS.prisoner.dateOfBirth[1]);
	await page.locator('#prisoner-dateOfBirth-year').fill(ANSWERS.prisoner.dateOfBirth[2]);
	await page.locator('#prisoner-prisonerNumber').fill(ANSWERS.prisoner.prisonerNumber);
	await pressContinue(page);
	await welshPage(page, 'Pwy sy’n ymweld?');
	await fillLeadVisitor(page);

	// The calendar: Welsh day names, month and times ("2yh i 4yh").
	await welshPage(page, 'Pryd hoffech chi ymweld?');
	await chooseSlot(page, { date: saturday, start: '14:00', end: '16:00' });
	expect(formatTimeRange('14:00', '16:00')).toBe('2yh i 4yh');
	expect(await page.locator('.app-calendar__weekday').allTextContents()).toEqual(['Llun', 'Maw', 'Mer', 'Iau', 'Gwe', 'Sad', 'Sul']);
	expect(await page.locator('.app-calendar__table caption').textContent()).toMatch(
		/^(Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) \d{4}$/
	);
	await expectAccessible(page);
	await shot(page, '4-amseroedd');
	await continueToCheck(page);
	await welshPage(page, 'Gwiriwch eich atebion cyn anfon eich cais');
	await expectText(page, `${formatDate(saturday)}, 2yh i 4yh`);
	await shot(page, '5-gwirio');

	const requestId = await sendRequest(page);
	await welshPage(page, 'Cais wedi’i anfon');
	await shot(page, '6-anfonwyd');
	const stored = await app.api.db
		.selectFrom('visitRequests')
		.select(['reference', 'language'])
		.where('id', '=', requestId)
		.executeTakeFirstOrThrow();
	expect(stored.language).toBe('cy');
	expect(await page.locator('.govuk-panel strong').textContent()).toBe(stored.reference);
	expect(await page.locator('.govuk-panel strong').evaluate((element) => getComputedStyle(element).whiteSpace)).toBe('nowrap');

	// The officer, in Welsh on a tablet.
	const tablet = await app.launch({ viewport: TABLET });
	const staffPage = tablet.context.pages()[0] ?? (await tablet.context.newPage());
	await staffPage.goto('/staff');
	await staffPage.getByRole('link', { name: 'Cymraeg', exact: true }).click();
	await signInAsStaff(staffPage, officer);
	await onQueue(staffPage);
	expect(await htmlLang(staffPage)).toBe('cy');
	// Staff pages show staff navigation only: no visitor links, no "staff sign in". Staff mode has its
	// own "Trefnu ymweliad" (booking on behalf, under /staff); the visitor's links are the ones outside it.
	const visitorLink = (name: string) => staffPage.getByRole('link', { name, exact: true }).and(staffPage.locator(':not([href^="/staff"])'));
	expect(await visitorLink('Trefnu ymweliad').count()).toBe(0);
	expect(await visitorLink('Eich ymweliadau').count()).toBe(0);
	expect(
		await staffPage
			.getByRole('navigation', { name: t('staff.nav.label') })
			// In the row or under "More" (Welsh page names are long).
			.getByRole('link', { name: 'Trefnu ymweliad', exact: true, includeHidden: true })
			.getAttribute('href')
	).toBe('/staff/book');
	expect(await staffPage.getByRole('link', { name: 'Mewngofnodi staff', exact: true }).count()).toBe(0);
	await expectStaffAccessible(staffPage, 'the Welsh queue');
	await shot(staffPage, '7-ceisiadau-staff');
	await openRequest(staffPage, stored.reference);
	expect(await staffPage.title()).toBe(`Cais ${stored.reference} – Staff – Trefnu ymweliad â charchar`);
	await expectStaffAccessible(staffPage, 'a Welsh request');
	await shot(staffPage, '8-cais-staff');
	await confirmFirstChoice(staffPage);
	await expectText(staffPage, 'Cafodd eich penderfyniad ei anfon.');
	await expect
		.poll(
			async () => (await app.api.db.selectFrom('visitRequests').select('status').where('id', '=', requestId).executeTakeFirst())?.status,
			{ timeout: 20_000 }
		)
		.toBe('booked');
	await expectStaffAccessible(staffPage, 'a Welsh decision');

	// The visitor sees the booking, in Welsh.
	await page.getByRole('link', { name: 'Eich ymweliadau', exact: true }).click();
	await welshPage(page, 'Eich ymweliadau');
	await expectText(page, 'Wedi’i drefnu', 20_000);
	// Your visits names each card by the prisoner (and its reference), the prison under it.
	const card = page.getByRole('listitem').filter({ hasText: stored.reference });
	await card.getByText(prisonName, { exact: true }).waitFor();
	await card.getByRole('link').click();
	await onPage(page, `Ymweliad ${stored.reference}`);
	// Inside a sentence the day is "dydd" in lower case (the heading form is "Dydd Sadwrn …").
	await expectText(page, `Mae eich ymweliad wedi’i drefnu ar gyfer ${formatDate(saturday).replace(/^Dydd/, 'dydd')}, 2yh i 4yh`, 20_000);
	await expectAccessible(page);
	expect(await htmlLang(page)).toBe('cy');
	// The prison wrote its information for visitors in English only: marked English, for a screen reader's voice.
	expect(await page.getByText(ROCHESTER.visitorInfo!, { exact: true }).getAttribute('lang')).toBe('en');
	await shot(page, '9-ymweliad');

	// The cookies page tells the truth: booking set no cookie on the visitor's phone but the one that
	// remembers the language chosen.
	expect((await phone.context.cookies()).map(({ name, value }) => ({ name, value }))).toEqual([{ name: LANGUAGE_COOKIE, value: 'cy' }]);
	await page.getByRole('link', { name: 'Cwcis', exact: true }).click();
	await onPage(page, 'Cwcis');
	await expectText(page, 'Nid yw’r gwasanaeth hwn yn gosod unrhyw gwcis');
	await expectAccessible(page);
});

it(
	'remembers the language on the device across reloads, and a Welsh phone downloads no English or staff text',
	{ timeout: 90_000 },
	async () => {
		const phone = await app.launch();
		const page = phone.context.pages()[0] ?? (await phone.context.newPage());
		await page.goto('/');
		await onPage(page, translate('en', 'visitor.start.title'));
		await page.getByRole('link', { name: 'Cymraeg', exact: true }).click();
		await onPage(page, 'Trefnu ymweliad â charchar');

		// Everything the page fetches from here on: the reload, then another visitor page.
		const scripts: { url: string; body: string }[] = [];
		page.on('response', async (response) => {
			if (response.request().resourceType() === 'script' || response.url().endsWith('.js')) {
				scripts.push({ url: response.url(), body: await response.text().catch(() => '') });
			}
		});
		await page.reload();
		await onPage(page, 'Trefnu ymweliad â charchar');
		expect(await htmlLang(page)).toBe('cy');
		await page.getByRole('link', { name: 'Preifatrwydd', exact: true }).click();
		await onPage(page, 'Hysbysiad preifatrwydd');
		expect(await htmlLang(page)).toBe('cy');
		await expectAccessible(page);

		const fetched = scripts.filter((s) => s.url.includes('/_app/'));
		expect(fetched.length).toBeGreaterThan(0);
		const containing = (text: string) => fetched.filter((s) => s.body.includes(text)).map((s) => new URL(s.url).pathname);
		expect(containing('Trefnu ymweliad â charchar'), 'the Welsh common catalogue').not.toEqual([]);
		expect(containing(translate('en', 'visitor.start.intro')), 'English visitor text').toEqual([]);
		expect(containing(translate('en', 'service.name')), 'English common text').toEqual([]);
		expect(containing(translate('cy', 'staff.signIn.intro')), 'Welsh staff text').toEqual([]);
		expect(containing(translate('en', 'staff.signIn.intro')), 'English staff text').toEqual([]);

		// A new tab in the same browser opens in Welsh; choosing English is remembered too.
		const second = await phone.context.newPage();
		await second.goto('/visits');
		await onPage(second, 'Eich ymweliadau');
		expect(await htmlLang(second)).toBe('cy');
		await second.getByRole('link', { name: 'English', exact: true }).click();
		await onPage(second, translate('en', 'visitor.visits.title'));
		expect(await htmlLang(second)).toBe('en');
		await second.reload();
		await onPage(second, translate('en', 'visitor.visits.title'));
		expect(await htmlLang(second)).toBe('en');
	}
);

it('keeps the Welsh service navigation’s two pages on one row of a 390 px phone, as in English', { timeout: 60_000 }, async () => {
	const phone = await app.launch();
	const page = phone.context.pages()[0] ?? (await phone.context.newPage());
	await page.goto('/?lang=cy');
	await onPage(page, 'Trefnu ymweliad â charchar');
	const items = page.getByRole('navigation', { name: translate('cy', 'visitor.nav.label') }).getByRole('listitem');
	await expect.poll(() => items.count()).toBe(2);
	const tops = await items.evaluateAll((elements) => elements.map((element) => Math.round(element.getBoundingClientRect().y)));
	expect(new Set(tops).size, `item tops ${tops.join(', ')}`).toBe(1);
});
