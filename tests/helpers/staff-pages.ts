import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { t, type MessageKey } from '../../src/lib/shared/i18n';
import { onPage } from './visitor-pages';

/*
 * A prison officer using staff mode as a person would: by labels, headings and buttons, with the
 * words from the message catalogue.
 */

/** A tablet held in landscape, as in a visits hall. */
export const TABLET = { width: 1024, height: 768 };

export async function signInAsStaff(page: Page, officer: { email: string; password: string }): Promise<void> {
	await onPage(page, t('staff.signIn.title'));
	await page.getByLabel(t('staff.signIn.email')).fill(officer.email);
	await page.getByLabel(t('staff.signIn.password'), { exact: true }).fill(officer.password);
	await page.getByRole('button', { name: t('staff.signIn.submit'), exact: true }).click();
}

/** Types a date ('YYYY-MM-DD') into a staff form's day, month and year boxes, as an officer would. */
export async function fillDate(page: Page, id: string, date: string): Promise<void> {
	const [year, month, day] = date.split('-');
	await page.locator(`#${id}-day`).fill(String(Number(day)));
	await page.locator(`#${id}-month`).fill(String(Number(month)));
	await page.locator(`#${id}-year`).fill(year ?? '');
}

/** The queue's heading also names the prison, so it is matched from its start. */
export async function onQueue(page: Page): Promise<void> {
	await page.getByRole('heading', { level: 1, name: t('staff.requests.title') }).waitFor({ timeout: 15_000 });
}

export const queueLink = (page: Page, reference: string) => page.getByRole('link', { name: reference, exact: true });

export async function openRequest(page: Page, reference: string): Promise<void> {
	await queueLink(page, reference).click();
	await onPage(page, t('staff.request.title', { reference }));
	// The page's copy is the server's once the history (fetched with the detail) shows.
	await page.getByRole('heading', { name: t('staff.request.history'), exact: true }).waitFor({ timeout: 15_000 });
}

/** Confirms the visitor's first choice; `dblclick` is a hurried double tap on the button. */
export async function confirmFirstChoice(page: Page, tap: 'click' | 'dblclick' = 'click'): Promise<void> {
	await page.getByRole('radio', { name: t('staff.decision.confirm'), exact: true }).check();
	await page.locator('input[name="confirm-slot"]').first().check();
	await page.getByRole('button', { name: t('staff.confirm.submit'), exact: true })[tap]();
}

export async function rejectWith(page: Page, reasons: string[], message = ''): Promise<void> {
	await page.getByRole('radio', { name: t('staff.decision.reject'), exact: true }).check();
	for (const reason of reasons)
		await page.getByRole('checkbox', { name: t(`staff.rejection.${reason}` as MessageKey), exact: true }).check();
	if (message) await page.getByLabel(t('staff.reject.message'), { exact: true }).fill(message);
	await page.getByRole('button', { name: t('staff.reject.submit'), exact: true }).click();
}

/**
 * Opens a page from the staff menu, as an officer would: by its name in the row, or under "More" when
 * the row is too narrow for it.
 */
export async function goToStaffPage(page: Page, menuItem: 'requests' | 'visits' | 'timetable' | 'gate' | MessageKey): Promise<void> {
	const shortNames: Record<string, MessageKey> = {
		requests: 'staff.nav.requests',
		visits: 'staff.nav.visits',
		timetable: 'staff.nav.timetable',
		gate: 'gate.nav'
	};
	const name = t(shortNames[menuItem] ?? (menuItem as MessageKey));
	const menu = page.getByRole('navigation', { name: t('staff.nav.label') });
	const link = menu.getByRole('link', { name, exact: true });
	const more = menu.getByRole('button', { name: t('staff.nav.more'), exact: true });
	await link.or(more).first().waitFor();
	if (!(await link.isVisible())) await more.click();
	await link.click();
}

/** axe-core's WCAG 2.x A and AA rules: no violations, listed by rule and element when there are. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
	const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(found, `accessibility of ${what}`).toEqual([]);
}
