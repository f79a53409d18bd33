// A family's journey walked at 390 px: the start page says what they need before starting, the
// sent page what happens next (with a timescale, and the email they chose), a request saved with
// no signal is not shown as done, a booked visit is a visit (not a request), a withdrawn request
// stops telling them when to arrive, and a waiting-list entry says whom it is for.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { bookableDate, call, createPrison, createStaff, signIn, yearBorn } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { openPrisonOffice, type PrisonOffice } from '../helpers/prison-office';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import {
	ANSWERS,
	choosePrison,
	continueToCheck,
	dayButton,
	fillLeadVisitor,
	fillPrisoner,
	fillRequest,
	heading,
	onPage,
	sendRequest,
	showMonthOf,
	slotCheckbox
} from '../helpers/visitor-pages';
import { ROCHESTER } from '../../server/demo-prison';
import { DEFAULT_PRISON_RULES } from '../../src/lib/shared/domain';
import { formatDate, formatTimeRange } from '../../src/lib/shared/format';
import { t, tPlural } from '../../src/lib/shared/i18n';

let smtp: TestSmtpServer;
let app: VisitorApp;
let office: PrisonOffice;
let staffCookie: string;
const prisonName = 'HMP Family Journeys';
// Two tables a time, so a test can fill one and find its waiting list; Saturdays have a morning too.
const CAPACITY = 2;

beforeAll(async () => {
	smtp = await startSmtpServer();
	app = await startVisitorApp({ env: { SMTP_URL: smtp.url } });
	const prisonId = await createPrison(app.api.db, {
		name: prisonName,
		timetable: [
			...[1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '14:00', end: '16:00', capacity: CAPACITY })),
			{ weekday: 6, start: '09:30', end: '11:30', capacity: CAPACITY }
		]
	});
	office = await openPrisonOffice(app.api, prisonId);
	staffCookie = await signIn(app.api, await createStaff(app.api.db, { prisonIds: [prisonId] }));
});

afterAll(async () => {
	await app?.close();
	await smtp?.close();
});

beforeEach(() => app.screenshotOnFailure());

const referenceOf = async (id: string) =>
	(await app.api.db.selectFrom('visitRequests').select('reference').where('id', '=', id).executeTakeFirstOrThrow()).reference;

it('says before the start what a family needs, and after sending what happens next and when', async () => {
	const slot = { date: bookableDate(3), start: '14:00', end: '16:00' };
	const browser = await app.launch();
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());
	await page.goto('/');
	await waitForServiceWorker(page);
	await onPage(page, t('visitor.start.title'));
	await heading(page, t('visitor.start.before')).waitFor();
	await expectText(page, t('visitor.start.approvedList'));
	await expectText(page, t('visitor.start.photoId', { age: DEFAULT_PRISON_RULES.adultAge }));
	await expectText(page, t('visitor.start.window', { lead: DEFAULT_PRISON_RULES.leadDays, horizon: DEFAULT_PRISON_RULES.horizonDays }));
	await heading(page, t('visitor.start.hearTitle')).waitFor();
	await expectText(page, t('visitor.start.hearCheck'));
	// The service's name is a name, not a 30px logo that takes two lines of a phone.
	const serviceName = page.getByRole('link', { name: t('service.name'), exact: true }).first();
	expect(await serviceName.evaluate((link) => getComputedStyle(link).fontSize)).toBe('19px');

	// Sent with no signal: saved, not done. No green panel until the prison has it.
	await fillRequest(page, prisonName, slot);
	await browser.context.setOffline(true);
	const id = await sendRequest(page);
	await onPage(page, t('visitor.sent.waitingTitle'));
	await expectText(page, t('visitor.sent.waiting'));
	expect(await page.locator('.govuk-panel').count()).toBe(0);
	expect(await page.getByRole('region', { name: t('family.banner.important') }).isVisible()).toBe(true);

	// Signal back: sent. What happens next has a timescale and names the email the family chose.
	await browser.context.setOffline(false);
	await onPage(page, t('visitor.sent.title'));
	expect(await page.locator('.govuk-panel').count()).toBe(1);
	await heading(page, t('visitor.sent.next')).waitFor();
	await expectText(page, t('family.next.check'));
	await expectText(page, t('family.next.email', { email: ANSWERS.lead.email }));

	// Booked: the page is the visit's, with its time, not a request's times in order of preference.
	await office.confirm(id, slot);
	const reference = await referenceOf(id);
	await page.getByRole('link', { name: t('visitor.sent.yourVisits') }).click();
	const card = page.getByRole('listitem').filter({ hasText: reference });
	await card.getByText(t('visitor.requestStatus.booked'), { exact: true }).waitFor({ timeout: 15_000 });
	await card.getByRole('link').click();
	await onPage(page, t('family.visit.title', { reference }));
	await expectText(page, t('visitor.visit.bookedFor', { date: formatDate(slot.date), time: formatTimeRange(slot.start, slot.end) }));
	await expectText(page, ROCHESTER.visitorInfo!);
	expect(await page.getByText(t('visitor.check.slots'), { exact: true }).count()).toBe(0);
}, 150_000);

