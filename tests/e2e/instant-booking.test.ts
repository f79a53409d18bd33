// Booking at once from a phone with no signal: a request made offline for an instant prison is
// booked the moment it syncs, and the phone shows "Visit booked" and the visit pass straight from
// the answer. Real Chromium, real server.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { bookableDate, createPrison } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { prisonRequestRows } from '../helpers/prison-rows';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { chooseSlot, choosePrison, continueToCheck, fillLeadVisitor, fillPrisoner, onPage, sendRequest } from '../helpers/visitor-pages';
import { t } from '../../src/lib/shared/i18n';

let app: VisitorApp;
const prisonName = 'HMP Instant Test';
let prisonId: string;

beforeAll(async () => {
	app = await startVisitorApp();
	prisonId = await createPrison(app.api.db, { name: prisonName, bookingMode: 'instant' });
});

afterAll(async () => {
	await app?.close();
});

beforeEach(() => app.screenshotOnFailure());

it('books a request made offline the moment it syncs, and shows "Visit booked" and its pass', async () => {
	const saturday = bookableDate(6);
	const browser = await app.launch();
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());

	// One online visit: the app installs and the prison's times are saved on the phone.
	await page.goto('/');
	await waitForServiceWorker(page);
	await page.getByRole('button', { name: t('visitor.start.button') }).click();
	await onPage(page, t('visitor.prison.title'));
	// The prison says before anything else that a request is booked at once.
	await expectText(page, t('instant.mode.instant'));
	await choosePrison(page, prisonName);
	await page.goto('/book/slots');
	await onPage(page, t('visitor.slots.title'));
	await expectText(page, new RegExp(t('visitor.lastUpdated', { when: '' }).trim()));

	// No signal: the whole request is made and sent offline.
	await browser.context.setOffline(true);
	await page.goto('/');
	await page.getByRole('button', { name: t('visitor.start.button') }).click();
	await choosePrison(page, prisonName);
	await fillPrisoner(page);
	await fillLeadVisitor(page);
	await chooseSlot(page, { date: saturday, start: '14:00', end: '16:00' });
	await continueToCheck(page);
	await expectText(page, t('instant.mode.instant'));
	const id = await sendRequest(page);
	await expectText(page, t('visitor.sent.waiting'));
	expect(await prisonRequestRows(app.api.db, prisonId)).toEqual({ requests: [], visitors: 0, slots: 0 });

	// Signal back: it syncs, is booked at once, and the phone says so with the pass.
	await browser.context.setOffline(false);
	await expectText(page, t('instant.sent.bookedTitle'));
	const stored = await prisonRequestRows(app.api.db, prisonId);
	expect(stored.requests).toEqual([{ id, reference: expect.any(String), status: 'booked' }]);
	await expectText(page, stored.requests[0]!.reference);
	await page.getByRole('link', { name: t('pass.link') }).click();
	await onPage(page, t('pass.title'));
	await expectText(page, stored.requests[0]!.reference);
}, 120_000);
