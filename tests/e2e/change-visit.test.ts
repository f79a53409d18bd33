// Changing a booked visit from the phone: a family asks for a new time with no signal,
// the change waits in the outbox and reaches the prison when signal returns, an officer moves the
// visit on the staff request page (its decision queued while the tablet is offline), and the family's page, visit pass and calendar file follow it.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { bookableDate, createPrison, createStaff } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { openPrisonOffice, type PrisonOffice } from '../helpers/prison-office';
import { expectAccessible, signInAsStaff, TABLET } from '../helpers/staff-pages';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { dayButton, fillRequest, onPage, sendRequest, showMonthOf, slotCheckbox } from '../helpers/visitor-pages';
import { ROCHESTER } from '../../server/demo-prison';
import { formatDate, formatTime, formatTimeRange } from '../../src/lib/shared/format';
import { t } from '../../src/lib/shared/i18n';
import { instantOf } from '../../src/lib/shared/rules/dates';
import { icsDateTime } from '../../src/lib/client/ics';

let app: VisitorApp;
let office: PrisonOffice;
let prisonId: string;
const prisonName = 'HMP Change Visit';

beforeAll(async () => {
	app = await startVisitorApp();
	prisonId = await createPrison(app.api.db, { name: prisonName });
	office = await openPrisonOffice(app.api, prisonId);
});

afterAll(async () => {
	await app?.close();
});

beforeEach(() => app.screenshotOnFailure());

async function downloadCalendarFile(page: Page): Promise<string> {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: t('visitor.visit.addToCalendar') }).click()
	]);
	return readFile(await download.path(), 'utf8');
}

const line = (ics: string, name: string) => ics.split('\r\n').find((l) => l.startsWith(`${name}:`));

const changesOf = (id: string) => app.api.db.selectFrom('visitChanges').select(['status', 'slots']).where('requestId', '=', id).execute();

it('a family changes a visit offline, it syncs, staff move it, and the pass and .ics show the new time', async () => {
	const booked = { date: bookableDate(6), start: '14:00', end: '16:00' };
	const wanted = { date: bookableDate(2), start: '14:00', end: '16:00' };
	const browser = await app.launch();
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());

	// Booked with signal.
	await page.goto('/');
	await waitForServiceWorker(page);
	await fillRequest(page, prisonName, booked);
	const id = await sendRequest(page);
	await expectText(page, t('visitor.sent.reference'));
	await office.confirm(id, booked);
	const { reference } = await app.api.db.selectFrom('visitRequests').select('reference').where('id', '=', id).executeTakeFirstOrThrow();
	const title = t('family.visit.title', { reference });
	// Your visits fetches the decision.
	await page.getByRole('link', { name: t('visitor.sent.yourVisits') }).click();
	const card = page.getByRole('listitem').filter({ hasText: reference });
	await card.getByText(t('visitor.requestStatus.booked'), { exact: true }).waitFor({ timeout: 15_000 });
	await card.getByRole('link').click();
	await onPage(page, title);
	await expectText(page, t('visitor.visit.bookedFor', { date: formatDate(booked.date), time: formatTimeRange(booked.start, booked.end) }));
	const before = await downloadCalendarFile(page);

	// No signal: choose a new time on the same calendar; it waits on the phone.
	await browser.context.setOffline(true);
	await page.getByRole('button', { name: t('change.link') }).click();
	await onPage(page, t('change.title'));
	await showMonthOf(page, wanted.date);
	await dayButton(page, wanted.date).click();
	await slotCheckbox(page, wanted.start, wanted.end).check();
	await page.getByRole('button', { name: t('change.submit'), exact: true }).click();
	await onPage(page, title);
	await expectText(page, t('change.pending.queued'));
	await expectText(page, `${formatDate(wanted.date)}, ${formatTime(wanted.start)}`);
	expect(await changesOf(id)).toEqual([]);

	// Signal back: sent once; the visit is still booked at its old time.
	await browser.context.setOffline(false);
	await expect
		.poll(() => changesOf(id), { timeout: 15_000 })
		.toEqual([{ status: 'pending', slots: [{ date: wanted.date, start: wanted.start }] }]);
	await expectText(page, t('change.pending.sent'));

	// An officer sees both times on the request page and moves the visit.
	const officer = await createStaff(app.api.db, { prisonIds: [prisonId] });
	const staff = await app.launch({ viewport: TABLET });
	const tablet = staff.context.pages()[0] ?? (await staff.context.newPage());
	await tablet.goto('/staff');
	await signInAsStaff(tablet, officer);
	await tablet.getByRole('heading', { level: 1, name: t('staff.requests.title') }).waitFor({ timeout: 15_000 });
	const changeQueue = tablet.getByTestId('change-queue');
	await changeQueue.getByRole('link', { name: reference, exact: true }).click();
	await onPage(tablet, t('staff.request.title', { reference }));
	await tablet.getByRole('heading', { name: t('changeStaff.title') }).waitFor();
	await expectAccessible(tablet, 'the staff request page with a change');
	await tablet.getByRole('radio', { name: t('changeStaff.confirm'), exact: true }).check();
	await tablet.locator('input[name="change-slot"]').first().check();
	// The hall's Wi-Fi drops as the officer decides: the decision waits in the tablet's outbox.
	await staff.context.setOffline(true);
	await tablet.getByRole('button', { name: t('changeStaff.confirm.submit'), exact: true }).click();
	await expectText(tablet, t('staff.request.waiting'));
	expect(
		(await app.api.db.selectFrom('visitRequests').select('bookedDate').where('id', '=', id).executeTakeFirstOrThrow()).bookedDate
	).toBe(booked.date);
	await staff.context.setOffline(false);
	await expect
		.poll(
			async () =>
				await app.api.db
					.selectFrom('visitRequests')
					.select(['bookedDate', 'calendarSequence'])
					.where('id', '=', id)
					.executeTakeFirstOrThrow(),
			{ timeout: 15_000 }
		)
		.toEqual({ bookedDate: wanted.date, calendarSequence: 1 });

	// The family's phone learns the new time; the pass and the calendar file follow it.
	await page.goto('/visits');
	await page.getByRole('listitem').filter({ hasText: reference }).getByRole('link').click();
	await onPage(page, title);
	const newTime = t('visitor.visit.bookedFor', { date: formatDate(wanted.date), time: formatTimeRange(wanted.start, wanted.end) });
	await expectText(page, newTime);
	await expectText(page, t('change.outcome.confirmed', { date: formatDate(booked.date), time: formatTime(booked.start) }));
	const after = await downloadCalendarFile(page);
	expect(line(after, 'UID')).toBe(line(before, 'UID'));
	expect(line(before, 'SEQUENCE')).toBe('SEQUENCE:0');
	expect(line(after, 'SEQUENCE')).toBe('SEQUENCE:1');
	expect(line(after, 'DTSTART')).toBe(`DTSTART:${icsDateTime(instantOf(wanted.date, wanted.start, ROCHESTER.timeZone!))}`);
	await page.getByRole('link', { name: t('pass.link') }).click();
	await onPage(page, t('pass.title'));
	await expectText(page, formatDate(wanted.date));
	expect(await page.textContent('main')).not.toContain(formatDate(booked.date));
}, 150_000);