it('stops telling a family when to arrive once they withdraw, and names whom a waiting-list entry is for', async () => {
	const slot = { date: bookableDate(5), start: '14:00', end: '16:00' };
	const browser = await app.launch();
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());
	await page.goto('/');
	await waitForServiceWorker(page);
	await fillRequest(page, prisonName, slot);
	const id = await sendRequest(page);
	await expectText(page, t('visitor.sent.reference'));
	const reference = await referenceOf(id);
	const title = t('visitor.visit.title', { reference });
	await page.goto(`/visits/${id}`);
	await onPage(page, title);
	await expectText(page, ROCHESTER.visitorInfo!);
	// The time asked for says when it ends, as on the check page ("2pm to 4pm", not "2pm").
	const asked = `1. ${formatDate(slot.date)}, ${formatTimeRange(slot.start, slot.end)}`;
	await expectText(page, asked);
	await page.goto('/visits');
	await expectText(page, asked);
	await page.goto(`/visits/${id}`);
	await onPage(page, title);
	await page.getByRole('button', { name: t('visitor.visit.withdraw') }).click();
	await onPage(page, t('visitor.withdraw.title'));
	// The family sees which request they are about to withdraw.
	const which = page.getByTestId('confirm-which');
	await which.getByText(`${ANSWERS.prisoner.firstName} ${ANSWERS.prisoner.lastName}`, { exact: true }).waitFor();
	await which.getByText(t('visitor.visit.title', { reference }), { exact: true }).waitFor();
	await which.getByText(asked, { exact: true }).waitFor();
	await page.getByRole('button', { name: t('visitor.withdraw.confirm') }).click();
	await onPage(page, title);
	await page.getByText(t('visitor.requestStatus.withdrawn'), { exact: true }).first().waitFor({ timeout: 15_000 });
	expect(await page.getByText(ROCHESTER.visitorInfo!).count()).toBe(0);
	expect(await page.getByRole('heading', { name: t('visitor.visit.information') }).count()).toBe(0);

	// Another family's visits fill a time; this family joins its waiting list while booking for Ada.
	const full = { date: bookableDate(4), start: '14:00', end: '16:00' };
	await office.bookPlaces(full, CAPACITY);
	await page.goto('/');
	await page.getByRole('button', { name: t('visitor.start.button') }).click();
	await choosePrison(page, prisonName);
	await fillPrisoner(page);
	await fillLeadVisitor(page);
	await onPage(page, t('visitor.slots.title'));
	await showMonthOf(page, full.date);
	await dayButton(page, full.date).click();
	// The full day being looked at still shows its number: light on dark, like any day looked at.
	const number = dayButton(page, full.date).locator('.app-calendar__number');
	const colours = await number.evaluate((element) => ({
		text: getComputedStyle(element).color,
		patch: getComputedStyle(element).backgroundColor
	}));
	expect(colours.text).not.toBe(colours.patch);
	const when = { time: formatTimeRange(full.start, full.end), date: formatDate(full.date) };
	await page.getByRole('button', { name: `${t('waitlist.join')} ${t('waitlist.joinAt', when)}`, exact: true }).click();
	// On the list once the server has it (the join no longer only queued on the phone).
	await page
		.getByRole('button', { name: `${t('waitlist.leave')} ${t('waitlist.leaveFor', when)}`, exact: true })
		.waitFor({ timeout: 15_000 });
	// This phone has no notifications on; the service sends email: it promises the email, nothing more.
	const promise = t('family.waitlist.tellEmail', { email: ANSWERS.lead.email });
	await expectText(page, promise);
	expect(await page.getByText(t('family.waitlist.tellPush')).count()).toBe(0);
	await page.goto('/visits');
	await heading(page, t('waitlist.heading')).waitFor();
	await expectText(page, promise);
	const entry = page.locator('[aria-labelledby="waitlist"] > li');
	await entry.getByRole('heading', { name: `${ANSWERS.prisoner.firstName} ${ANSWERS.prisoner.lastName}`, exact: true }).waitFor();
	await expectText(page, t('waitlist.item', { prison: prisonName, ...when }));
}, 150_000);

