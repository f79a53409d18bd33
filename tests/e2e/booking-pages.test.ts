// After one visit with signal, the app opens and books with none, on the narrowest phone we
// support; every page of the booking flow keeps its sync status in view and passes axe-core, and
// a mistake is shown the GOV.UK way. Real Chromium, real server.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { bookableDate, createPrison } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { expectAccessible, expectPageBasics } from '../helpers/page-checks';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { ANSWERS, chooseSlot, fillLeadVisitor, fillPrisoner, heading, onPage, pressContinue, sendRequest } from '../helpers/visitor-pages';
import { t } from '../../src/lib/shared/i18n';

const NARROW_PHONE = { width: 320, height: 640 };

let app: VisitorApp;
const prisonName = 'HMP Narrow Phone';

beforeAll(async () => {
	app = await startVisitorApp();
	await createPrison(app.api.db, { name: prisonName });
});

afterAll(async () => {
	await app?.close();
});

beforeEach(() => app.screenshotOnFailure());

it('opens with no signal after one online visit, and every booking page fits 320 px, shows its sync status and passes axe', async () => {
	const saturday = bookableDate(6);
	const browser = await app.launch({ viewport: NARROW_PHONE });
	const online = browser.context.pages()[0] ?? (await browser.context.newPage());

	// The one online visit: the app installs and the visitor chooses the prison.
	await online.goto('/');
	await waitForServiceWorker(online);
	await expectPageBasics(online, t('visitor.start.title'), { online: true });
	await online.getByRole('button', { name: t('visitor.start.button') }).click();
	await expectPageBasics(online, t('visitor.prison.title'), { online: true });
	await online.getByRole('radio', { name: prisonName, exact: true }).check();
	const calendarSaved = online.waitForResponse((response) => /\/api\/prisons\/[^/]+\/slots\?/.test(response.url()) && response.ok());
	await pressContinue(online);
	await onPage(online, t('visitor.prisoner.title'));
	await calendarSaved;

	// No signal, and a fresh page load: the app itself comes from the service worker.
	await browser.context.setOffline(true);
	await online.close();
	const page = await browser.context.newPage();
	await page.goto('/');
	await expectPageBasics(page, t('visitor.start.title'), { online: false });
	await page.getByRole('button', { name: t('visitor.start.button') }).click();
	await expectPageBasics(page, t('visitor.prison.title'), { online: false });
	await pressContinue(page);

	// Continuing with nothing typed: an error summary first, linking to each field, which has its
	// own message; the words are the shared rules' own.
	await expectPageBasics(page, t('visitor.prisoner.title'), { online: false });
	await page.locator('#prisoner-prisonerNumber').fill('12345');
	await pressContinue(page);
	const summary = page.locator('.govuk-error-summary');
	await heading(page, t('visitor.errorSummary.title')).waitFor({ state: 'visible' });
	await expect.poll(() => summary.evaluate((element) => element === document.activeElement)).toBe(true);
	expect(await page.title()).toMatch(new RegExp(`^${t('visitor.errorPrefix')}`));
	expect(await summary.getByRole('link').allTextContents()).toEqual([
		t('field.prisoner.firstName.required'),
		t('field.prisoner.lastName.required'),
		t('field.prisoner.dateOfBirth.required'),
		t('validation.prisonerNumber.format')
	]);
	expect(await page.locator('#prisoner-prisonerNumber-error').textContent()).toContain(t('validation.prisonerNumber.format'));
	expect(await page.locator('#prisoner-prisonerNumber').getAttribute('aria-describedby')).toContain('prisoner-prisonerNumber-error');
	await summary.getByRole('link', { name: t('field.prisoner.dateOfBirth.required') }).click();
	await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('prisoner-dateOfBirth-day');
	await expectAccessible(page);

	await fillPrisoner(page);
	await expectPageBasics(page, t('visitor.visitors.title'), { online: false });
	await fillLeadVisitor(page);
	await expectPageBasics(page, t('visitor.slots.title'), { online: false });
	await chooseSlot(page, { date: saturday, start: '14:00', end: '16:00' });
	await expectAccessible(page);
	await pressContinue(page);
	await expectPageBasics(page, t('visitor.support.title'), { online: false });
	await pressContinue(page);
	await expectPageBasics(page, t('visitor.check.title'), { online: false });
	expect(await page.getByText(ANSWERS.prisoner.prisonerNumber.toUpperCase(), { exact: true }).count()).toBe(1);
	const id = await sendRequest(page);
	await expectPageBasics(page, t('visitor.sent.waitingTitle'), { online: false });
	await expectText(page, t('visitor.sent.waiting'));

	// Signal back: it sends by itself and the page turns into the confirmation.
	await browser.context.setOffline(false);
	await expectPageBasics(page, t('visitor.sent.title'), { online: true });
	const rows = await app.api.db.selectFrom('visitRequests').select('reference').where('id', '=', id).execute();
	expect(rows).toHaveLength(1);
	await expectText(page, rows[0]!.reference);
}, 120_000);
