import type { Page } from 'playwright-core';
import { formatDate, formatMonth, formatTimeRange } from '../../src/lib/shared/format';
import { t } from '../../src/lib/shared/i18n';

/*
 * A visitor going through the booking pages as a person would: by labels, headings and buttons
 * (the words come from the message catalogue, so a changed word changes here too).
 */

export interface Answers {
	prisoner: { firstName: string; lastName: string; dateOfBirth: [string, string, string]; prisonerNumber: string };
	lead: { firstName: string; lastName: string; dateOfBirth: [string, string, string]; email: string };
}

export const ANSWERS: Answers = {
	prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: ['1', '5', '1990'], prisonerNumber: 'a1234bc' },
	lead: { firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: ['3', '2', '1965'], email: 'mary@example.com' }
};

export const heading = (page: Page, text: string) => page.getByRole('heading', { name: text, exact: true });

/** Waits for the page whose main heading is `title`. */
export async function onPage(page: Page, title: string): Promise<void> {
	await heading(page, title).first().waitFor({ state: 'visible', timeout: 15_000 });
}

export async function pressContinue(page: Page): Promise<void> {
	await page.getByRole('button', { name: t('visitor.continue'), exact: true }).click();
}

export async function choosePrison(page: Page, prisonName: string): Promise<void> {
	await onPage(page, t('visitor.prison.title'));
	await page.getByRole('radio', { name: prisonName, exact: true }).check();
	await pressContinue(page);
}

async function fillDate(page: Page, id: string, [day, month, year]: [string, string, string]): Promise<void> {
	await page.locator(`#${id}-day`).fill(day);
	await page.locator(`#${id}-month`).fill(month);
	await page.locator(`#${id}-year`).fill(year);
}

export async function fillPrisoner(page: Page, prisoner = ANSWERS.prisoner): Promise<void> {
	await onPage(page, t('visitor.prisoner.title'));
	await page.locator('#prisoner-firstName').fill(prisoner.firstName);
	await page.locator('#prisoner-lastName').fill(prisoner.lastName);
	await fillDate(page, 'prisoner-dateOfBirth', prisoner.dateOfBirth);
	await page.locator('#prisoner-prisonerNumber').fill(prisoner.prisonerNumber);
	await pressContinue(page);
}

export async function fillLeadVisitor(page: Page, lead = ANSWERS.lead): Promise<void> {
	await onPage(page, t('visitor.visitors.title'));
	await page.locator('#visitors-0-firstName').fill(lead.firstName);
	await page.locator('#visitors-0-lastName').fill(lead.lastName);
	await fillDate(page, 'visitors-0-dateOfBirth', lead.dateOfBirth);
	await page.locator('#visitors-0-email').fill(lead.email);
	await pressContinue(page);
}

/** The calendar's button for a day; its name says the date and how many places are left. */
export function dayButton(page: Page, date: string) {
	return page.getByRole('button', { name: new RegExp(`^${formatDate(date)}: `) });
}

/** Shows the month holding `date`, moving back or on from the month shown. */
export async function showMonthOf(page: Page, date: string): Promise<void> {
	const wanted = date.slice(0, 7);
	const caption = page.locator('caption');
	for (let step = 0; step < 3; step += 1) {
		const shown = monthOfCaption((await caption.textContent()) ?? '');
		if (shown === wanted) return;
		await page.getByRole('button', { name: t(shown > wanted ? 'visitor.slots.previousMonth' : 'visitor.slots.nextMonth') }).click();
		await caption.filter({ hasNotText: formatMonth(`${shown}-01`) }).waitFor();
	}
}

/** 'YYYY-MM' of a caption such as "December 2026". */
function monthOfCaption(caption: string): string {
	const [name, year] = caption.trim().split(' ');
	const month = monthNames().indexOf(name ?? '') + 1;
	return `${year}-${String(month).padStart(2, '0')}`;
}

/** In the current language of the catalogue (the tests of the Welsh pages switch it). */
const monthNames = () =>
	Array.from({ length: 12 }, (_, index) => formatMonth(`2026-${String(index + 1).padStart(2, '0')}-01`).split(' ')[0]);

export function slotCheckbox(page: Page, start: string, end: string) {
	return page.getByRole('checkbox', { name: formatTimeRange(start, end), exact: true });
}

/** On the slots page: opens the day and ticks the time. */
export async function chooseSlot(page: Page, slot: { date: string; start: string; end: string }): Promise<void> {
	await onPage(page, t('visitor.slots.title'));
	await showMonthOf(page, slot.date);
	await dayButton(page, slot.date).click();
	await slotCheckbox(page, slot.start, slot.end).check();
}

/** From the slots page to the check page, with no extra support asked for. */
export async function continueToCheck(page: Page): Promise<void> {
	await pressContinue(page);
	await onPage(page, t('visitor.support.title'));
	await pressContinue(page);
	await onPage(page, t('visitor.check.title'));
}

export async function sendRequest(page: Page, again = false): Promise<string> {
	await page.getByRole('button', { name: t(again ? 'visitor.check.sendAgain' : 'visitor.check.send'), exact: true }).click();
	await page.waitForURL(/\/book\/sent\/[0-9a-f-]{36}$/);
	return new URL(page.url()).pathname.split('/').at(-1) as string;
}

/** From the start page to "Check your answers", with the standard answers and one time. */
export async function fillRequest(page: Page, prisonName: string, slot: { date: string; start: string; end: string }): Promise<void> {
	await page.goto('/');
	await page.getByRole('button', { name: t('visitor.start.button') }).click();
	await choosePrison(page, prisonName);
	await fillPrisoner(page);
	await fillLeadVisitor(page);
	await chooseSlot(page, slot);
	await continueToCheck(page);
}
