// The calendar shows what the server says about places, and a request the server refuses (its
// time filled up while the phone had no signal) says why on the phone and can be sent again with
// another time, ending up stored once. Real Chromium, real server.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { bookableDate, createPrison } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { outboxSettled } from '../helpers/device-store';
import { expectAccessible } from '../helpers/page-checks';
import { openPrisonOffice, type PrisonOffice } from '../helpers/prison-office';
import { prisonRequestRows } from '../helpers/prison-rows';
import { recordRequestsReceived, type RequestsReceived } from '../helpers/requests-received';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import {
	choosePrison,
	continueToCheck,
	dayButton,
	fillLeadVisitor,
	fillPrisoner,
	heading,
	onPage,
	pressContinue,
	sendRequest,
	showMonthOf,
	slotCheckbox
} from '../helpers/visitor-pages';
import { formatDate, formatTimeRange } from '../../src/lib/shared/format';
import { t, tPlural } from '../../src/lib/shared/i18n';
import { slotLine } from '../../src/lib/visitor/slot-line';
import { bookingWindow } from '../../src/lib/shared/rules/booking-window';
import { addDays } from '../../src/lib/shared/rules/dates';

const CAPACITY = 3;
const prisonName = 'HMP Few Tables';

let app: VisitorApp;
let office: PrisonOffice;
let prisonId: string;
let received: RequestsReceived;

beforeAll(async () => {
	app = await startVisitorApp();
	received = recordRequestsReceived(app.api.server.port);
	prisonId = await createPrison(app.api.db, {
		name: prisonName,
		timetable: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '14:00', end: '16:00', capacity: CAPACITY }))
	});
	office = await openPrisonOffice(app.api, prisonId);
});

afterAll(async () => {
	received?.stop();
	await app?.close();
});

beforeEach(() => app.screenshotOnFailure());

/** What the calendar says about a day that cannot be chosen (not a button, unless full: then its times cannot be ticked). */
async function expectDayCannotBeChosen(
	page: Page,
	date: string,
	state: 'full' | 'closed' | 'outside',
	closedReason?: string
): Promise<void> {
	await showMonthOf(page, date);
	const why = closedReason ? t('visitor.slots.day.closedReason', { reason: closedReason }) : t(`visitor.slots.day.${state}`);
	// A closed day with a reason says it twice: in the day's cell and in the list under the grid.
	if (state === 'full') {
		// A full day opens (its times offer the waiting list), but none of its times can be ticked.
		const button = dayButton(page, date);
		expect(await button.getAttribute('aria-label')).toBe(`${formatDate(date)}: ${why}`);
		await button.click();
		await page.getByRole('group', { name: t('visitor.slots.timesOn', { date: formatDate(date) }) }).waitFor();
		const times = await page.getByRole('checkbox').all();
		expect(times.length).toBeGreaterThan(0);
		for (const box of times) expect((await box.isChecked()) || (await box.isDisabled())).toBe(true);
		return;
	}
	await page
		.getByText(`${formatDate(date)}: ${why}`, { exact: true })
		.first()
		.waitFor({ state: 'attached' });
	expect(await dayButton(page, date).count()).toBe(0);
}

/** A day next to the booking window, in a month the calendar shows. */
function dayOutsideWindow(): string {
	const window = bookingWindow({ timeZone: 'Europe/London', leadDays: 3, horizonDays: 28 }, new Date());
	const before = addDays(window.from, -1);
	return before.slice(0, 7) === window.from.slice(0, 7) ? before : addDays(window.to, 1);
}