it('says which visitor an error is about, and after removing a visitor keeps focus where they were', async () => {
	const browser = await app.launch();
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());
	await page.goto('/');
	await page.getByRole('button', { name: t('visitor.start.button') }).click();
	await choosePrison(page, prisonName);
	await fillPrisoner(page);
	await onPage(page, t('visitor.visitors.title'));
	const addVisitor = page.getByRole('button', { name: t('visitor.visitors.add'), exact: true });
	await addVisitor.click();
	await addVisitor.click();
	// The lead visitor without a first name; visitor 2 complete; visitor 3 without a last name.
	await page.locator('#visitors-0-lastName').fill('Lovelace');
	await page.locator('#visitors-0-dateOfBirth-day').fill('3');
	await page.locator('#visitors-0-dateOfBirth-month').fill('2');
	await page.locator('#visitors-0-dateOfBirth-year').fill('1965');
	await page.locator('#visitors-0-email').fill('mary@example.com');
	await page.locator('#visitors-1-firstName').fill('Ann');
	await page.locator('#visitors-1-lastName').fill('Lovelace');
	await page.locator('#visitors-1-dateOfBirth-day').fill('1');
	await page.locator('#visitors-1-dateOfBirth-month').fill('1');
	await page.locator('#visitors-1-dateOfBirth-year').fill(String(yearBorn(14)));
	await page.locator('#visitors-2-firstName').fill('Bea');
	await page.locator('#visitors-2-dateOfBirth-day').fill('1');
	await page.locator('#visitors-2-dateOfBirth-month').fill('1');
	await page.locator('#visitors-2-dateOfBirth-year').fill(String(yearBorn(12)));
	await page.getByRole('button', { name: t('visitor.continue'), exact: true }).click();
	const summary = page.locator('.govuk-error-summary__list a');
	await expect
		.poll(() => summary.allTextContents())
		.toEqual([t('visitorField.firstName.required.lead'), t('visitorField.lastName.required.numbered', { number: 3 })]);
	expect(await page.locator('#visitors-2-lastName-error').textContent()).toContain(
		t('visitorField.lastName.required.numbered', { number: 3 })
	);

	// Removing visitor 2: focus goes to the visitor who takes their place, now visitor 2.
	await page.getByRole('button', { name: t('visitor.visitors.remove', { number: 2 }), exact: true }).click();
	const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? document.activeElement?.tagName);
	await expect.poll(focused).toBe(t('visitor.visitors.other', { number: 2 }));
	expect(await page.locator('#visitors-1-firstName').inputValue()).toBe('Bea');
	// Removing the last one: focus goes to "Add another visitor", which now follows the lead visitor.
	await page.getByRole('button', { name: t('visitor.visitors.remove', { number: 2 }), exact: true }).click();
	await expect.poll(focused).toBe(t('visitor.visitors.add'));
}, 120_000);

