// "Your visits" on a phone that loses signal: a booked visit's calendar file and the prison's
// address and information still open, and a cancel or a withdraw made offline waits in the outbox
// and reaches the server when signal returns. Every page passes axe-core at 320 px.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { bookableDate, createPrison } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { expectPageBasics } from '../helpers/page-checks';
import { openPrisonOffice, type PrisonOffice } from '../helpers/prison-office';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { fillRequest, sendRequest } from '../helpers/visitor-pages';
import { ROCHESTER } from '../../server/demo-prison';
import { formatDate, formatTimeRange } from '../../src/lib/shared/format';
import { t } from '../../src/lib/shared/i18n';
import { instantOf } from '../../src/lib/shared/rules/dates';
import { icsDateTime } from '../../src/lib/client/ics';

let app: VisitorApp;
let office: PrisonOffice;
const prisonName = 'HMP Your Visits';

beforeAll(async () => {
	app = await startVisitorApp();
	const prisonId = await createPrison(app.api.db, { name: prisonName });
	office = await openPrisonOffice(app.api, prisonId);
});

afterAll(async () => {
	await app?.close();
});

beforeEach(() => app.screenshotOnFailure());

async function statusOf(id: string): Promise<string | undefined> {
	return (await app.api.db.selectFrom('visitRequests').select('status').where('id', '=', id).executeTakeFirst())?.status;
}

async function referenceOf(id: string): Promise<string> {
	return (await app.api.db.selectFrom('visitRequests').select('reference').where('id', '=', id).executeTakeFirstOrThrow()).reference;
}

/** Saves the page's "Add to calendar" file and returns its text. */
async function downloadCalendarFile(page: Page): Promise<string> {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: t('visitor.visit.addToCalendar') }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/\.ics$/);
	return readFile(await download.path(), 'utf8');
}

it('keeps a booked visit readable offline, and sends a cancel and a withdraw made offline once signal returns', async () => {
	const booked = { date: bookableDate(6), start: '14:00', end: '16:00' };
	const waiting = { date: bookableDate(2), start: '14:00', end: '16:00' };
	const browser = await app.launch({ viewport: { width: 320, height: 640 } });
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());

	// Two requests sent with signal; the prison books the first.
	await page.goto('/');
	await waitForServiceWorker(page);
	await fillRequest(page, prisonName, booked);
	const bookedId = await sendRequest(page);
	await expectText(page, t('visitor.sent.reference'));
	await fillRequest(page, prisonName, waiting);
	const waitingId = await sendRequest(page);
	await expectText(page, t('visitor.sent.reference'));
	await office.confirm(bookedId, booked);
	const bookedReference = await referenceOf(bookedId);
	const waitingReference = await referenceOf(waitingId);

	// Your visits fetches the decision.
	await page.getByRole('link', { name: t('visitor.sent.yourVisits') }).click();
	await expectPageBasics(page, t('visitor.visits.title'), { online: true });
	const bookedCard = page.getByRole('listitem').filter({ hasText: bookedReference });
	await bookedCard.getByText(t('visitor.requestStatus.booked'), { exact: true }).waitFor();
	await bookedCard.getByRole('link').click();

	// The booked visit's page, then the same with no signal after a reload.
	const bookedTitle = t('family.visit.title', { reference: bookedReference });
	const bookedFor = t('visitor.visit.bookedFor', { date: formatDate(booked.date), time: formatTimeRange(booked.start, booked.end) });
	for (const online of [true, false]) {
		if (!online) {
			await browser.context.setOffline(true);
			await page.reload();
		}
		await expectPageBasics(page, bookedTitle, { online });
		await expectText(page, bookedFor);
		await expectText(page, ROCHESTER.address!);
		await expectText(page, ROCHESTER.visitorInfo!);
		const ics = await downloadCalendarFile(page);
		expect(ics).toContain('BEGIN:VCALENDAR');
		expect(ics).toContain(`DTSTART:${icsDateTime(instantOf(booked.date, booked.start, ROCHESTER.timeZone!))}`);
		expect(ics).toContain(`DTEND:${icsDateTime(instantOf(booked.date, booked.end, ROCHESTER.timeZone!))}`);
	}

	// Offline, cancel the booked visit: it waits on the phone.
	await page.getByRole('button', { name: t('visitor.visit.cancel') }).click();
	await expectPageBasics(page, t('visitor.cancel.title'), { online: false });
	await page.getByRole('button', { name: t('visitor.cancel.confirm') }).click();
	await expectPageBasics(page, bookedTitle, { online: false });
	await expectText(page, t('sync.request.cancelWaiting'));

	// Offline, withdraw the request still waiting for a decision.
	await page.getByRole('link', { name: t('visitor.back') }).click();
	await expectPageBasics(page, t('visitor.visits.title'), { online: false });
	await page.getByRole('listitem').filter({ hasText: waitingReference }).getByRole('link').click();
	const waitingTitle = t('visitor.visit.title', { reference: waitingReference });
	await expectPageBasics(page, waitingTitle, { online: false });
	await page.getByRole('button', { name: t('visitor.visit.withdraw') }).click();
	await expectPageBasics(page, t('visitor.withdraw.title'), { online: false });
	await page.getByRole('button', { name: t('visitor.withdraw.confirm') }).click();
	await expectPageBasics(page, waitingTitle, { online: false });
	await expectText(page, t('sync.request.withdrawWaiting'));
	expect([await statusOf(bookedId), await statusOf(waitingId)]).toEqual(['booked', 'requested']);

	// Signal back: both reach the server, and the phone shows the outcome.
	await browser.context.setOffline(false);
	await expectText(page, t('visitor.requestStatus.withdrawn'));
	await expect.poll(() => Promise.all([statusOf(bookedId), statusOf(waitingId)]), { timeout: 15_000 }).toEqual(['cancelled', 'withdrawn']);
	await expectPageBasics(page, waitingTitle, { online: true });

	// The family cancelled the booked visit themselves: its page says which visit, and no "why" they already know.
	await page.getByRole('link', { name: t('visitor.back') }).click();
	const cancelledCard = page.getByRole('listitem').filter({ hasText: bookedReference });
	await cancelledCard.getByText(t('visitor.requestStatus.cancelled'), { exact: true }).waitFor();
	await cancelledCard.getByRole('link').click();
	await expectText(
		page,
		t('journeys.visit.cancelledWhich', { date: formatDate(booked.date), time: formatTimeRange(booked.start, booked.end) })
	);
	expect(await page.getByRole('heading', { name: t('visitor.visit.cancelReason') }).count()).toBe(0);
	expect(await page.getByText(t('visitor.cancellation.visitor_asked')).count()).toBe(0);
}, 120_000);