it('shows the places the server reports, and lets a refused request be sent again with a new time, stored once', async () => {
	const saturday = { date: bookableDate(6), start: '14:00', end: '16:00' };
	const sunday = bookableDate(7);
	const monday = bookableDate(1);
	const tuesday = { date: bookableDate(2), start: '14:00', end: '16:00' };
	await office.bookPlaces(saturday, 1);
	await office.bookPlaces({ date: sunday, start: '14:00' }, CAPACITY);
	await office.close({ date: monday, reason: 'Staff training' });

	const browser = await app.launch();
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());
	await page.goto('/');
	await waitForServiceWorker(page);
	await page.getByRole('button', { name: t('visitor.start.button') }).click();
	await choosePrison(page, prisonName);
	await fillPrisoner(page);
	await fillLeadVisitor(page);
	await onPage(page, t('visitor.slots.title'));

	// The calendar as the server has it: places left, a full day, a closed day, days out of reach.
	await expectDayCannotBeChosen(page, sunday, 'full');
	await expectDayCannotBeChosen(page, monday, 'closed', 'Staff training');
	await expectDayCannotBeChosen(page, dayOutsideWindow(), 'outside');
	await showMonthOf(page, saturday.date);
	const saturdayButton = dayButton(page, saturday.date);
	expect(await saturdayButton.getAttribute('aria-label')).toBe(
		`${formatDate(saturday.date)}: ${tPlural('visitor.slots.day.available', CAPACITY - 1)}`
	);
	await saturdayButton.click();
	await page.getByText(tPlural('visitor.slots.placesLeft', CAPACITY - 1), { exact: true }).waitFor();
	await slotCheckbox(page, saturday.start, saturday.end).check();
	await continueToCheck(page);

	// Sent with no signal; by the time signal returns, other families have taken the last places.
	await browser.context.setOffline(true);
	const refusedId = await sendRequest(page);
	await expectText(page, t('visitor.sent.waiting'));
	await office.bookPlaces(saturday, CAPACITY - 1);
	// What the other families stored through the API; from here on, every submit is the phone's.
	const othersIds = (await prisonRequestRows(app.api.db, prisonId)).requests.map((r) => r.id);
	const submitsBefore = received.count('POST', '/api/visit-requests');
	await browser.context.setOffline(false);

	// The phone says what the server said, naming the time, there and in your visits.
	const reason = t('visitor.refused.slot', { slot: slotLine(saturday), problem: t('validation.slot.full') });
	await onPage(page, t('visitor.sent.notAccepted'));
	await expectText(page, t('api.request.rulesBroken'));
	await expectText(page, reason);
	expect(await app.api.db.selectFrom('visitRequests').select('id').where('id', '=', refusedId).execute()).toEqual([]);
	await expectAccessible(page);
	await page.goto(`/visits/${refusedId}`);
	await onPage(page, t('visitor.visit.notSentTitle'));
	await expectText(page, reason);
	await expectText(page, t('visitor.requestStatus.notSent'));
	await expectAccessible(page);
	await page.goBack();
	await onPage(page, t('visitor.sent.notAccepted'));

	// Choose new times from the sent page, now a fresh page load (the draft must not be lost to
	// the one saved before): the calendar now shows Saturday full, and the old choice is flagged.
	await page.getByRole('button', { name: t('visitor.visit.resend') }).click();
	await onPage(page, t('visitor.slots.title'));
	await expectDayCannotBeChosen(page, saturday.date, 'full');
	await pressContinue(page);
	await heading(page, t('visitor.errorSummary.title')).waitFor();
	await page.getByRole('link', { name: t('validation.slot.full') }).waitFor();
	await expectAccessible(page);
	await page
		.locator('#slots .govuk-summary-list__row')
		.filter({ hasText: t('visitor.slots.choice', { number: 1 }) })
		.getByRole('button', { name: t('visitor.remove') })
		.click();
	await showMonthOf(page, tuesday.date);
	await dayButton(page, tuesday.date).click();
	await slotCheckbox(page, tuesday.start, tuesday.end).check();
	await pressContinue(page);
	await onPage(page, t('visitor.check.title'));
	await expectText(page, `1. ${formatDate(tuesday.date)}, ${formatTimeRange(tuesday.start, tuesday.end)}`);
	const resentId = await sendRequest(page, true);
	await expectText(page, t('visitor.sent.reference'));

	// Stored once, with the new time; the refused one never was. Counted over the whole prison
	// (less the other families' requests) and at the server's door: one refused send, one stored.
	// Counted once the device has nothing left to send.
	await outboxSettled(page);
	const phones = await prisonRequestRows(app.api.db, prisonId, othersIds);
	expect(phones).toEqual({ requests: [{ id: resentId, reference: expect.any(String), status: 'requested' }], visitors: 1, slots: 1 });
	expect(received.count('POST', '/api/visit-requests') - submitsBefore).toBe(2);
	const stored = await app.api.db
		.selectFrom('visitRequests')
		.innerJoin('requestSlots', 'requestSlots.requestId', 'visitRequests.id')
		.select(['visitRequests.id', 'visitRequests.reference', 'requestSlots.date', 'requestSlots.startTime'])
		.where('visitRequests.id', 'in', [refusedId, resentId])
		.execute();
	expect(stored.map(({ id, date, startTime }) => ({ id, date, startTime }))).toEqual([
		{ id: resentId, date: tuesday.date, startTime: tuesday.start }
	]);
	await expectText(page, stored[0]!.reference);
}, 120_000);