/** The times heading is focused and wholly on screen (a phone's first screen after the tap). */
async function expectTimesInView(page: Page): Promise<void> {
	await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('times-heading');
	const box = await page.locator('#times-heading').boundingBox();
	const viewport = page.viewportSize();
	expect(box && viewport && box.y >= 0 && box.y + box.height <= viewport.height).toBe(true);
}

it('shows the times of a day tapped where the phone is looking, keys each kind of day apart, and offers light links to order the times', async () => {
	const tuesday = { date: bookableDate(2), start: '14:00', end: '16:00' };
	const saturday = bookableDate(6);
	const browser = await app.launch();
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());
	await page.goto('/');
	await page.getByRole('button', { name: t('visitor.start.button') }).click();
	await choosePrison(page, prisonName);
	await fillPrisoner(page);
	await fillLeadVisitor(page);
	await onPage(page, t('visitor.slots.title'));

	// Full, closed and cannot-be-booked differ by pattern or outline, not by colour alone.
	const patterns = await page
		.getByTestId('calendar-key')
		.locator('.app-calendar__swatch')
		.evaluateAll((swatches) =>
			swatches.map((swatch) => {
				const style = getComputedStyle(swatch);
				return `${style.backgroundImage.replace(/rgba?\([^)]*\)/g, '')} ${style.borderTopStyle}`;
			})
		);
	const [, full, closed, outside] = patterns;
	expect(new Set([full, closed, outside]).size).toBe(3);

	// Tapping a day brings its times into view, their heading focused.
	await showMonthOf(page, tuesday.date);
	await dayButton(page, tuesday.date).click();
	await expectTimesInView(page);
	await slotCheckbox(page, tuesday.start, tuesday.end).check();
	await showMonthOf(page, saturday);
	await dayButton(page, saturday).click();
	await expectTimesInView(page);
	await slotCheckbox(page, '09:30', '11:30').check();

	// Ordering the choices: links in a summary list, none a full-width or red button.
	const chosen = page.locator('#slots');
	const actions = chosen.getByRole('button');
	expect(await actions.allTextContents()).toEqual([
		`${t('visitor.slots.moveDown')}: ${t('visitor.slots.choice', { number: 1 })}`,
		`${t('visitor.remove')}: ${t('visitor.slots.choice', { number: 1 })}`,
		`${t('visitor.slots.moveUp')}: ${t('visitor.slots.choice', { number: 2 })}`,
		`${t('visitor.remove')}: ${t('visitor.slots.choice', { number: 2 })}`
	]);
	expect(await chosen.locator('.govuk-button').count()).toBe(0);
	const widths = await actions.evaluateAll((buttons) => buttons.map((button) => button.getBoundingClientRect().width));
	const listWidth = (await chosen.boundingBox())!.width;
	expect(widths.every((width) => width < listWidth / 2)).toBe(true);
	const action = (words: string, number: number) => actions.filter({ hasText: `${words}: ${t('visitor.slots.choice', { number })}` });
	// GOV.UK's link colour, not the warning button's red.
	expect(await action(t('visitor.remove'), 1).evaluate((button) => getComputedStyle(button).color)).toBe('rgb(29, 112, 184)');
	await action(t('visitor.slots.moveUp'), 2).click();
	await expect
		.poll(() => chosen.locator('.govuk-summary-list__value').allTextContents())
		.toEqual([expect.stringContaining(formatDate(saturday)), expect.stringContaining(formatDate(tuesday.date))]);
	await action(t('visitor.remove'), 1).click();
	await expect.poll(() => chosen.locator('.govuk-summary-list__row').count()).toBe(1);

	// Booked on Tuesday; the prison then closes Saturday morning. "Change this visit" has the same
	// picker, with the closure's reason on the closed time.
	await continueToCheck(page);
	const id = await sendRequest(page);
	await expectText(page, t('visitor.sent.reference'));
	await office.confirm(id, tuesday);
	await office.close({ date: saturday, start: '09:30', reason: 'Staff training' });
	await page.getByRole('link', { name: t('visitor.sent.yourVisits') }).click();
	const reference = await referenceOf(id);
	const card = page.getByRole('listitem').filter({ hasText: reference });
	await card.getByText(t('visitor.requestStatus.booked'), { exact: true }).waitFor({ timeout: 15_000 });
	await card.getByRole('link').click();
	await onPage(page, t('family.visit.title', { reference }));
	await page.getByRole('button', { name: t('change.link') }).click();
	await onPage(page, t('change.title'));
	await showMonthOf(page, saturday);
	await dayButton(page, saturday).click();
	await expectTimesInView(page);
	const morning = slotCheckbox(page, '09:30', '11:30');
	expect(await morning.isDisabled()).toBe(true);
	const hintId = await morning.getAttribute('aria-describedby');
	expect(await page.locator(`#${hintId}`).textContent()).toBe(t('visitor.slots.day.closedReason', { reason: 'Staff training' }));
	await slotCheckbox(page, '14:00', '16:00').check();
	expect(await page.locator('#slots .govuk-button').count()).toBe(0);
}, 180_000);

