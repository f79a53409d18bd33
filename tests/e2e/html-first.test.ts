// Pages paint from the HTML the server sends, in the reader's language: the words are in the first
// response, not drawn later by JavaScript. The language is the one chosen with the language link (a
// cookie, so the link works with JavaScript off), else the browser's first language. Once the
// service worker answers navigations, the shell it answers with is in the device's language too.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { translate, type Locale, type MessageKey } from '../../src/lib/shared/i18n';
import { LANGUAGE_COOKIE } from '../../src/lib/shared/i18n/choice';
import { waitForServiceWorker } from '../helpers/browser';
import { createPrison } from '../helpers/api';
import { pageRoutes } from '../helpers/routes';
import { startVisitorApp, type VisitorApp } from '../helpers/visitor-app';

let app: VisitorApp;
const prisonName = 'HMP First Paint';
beforeAll(async () => {
	app = await startVisitorApp();
	await createPrison(app.api.db, { name: prisonName });
});
afterAll(async () => {
	await app?.close();
});
beforeEach(() => app.screenshotOnFailure());

/** Every page whose address has no part a person's data fills in: a new page is checked too. */
const staticPages = () => pageRoutes().filter((route) => !route.includes('['));

/** Staff pages other than signing in and setting a password. */
const NEEDS_AN_OFFICER = (pagePath: string) =>
	pagePath.startsWith('/staff/') && !['/staff/set-password', '/staff/forgot-password'].includes(pagePath);

const headingOf = (html: string) => /<h1[^>]*>([^<]+)</.exec(html)?.[1]?.trim();

async function page(pathAndQuery: string, headers: Record<string, string> = {}) {
	const response = await fetch(`${app.api.url}${pathAndQuery}`, { headers });
	return { response, html: await response.text() };
}

it.each(staticPages().flatMap((pagePath) => (['en', 'cy'] as const).map((locale) => [pagePath, locale] as const)))(
	'sends %s in the first response with its heading, in the browser’s language (%s)',
	async (pagePath, locale) => {
		const { response, html } = await page(pagePath, { 'Accept-Language': locale === 'cy' ? 'cy-GB,cy;q=0.9,en;q=0.5' : 'en-GB,en;q=0.9' });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/html/);
		expect(html).toMatch(new RegExp(`<html lang="${locale}"`));
		expect(response.headers.get('vary')).toMatch(/Accept-Language/);
		const heading = headingOf(html.replace(/<noscript>[\s\S]*?<\/noscript>/, ''));
		if (NEEDS_AN_OFFICER(pagePath)) {
			// Whose page it is waits for the officer's session, checked on the device (offline too).
			expect(heading).toBeUndefined();
			expect(html).toContain(translate(locale, 'staff.loading'));
		} else {
			// The page's own heading, in the first response.
			expect(heading, `the heading of ${pagePath}`).toBeTruthy();
		}
	}
);

it.each([
	['/', 'visitor.start.title'],
	['/book/prison', 'visitor.prison.title'],
	['/visits', 'visitor.visits.title'],
	['/staff', 'staff.signIn.title'],
	['/cookies', 'info.cookies.title']
] as [string, MessageKey][])('writes %s in the language chosen, which beats the browser’s', async (pagePath, key) => {
	for (const [chosen, browser] of [
		['cy', 'en'],
		['en', 'cy']
	] as [Locale, Locale][]) {
		const { html } = await page(pagePath, { Cookie: `${LANGUAGE_COOKIE}=${chosen}`, 'Accept-Language': browser });
		expect(html).toContain(`<html lang="${chosen}"`);
		expect(html).toContain(`>${translate(chosen, key)}</h1>`);
	}
});

it('remembers a language asked for in the link, with JavaScript off, for the pages after', async () => {
	const { context } = await app.launch({ javaScript: false });
	const tab = context.pages()[0] ?? (await context.newPage());
	await tab.goto('/book/prison');
	expect(await tab.locator('html').getAttribute('lang')).toBe('en');
	await tab.getByRole('link', { name: 'Cymraeg', exact: true }).click();
	await tab.getByRole('heading', { level: 1, name: translate('cy', 'visitor.prison.title') }).waitFor();
	expect(await tab.locator('html').getAttribute('lang')).toBe('cy');
	await tab.goto('/visits');
	await tab.getByRole('heading', { level: 1, name: translate('cy', 'visitor.visits.title') }).waitFor();
	expect(await tab.locator('html').getAttribute('lang')).toBe('cy');
	expect((await context.cookies()).find((cookie) => cookie.name === LANGUAGE_COOKIE)?.value).toBe('cy');
});

it('answers a navigation from the service worker with the shell in the device’s language', async () => {
	const { context } = await app.launch();
	const tab = context.pages()[0] ?? (await context.newPage());
	await tab.goto('/');
	await waitForServiceWorker(tab);
	await tab.getByRole('link', { name: 'Cymraeg', exact: true }).click();
	await tab.getByRole('heading', { level: 1, name: translate('cy', 'visitor.start.title') }).waitFor();
	// What the worker sent, before the page's script could touch it.
	const sent = new Promise<{ fromWorker: boolean; html: string }>((resolve) => {
		tab.on('response', (response) => {
			if (response.request().isNavigationRequest())
				void response.text().then((html) => resolve({ fromWorker: response.fromServiceWorker(), html }));
		});
	});
	await context.setOffline(true);
	await tab.goto('/visits');
	const { fromWorker, html } = await sent;
	expect(fromWorker).toBe(true);
	expect(html).toContain('<html lang="cy"');
	await tab.getByRole('heading', { level: 1, name: translate('cy', 'visitor.visits.title') }).waitFor();
});

it('answers a page asked again with 304 and no policy of its own, so the policy naming its script stays', async () => {
	const first = await page('/book/prison');
	const etag = first.response.headers.get('etag');
	expect(etag).toBeTruthy();
	expect(first.response.headers.get('cache-control')).toBe('private, no-cache');
	const again = await fetch(`${app.api.url}/book/prison`, { headers: { 'If-None-Match': etag! } });
	expect(again.status).toBe(304);
	expect(again.headers.get('content-security-policy')).toBeNull();
});

it('lists the prisons to choose from in the first response (the page’s largest content), read in this process', async () => {
	const { html } = await page('/book/prison');
	expect(html).toContain(prisonName);
	expect(html).not.toContain(`>${translate('en', 'visitor.loading')}<`);
	// The app takes the page over with that same answer, replayed from the page: it is in it.
	expect(html).toMatch(/<script type="application\/json" data-sveltekit-fetched data-url="\/api\/prisons"/);
});
