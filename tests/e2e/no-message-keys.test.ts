// Every page, visitor's and staff's, in English and in Welsh, in real Chromium: no text a person
// reads (nor a label, hint, placeholder or accessible name) looks like a message key such as
// `visitor.date.hint`. The pages are found on disk (every +page.svelte under src/routes), so a new
// page not visited here fails the test; the booking journey is walked step by step, and forms that
// open on a tap (the prisoner record's "Ban a visitor") are opened.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { catalogues } from '../../src/lib/shared/i18n/catalogues';
import { setLocale, t, type Locale } from '../../src/lib/shared/i18n';
import { bookableDate, call, createPrison, createStaff, signIn } from '../helpers/api';
import { onQueue, signInAsStaff } from '../helpers/staff-pages';
import { pageRoutes } from '../helpers/routes';
import { startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { choosePrison, chooseSlot, fillLeadVisitor, fillPrisoner, pressContinue, sendRequest, onPage } from '../helpers/visitor-pages';

let app: VisitorApp;
let prisonId: string;
let officer: { email: string; password: string; name: string };
let cookie: string;
const prisonName = 'HMP Every Page';
const saturday = bookableDate(6);
const slot = { date: saturday, start: '14:00', end: '16:00' };
/** Where the app keeps the chosen language (src/lib/shell/language.svelte.ts), set before each page loads. */
const LANGUAGE_STORAGE_KEY = 'bpv.language';

// Static pages first, so /visits/add is itself and not a /visits/[id].
const ROUTES = pageRoutes().sort((a, b) => a.split('[').length - b.split('[').length);
const visited = new Set<string>();

/** The route id a URL is a page of. */
function routeOf(url: string): string {
	const pathname = new URL(url).pathname.replace(/\/$/, '') || '/';
	const match = ROUTES.find((route) => new RegExp(`^${route.replace(/\[[^\]]+\]/g, '[^/]+')}$`).test(pathname));
	if (!match) throw new Error(`No page on disk for ${pathname}`);
	return match;
}

// A message key is words joined by dots whose first word starts a key in the catalogue: `visitor.date.hint`,
// `staff.request.title`. Emails and addresses (`staff@rochester.example`) start with other words.
const KEY_PREFIXES = new Set<string>();
for (const pair of Object.values(catalogues)) {
	const module = (await pair.en()) as Record<string, Record<string, string>>;
	for (const messages of Object.values(module)) for (const key of Object.keys(messages)) KEY_PREFIXES.add(key.split('.')[0]!);
}
const KEY_SHAPE = /(?<![\w@./-])([a-z][A-Za-z0-9]*)(?:\.[A-Za-z0-9_]+)+(?![\w@/-])/g;

/** Text a person reads or hears on the page now, that looks like a message key. */
async function keysOnPage(page: Page): Promise<string[]> {
	const texts = await page.evaluate(() => {
		const found = [document.title, document.body.innerText];
		for (const element of document.querySelectorAll('[placeholder], [aria-label], [title], [alt], [value]')) {
			for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
				const value = element.getAttribute(name);
				if (value) found.push(value);
			}
			if (element instanceof HTMLInputElement && (element.type === 'submit' || element.type === 'button')) found.push(element.value);
		}
		return found;
	});
	const keys = new Set<string>();
	for (const text of texts) for (const match of text.matchAll(KEY_SHAPE)) if (KEY_PREFIXES.has(match[1]!)) keys.add(match[0]);
	return [...keys];
}

/** The page has drawn its heading (its messages are loaded by then): no message keys anywhere on it. */
async function expectNoKeys(page: Page, locale: Locale, what = ''): Promise<void> {
	await page.locator('h1').first().waitFor({ timeout: 15_000 });
	const route = routeOf(page.url());
	visited.add(route);
	expect(await keysOnPage(page), `message keys on ${route} ${what} (${locale})`).toEqual([]);
}

async function visit(page: Page, url: string, locale: Locale): Promise<void> {
	await page.goto(url);
	await expectNoKeys(page, locale);
}

beforeAll(async () => {
	app = await startVisitorApp();
	prisonId = await createPrison(app.api.db, { name: prisonName });
	// A service administrator, so every administration page shows its own words, connected systems included.
	officer = {
		...(await createStaff(app.api.db, { prisonIds: [prisonId], name: 'Page Officer', serviceAdmin: true })),
		name: 'Page Officer'
	};
	cookie = await signIn(app.api, officer);
});
afterAll(async () => {
	setLocale('en');
	await app?.close();
});
beforeEach(() => app.screenshotOnFailure());
afterEach(() => setLocale('en'));