it('keeps a request fresh while its pages are open: on focus, every half minute, on reconnect, and says when it last checked', async () => {
	const slot = { date: bookableDate(1), start: '14:00', end: '16:00' };
	const browser = await app.launch();
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());
	// The page's clock runs as usual, and the test can move it on (the half-minute timer, "2 minutes ago").
	await page.clock.install();
	await page.goto('/');
	await waitForServiceWorker(page);
	await fillRequest(page, prisonName, slot);
	const id = await sendRequest(page);
	await expectText(page, t('visitor.sent.reference'));
	const reference = await referenceOf(id);
	await page.getByRole('link', { name: t('visitor.sent.yourVisits') }).click();
	await onPage(page, t('visitor.visits.title'));
	const checked = page.getByTestId('checked');
	await expect.poll(() => checked.textContent(), { timeout: 15_000 }).toContain(t('family.checked.justNow'));

	// The prison books it while "Your visits" is open: coming back to the page (focus) shows it.
	await office.confirm(id, slot);
	await page.evaluate(() => dispatchEvent(new Event('focus')));
	const card = page.getByRole('listitem').filter({ hasText: reference });
	await card.getByText(t('visitor.requestStatus.booked'), { exact: true }).waitFor({ timeout: 15_000 });

	// The visit's own page asks too: the prison cancels, and half a minute later the page shows it.
	await card.getByRole('link').click();
	await onPage(page, t('family.visit.title', { reference }));
	await expect.poll(() => checked.textContent(), { timeout: 15_000 }).toContain(t('family.checked.justNow'));
	const cancelled = await call(app.api, 'POST', `/api/staff/requests/${id}/cancel`, {
		cookie: staffCookie,
		body: { reason: 'other', message: 'The visits hall is being repaired' }
	});
	expect(cancelled.status).toBe(200);
	await page.clock.fastForward('00:31');
	await page.getByText(t('visitor.requestStatus.cancelled'), { exact: true }).first().waitFor({ timeout: 15_000 });

	// No signal for a while: the page says how old its news is.
	await browser.context.setOffline(true);
	await page.clock.fastForward('02:30');
	await expect.poll(() => checked.textContent(), { timeout: 15_000 }).toContain(tPlural('family.checked.minutes', 2));
	await expectText(page, t('visitor.notUpdatedOffline'));
	// Signal back: it asks at once.
	await browser.context.setOffline(false);
	await expect.poll(() => checked.textContent(), { timeout: 15_000 }).toContain(t('family.checked.justNow'));
}, 150_000);
