import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { t } from '../../src/lib/shared/i18n';
import { onPage } from './visitor-pages';

/*
 * What every page of the visitor app owes a person, checked the same way on each: it has its
 * heading, says whether the phone is online (and what waits to send), fits the screen without
 * sideways scrolling, and axe-core finds nothing wrong with it.
 */

/** The header's sync indicator; its text says the connection state. */
export const syncIndicator = (page: Page) => page.getByRole('status').filter({ hasText: t('visitor.status.label') });

export async function expectSyncStatus(page: Page, online: boolean): Promise<void> {
	const word = t(online ? 'visitor.status.online' : 'visitor.status.offline');
	await syncIndicator(page).getByText(word, { exact: true }).waitFor({ state: 'visible', timeout: 15_000 });
}

/** No sideways scrolling: the page is no wider than the window (320 px in these tests). */
export async function expectFitsWidth(page: Page): Promise<void> {
	const sizes = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, window: window.innerWidth }));
	expect(sizes.content, `${page.url()} is wider than the window`).toBeLessThanOrEqual(sizes.window);
}

/** axe-core's violations, one line each, so a failure says what and where. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations.map(
		(violation) => `${violation.id}: ${violation.help} [${violation.nodes.map((node) => node.target.join(' ')).join(', ')}]`
	);
}

export async function expectAccessible(page: Page): Promise<void> {
	expect(await accessibilityViolations(page), `axe on ${new URL(page.url()).pathname}`).toEqual([]);
}

/** All of the above, for the page whose main heading is `title`: what every page owes a person. */
export async function expectPageBasics(page: Page, title: string, options: { online: boolean }): Promise<void> {
	await onPage(page, title);
	await expectSyncStatus(page, options.online);
	await expectFitsWidth(page);
	await expectAccessible(page);
}
