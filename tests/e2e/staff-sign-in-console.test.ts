// A first visit to the staff sign-in page logs nothing in the console (Lighthouse's
// errors-in-console on /staff): the page asks whether a session exists with GET /api/staff/session,
// which answers signed-out with a 200, where GET /api/staff/me's 401 was a console error in Chromium.
import type { ConsoleMessage, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { t } from '../../src/lib/shared/i18n';
import { createPrison, createStaff } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { TABLET, onQueue, signInAsStaff } from '../helpers/staff-pages';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';

let app: VisitorApp;
let officer: { email: string; password: string; name: string };

beforeAll(async () => {
	app = await startVisitorApp();
	officer = await createStaff(app.api.db, { prisonIds: [await createPrison(app.api.db)], name: 'Ceri Console' });
});
afterAll(async () => {
	await app?.close();
});
beforeEach(() => app.screenshotOnFailure());

/** Every console error, uncaught exception and 4xx/5xx answer the page meets from now on. */
function watch(page: Page): { problems: string[]; asked: string[] } {
	const problems: string[] = [];
	const asked: string[] = [];
	page.on('console', (message: ConsoleMessage) => {
		if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url})`);
	});
	page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	page.on('response', (response: Response) => {
		const path = new URL(response.url()).pathname;
		if (path.startsWith('/api/')) asked.push(`${response.request().method()} ${path} ${response.status()}`);
		if (response.status() >= 400) problems.push(`${response.status()} from ${response.request().method()} ${path}`);
	});
	return { problems, asked };
}

it('shows the sign-in form on a first visit to /staff with no console error and no 4xx', async () => {
	const profile = await app.launch({ viewport: TABLET });
	const page = profile.context.pages()[0] ?? (await profile.context.newPage());
	const seen = watch(page);

	await page.goto('/staff');
	await page.getByLabel(t('staff.signIn.email')).waitFor({ timeout: 30_000 });
	// Everything a first visit starts: the deferred device code, the service worker's install.
	await waitForServiceWorker(page);
	await page.waitForLoadState('networkidle');

	expect(seen.problems).toEqual([]);
	expect(seen.asked).toContain('GET /api/staff/session 200');

	// Signed in, the same question says who: the page offers to carry on, still with nothing logged.
	await signInAsStaff(page, officer);
	await onQueue(page);
	await page.goto('/staff');
	await expectText(page, t('staff.signIn.already', { name: officer.name }), 30_000);
	await page.waitForLoadState('networkidle');
	expect(seen.problems).toEqual([]);
});