for (const locale of ['en', 'cy'] as const) {
	it(`shows no message keys on any visitor page (${locale})`, async () => {
		setLocale(locale);
		const profile = await app.launch({ viewport: { width: 390, height: 844 } });
		await profile.context.addInitScript(([key, value]) => localStorage.setItem(key, value), [LANGUAGE_STORAGE_KEY, locale] as const);
		const page = profile.context.pages()[0] ?? (await profile.context.newPage());

		// The booking journey, page by page.
		await visit(page, '/', locale);
		await page.getByRole('button', { name: t('visitor.start.button') }).click();
		await onPage(page, t('visitor.prison.title'));
		await expectNoKeys(page, locale);
		await choosePrison(page, prisonName);
		// The next page, not the one just left: pressing Continue again there would skip its errors.
		await onPage(page, t('visitor.prisoner.title'));
		await expectNoKeys(page, locale);
		// An empty form's errors too.
		await pressContinue(page);
		await page.locator('.govuk-error-summary').waitFor();
		await expectNoKeys(page, locale, 'with errors');
		await fillPrisoner(page);
		await onPage(page, t('visitor.visitors.title'));
		await expectNoKeys(page, locale);
		await pressContinue(page);
		await page.locator('.govuk-error-summary').waitFor();
		await expectNoKeys(page, locale, 'with errors');
		await fillLeadVisitor(page);
		await onPage(page, t('visitor.slots.title'));
		await expectNoKeys(page, locale);
		await chooseSlot(page, slot);
		await expectNoKeys(page, locale, 'with a day chosen');
		await pressContinue(page);
		await onPage(page, t('visitor.support.title'));
		await expectNoKeys(page, locale);
		await pressContinue(page);
		await onPage(page, t('visitor.check.title'));
		await expectNoKeys(page, locale);
		const id = await sendRequest(page);
		await expectNoKeys(page, locale);

		// Your visits: the request while it waits, then booked.
		await visit(page, '/visits', locale);
		await visit(page, `/visits/${id}`, locale);
		await visit(page, `/visits/${id}/withdraw`, locale);
		expect(
			(await call(app.api, 'POST', `/api/staff/requests/${id}/confirm`, { cookie, body: { slot: { date: saturday, start: '14:00' } } }))
				.status
		).toBe(200);
		await page.goto('/visits');
		await page.getByText(t('visitor.requestStatus.booked'), { exact: true }).first().waitFor({ timeout: 20_000 });
		for (const url of [`/visits/${id}`, `/visits/${id}/pass`, `/visits/${id}/cancel`, `/visits/${id}/change`])
			await visit(page, url, locale);
		for (const url of ['/visits/add', '/visits/your-data', '/visits/forget', '/accessibility', '/contact', '/cookies', '/privacy'])
			await visit(page, url, locale);
		await profile.close();
	}, 240_000);

	it(`shows no message keys on any staff page (${locale})`, async () => {
		setLocale(locale);
		const profile = await app.launch({ viewport: { width: 820, height: 1180 } });
		await profile.context.addInitScript(([key, value]) => localStorage.setItem(key, value), [LANGUAGE_STORAGE_KEY, locale] as const);
		const page = profile.context.pages()[0] ?? (await profile.context.newPage());
		const request = await app.api.db
			.selectFrom('visitRequests')
			.select(['id', 'prisonerNumber'])
			.where('prisonId', '=', prisonId)
			.executeTakeFirstOrThrow();

		await visit(page, '/staff/set-password', locale);
		await visit(page, '/staff/forgot-password', locale);
		await visit(page, '/staff', locale);
		await signInAsStaff(page, officer);
		await onQueue(page);
		await expectNoKeys(page, locale);
		for (const url of [
			`/staff/requests/${request.id}`,
			`/staff/visits?date=${saturday}`,
			'/staff/timetable',
			'/staff/gate',
			'/staff/report',
			'/staff/prisoners',
			'/staff/review',
			'/staff/admin/staff',
			'/staff/admin/prisons',
			'/staff/admin/integrations'
		])
			await visit(page, url, locale);

		// Book a visit for a family: its dates of birth, and its errors.
		await visit(page, '/staff/book', locale);
		await page.getByRole('button', { name: t('booking.submit'), exact: true }).click();
		await page.locator('.govuk-error-summary').waitFor();
		await expectNoKeys(page, locale, 'with errors');

		// The prisoner's record, with its "Ban a visitor" form open.
		await visit(page, `/staff/prisoners/${request.prisonerNumber}`, locale);
		await page.getByRole('button', { name: t('prisoners.bans.add'), exact: true }).click();
		await page.getByRole('heading', { name: t('prisoners.bans.add'), exact: true }).waitFor();
		await expectNoKeys(page, locale, 'with the ban form open');
		await profile.close();
	}, 240_000);
}

it('visited every page there is', () => {
	expect(ROUTES.filter((route) => !visited.has(route)).sort()).toEqual([]);
});
