// Staff journeys walked again on a tablet in real Chromium, for what an officer tripped over: the
// booking form's errors in the order of the page, times as "2pm to 4pm", dates asked in day, month
// and year boxes; the gate asking the server about a visit on another day (in English and Welsh);
// a "next request" after a decision; the report's chart in the page's font; an email that does not
// break mid-word; a page for a forgotten password; a staff menu that looks like GOV.UK's.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { formatDate, formatTimeRange } from '../../src/lib/shared/format';
import { t, translate } from '../../src/lib/shared/i18n';
import { aVisitRequest, bookableDate, call, createPrison, createStaff, newDeviceSecret, signIn } from '../helpers/api';
import {
	TABLET,
	expectAccessible,
	fillDate,
	onQueue,
	openRequest,
	confirmFirstChoice,
	rejectWith,
	signInAsStaff
} from '../helpers/staff-pages';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { onPage } from '../helpers/visitor-pages';

let app: VisitorApp;
let prisonId: string;
let officer: { email: string; password: string; name: string };
let cookie: string;
const saturday = bookableDate(6);
const nextSaturday = bookableDate(6, new Date(Date.now() + 7 * 86_400_000));
// No hyphen: a dot or the @ is then the only place a line of it may end.
const LONG_EMAIL = 'margaret.featherstonehaugh.cholmondeley@rochestervisitsandfamilies.example';

beforeAll(async () => {
	app = await startVisitorApp();
	prisonId = await createPrison(app.api.db, { name: 'HMP Walk Test' });
	officer = await createStaff(app.api.db, { prisonIds: [prisonId], name: 'Walk Officer', admin: true });
	await createStaff(app.api.db, { prisonIds: [prisonId], name: 'Margaret Long', email: LONG_EMAIL });
	cookie = await signIn(app.api, officer);
});
afterAll(async () => {
	await app?.close();
});
beforeEach(() => app.screenshotOnFailure());

/** An officer signed in on a tablet, on the queue. */
async function tablet(viewport = TABLET): Promise<Page> {
	const profile = await app.launch({ viewport });
	const page = profile.context.pages()[0] ?? (await profile.context.newPage());
	await page.goto('/staff');
	await signInAsStaff(page, officer);
	await onQueue(page);
	return page;
}

async function requested(date: string, lastName: string) {
	const body = aVisitRequest(prisonId, {
		visitors: [{ firstName: 'Mary', lastName, dateOfBirth: '1965-02-03', email: 'mary@example.com' }],
		slots: [{ date, start: '14:00' }]
	});
	const sent = await call(app.api, 'POST', '/api/visit-requests', { body, bearer: newDeviceSecret() });
	expect(sent.status).toBe(201);
	return { id: body.id, reference: sent.body.reference as string };
}

/** The error summary's links, each with whether its field comes after the one before it on the page. */
async function summaryInPageOrder(page: Page): Promise<{ targets: string[]; inOrder: boolean }> {
	return page.evaluate(() => {
		const targets = [...document.querySelectorAll('.govuk-error-summary__list a')].map((a) => a.getAttribute('href')!.slice(1));
		const elements = targets.map((id) => document.getElementById(id));
		const inOrder = elements.every(
			(element, index) =>
				element !== null &&
				(index === 0 || (elements[index - 1]!.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0)
		);
		return { targets, inOrder };
	});
}

it('books for a family with errors listed in page order, dates in day, month and year boxes and times as “2pm to 4pm”', async () => {
	const page = await tablet();
	// No staff page asks for a date with the browser's own picker.
	for (const url of ['/staff/book', '/staff/report', `/staff/visits?date=${saturday}`, '/staff/requests', '/staff/timetable']) {
		await page.goto(url);
		await page.locator('h1').first().waitFor();
		await page.locator('.govuk-date-input').first().waitFor({ timeout: 15_000 });
		expect(await page.locator('input[type="date"]').count(), url).toBe(0);
	}

	await page.goto('/staff/book');
	await onPage(page, t('booking.title'));
	await page.getByRole('button', { name: t('booking.submit'), exact: true }).click();
	await page.locator('.govuk-error-summary__list a').first().waitFor();
	const empty = await summaryInPageOrder(page);
	expect(empty.targets[0]).toBe('method');
	expect(empty.targets).toContain('slot-date-day');
	expect(empty.inOrder, empty.targets.join(', ')).toBe(true);

	// A date that does not exist is named as such, in the summary and by the boxes.
	await fillDate(page, 'slot-date', '2027-02-31');
	await page.getByRole('button', { name: t('booking.submit'), exact: true }).click();
	await page.locator('.govuk-error-summary__list').getByText(t('validation.date.invalid')).waitFor();
	await page.locator('#slot-date-error').getByText(t('validation.date.invalid')).waitFor();
	expect((await summaryInPageOrder(page)).inOrder).toBe(true);
	await expectAccessible(page, 'booking with errors');

	// A real date offers its times as the rest of the service writes them.
	await fillDate(page, 'slot-date', saturday);
	await page.getByRole('radio', { name: formatTimeRange('14:00', '16:00'), exact: true }).waitFor();
	expect(await page.getByText('14:00').count()).toBe(0);
}, 180_000);

it('at the gate, says which day a visit the tablet has never seen is on, in English and in Welsh', async () => {
	const later = await requested(nextSaturday, 'Later');
	expect(
		(
			await call(app.api, 'POST', `/api/staff/requests/${later.id}/confirm`, {
				cookie,
				body: { slot: { date: nextSaturday, start: '14:00' } }
			})
		).status
	).toBe(200);
	const page = await tablet();
	await page.goto('/staff/gate');
	await onPage(page, t('gate.title'));
	const find = async (label: string, button: string, text: string) => {
		await page.getByLabel(label).fill(text);
		await page.getByRole('button', { name: button, exact: true }).click();
	};
	await find(t('gate.reference.label'), t('gate.reference.find'), later.reference.toLowerCase());
	await page
		.getByRole('alert')
		.getByText(t('journeys.gate.otherDayListed', { reference: later.reference, date: formatDate(nextSaturday) }))
		.waitFor({ timeout: 15_000 });

	await page.getByRole('link', { name: 'Cymraeg' }).click();
	await onPage(page, translate('cy', 'gate.title'));
	await find(translate('cy', 'gate.reference.label'), translate('cy', 'gate.reference.find'), later.reference);
	await page
		.getByRole('alert')
		.getByText(translate('cy', 'journeys.gate.otherDayListed', { reference: later.reference, date: formatDate(nextSaturday, 'cy') }))
		.waitFor({ timeout: 15_000 });
}, 180_000);

it('after a decision, offers the next request in the queue, and says when there is none', async () => {
	// Only these two wait for a decision at this prison.
	for (const row of await app.api.db.selectFrom('visitRequests').select('id').where('status', '=', 'requested').execute()) {
		await call(app.api, 'POST', `/api/staff/requests/${row.id}/reject`, { cookie, body: { reasons: ['duplicate_request'] } });
	}
	const first = await requested(saturday, 'First');
	const second = await requested(saturday, 'Second');
	const page = await tablet();
	await openRequest(page, first.reference);
	await confirmFirstChoice(page);
	const next = page.getByRole('link', { name: t('staffWalk.request.next', { reference: second.reference }) });
	await next.waitFor({ timeout: 20_000 });
	// Where the officer is looking: focus moves to it, in view where the decision was made.
	const inView = () =>
		next.evaluate((link) => {
			const box = link.getBoundingClientRect();
			return box.top >= 0 && box.bottom <= window.innerHeight && document.activeElement?.contains(link) === true;
		});
	await expect.poll(inView, { timeout: 15_000 }).toBe(true);
	await expectAccessible(page, 'a decided request with the next one offered');
	await next.click();
	await onPage(page, t('staff.request.title', { reference: second.reference }));
	await page.getByRole('heading', { name: t('staff.request.history'), exact: true }).waitFor({ timeout: 15_000 });
	await rejectWith(page, ['duplicate_request']);
	await expectText(page, t('staffWalk.request.noNext'), 20_000);
	expect(await page.getByRole('link', { name: /^Next request/ }).count()).toBe(0);
}, 180_000);

it('draws the report’s chart in the page’s own font, and says a quick decision took less than a minute', async () => {
	const quick = await requested(saturday, 'Quick');
	expect(
		(await call(app.api, 'POST', `/api/staff/requests/${quick.id}/confirm`, { cookie, body: { slot: { date: saturday, start: '14:00' } } }))
			.status
	).toBe(200);
	const page = await tablet();
	await page.goto('/staff/report');
	await onPage(page, t('admin.report.title'));
	// Every request here was decided within seconds: not "0 hours".
	await page
		.getByRole('row', { name: new RegExp(t('admin.report.median')) })
		.getByText(t('staffWalk.report.underMinute'))
		.waitFor();
	const label = page.locator('.app-chart svg text').first();
	await label.waitFor({ state: 'attached', timeout: 15_000 });
	const fonts = await page.evaluate(() => ({
		chart: getComputedStyle(document.querySelector('.app-chart svg text')!).fontFamily,
		heading: getComputedStyle(document.querySelector('h1')!).fontFamily
	}));
	expect(fonts.chart).toBe(fonts.heading);
	expect(fonts.chart).not.toMatch(/^(serif|"?Times)/);
}, 120_000);

/** The characters a rendered line of `email` ends with (where the browser broke it), read from each character's box. */
async function lineEnds(page: Page, email: ReturnType<Page['locator']>): Promise<string[]> {
	return email.evaluate((element) => {
		const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
		const found: string[] = [];
		let top: number | null = null;
		let previous = '';
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const text = node.textContent ?? '';
			for (let index = 0; index < text.length; index++) {
				const range = document.createRange();
				range.setStart(node, index);
				range.setEnd(node, index + 1);
				const rect = range.getClientRects()[0];
				if (!rect) continue;
				if (top !== null && rect.top > top + 2) found.push(previous);
				top = rect.top;
				previous = text[index]!;
			}
		}
		return found;
	});
}

it('keeps a long email address whole in the visitors and staff users tables, breaking it only after a dot, hyphen or @', async () => {
	const body = aVisitRequest(prisonId, {
		visitors: [{ firstName: 'Margaret', lastName: 'Long', dateOfBirth: '1965-02-03', email: LONG_EMAIL }],
		slots: [{ date: saturday, start: '14:00' }]
	});
	const sent = await call(app.api, 'POST', '/api/visit-requests', { body, bearer: newDeviceSecret() });
	expect(sent.status).toBe(201);
	const page = await tablet({ width: 820, height: 1180 });
	for (const [url, heading] of [
		[`/staff/requests/${body.id}`, t('staff.request.title', { reference: sent.body.reference })],
		['/staff/admin/staff', t('admin.staff.title')]
	] as const) {
		await page.goto(url);
		await onPage(page, heading);
		const email = page.getByTestId('email').filter({ hasText: 'featherstonehaugh' }).first();
		await email.waitFor({ timeout: 15_000 });
		const ends = await lineEnds(page, email);
		// It is too long for its column, so it does break: only where an address may.
		expect(ends.length, url).toBeGreaterThan(0);
		expect(
			ends.every((end) => ['.', '@', '-'].includes(end)),
			`${url}: lines ended with ${ends.join(' ')}`
		).toBe(true);
	}
}, 120_000);

for (const locale of ['en', 'cy'] as const) {
	it(`tells an officer who forgot their password how to get a new link (${locale})`, async () => {
		const profile = await app.launch({ viewport: TABLET });
		const page = profile.context.pages()[0] ?? (await profile.context.newPage());
		await page.goto(`/staff?lang=${locale}`);
		await onPage(page, translate(locale, 'staff.signIn.title'));
		await page.getByRole('link', { name: translate(locale, 'staffWalk.forgot.link') }).click();
		await onPage(page, translate(locale, 'staffWalk.forgot.title'));
		await expectText(page, translate(locale, 'staffWalk.forgot.admin'));
		await expectAccessible(page, `the forgotten password page (${locale})`);
		await page.getByRole('link', { name: translate(locale, 'staffWalk.forgot.back') }).click();
		await onPage(page, translate(locale, 'staff.signIn.title'));
		await profile.close();
	}, 120_000);
}

it('shows the staff menu as GOV.UK’s service navigation: one strip, with the connection status and sign out in it', async () => {
	const page = await tablet({ width: 820, height: 1180 });
	const menu = page.getByRole('navigation', { name: t('staff.nav.label') });
	await menu.waitFor();
	const look = await page.evaluate(() => {
		const nav = document.querySelector('nav[aria-label]')!;
		const strip = nav.closest('.app-staff-nav')!;
		const link = nav.querySelector('a')!;
		return {
			strips: [...document.querySelectorAll('.app-service-nav, .app-staff-nav')].filter((strip) => strip.getClientRects().length > 0)
				.length,
			background: getComputedStyle(strip).backgroundColor,
			underline: getComputedStyle(link).textDecorationLine,
			statusInStrip: strip.querySelector('[role="status"]') !== null,
			signOutInStrip: [...strip.querySelectorAll('button, a')].some((element) => element.textContent?.trim() === 'Sign out')
		};
	});
	expect(look).toEqual({ strips: 1, background: 'rgb(244, 248, 251)', underline: 'none', statusInStrip: true, signOutInStrip: true });
	const current = menu.getByRole('link', { name: t('staff.nav.requests'), exact: true });
	expect(await current.getAttribute('aria-current')).toBe('page');
	await expectAccessible(page, 'the staff menu');

	// Removing a closure is not destructive (the day opens again): a secondary button, not a red one.
	const quietSunday = bookableDate(7, new Date(Date.now() + 14 * 86_400_000));
	await page.goto('/staff/timetable');
	await onPage(page, t('staff.timetable.title'));
	await fillDate(page, 'closure-date', quietSunday);
	await page.locator('#closure-reason').fill('Staff training');
	await page.getByRole('button', { name: t('staff.closures.submit'), exact: true }).click();
	const remove = page.getByRole('button', {
		name: `${t('staff.closures.remove')} ${t('staff.closures.removeOne', { when: `${formatDate(quietSunday)}, ${t('staff.closures.wholeDay')}` })}`
	});
	await remove.waitFor({ timeout: 20_000 });
	expect(await remove.getAttribute('class')).not.toContain('govuk-button--warning');
}, 180_000);

for (const locale of ['en', 'cy'] as const) {
	it(`fits the staff menu on one row of an 820 px tablet, the pages that do not fit under “More” (${locale})`, async () => {
		const page = await tablet({ width: 820, height: 1180 });
		await page.goto(`/staff/requests?lang=${locale}`);
		await page.getByRole('heading', { level: 1, name: translate(locale, 'staff.requests.title') }).waitFor({ timeout: 15_000 });
		const menu = page.getByRole('navigation', { name: translate(locale, 'staff.nav.label') });
		await menu.waitFor();
		// An administrator's ten pages: more than a tablet's row holds in either language.
		const pages = [
			translate(locale, 'staff.nav.requests'),
			translate(locale, 'staff.nav.visits'),
			translate(locale, 'instant.review.nav'),
			translate(locale, 'gate.nav'),
			translate(locale, 'staff.nav.timetable'),
			translate(locale, 'prisoners.nav'),
			translate(locale, 'booking.nav'),
			translate(locale, 'admin.nav.report'),
			translate(locale, 'admin.nav.prisons'),
			translate(locale, 'admin.nav.staff')
		];
		const items = menu.locator(':scope > ul > li:visible');
		await items.first().waitFor();
		const tops = () => items.evaluateAll((elements) => elements.map((element) => Math.round(element.getBoundingClientRect().y)));
		await expect.poll(async () => new Set(await tops()).size, { message: `menu item tops ${(await tops()).join(', ')}` }).toBe(1);
		const shown = (await menu.locator(':scope > ul > li:visible > a').allTextContents()).map((text) => text.trim());
		// The rest are one tap away, under "More", and the menu still ends on one row.
		const more = menu.getByRole('button', { name: translate(locale, 'staff.nav.more') });
		const hidden = pages.filter((name) => !shown.includes(name));
		if (hidden.length > 0) {
			await more.click();
			for (const name of hidden) await menu.getByRole('link', { name, exact: true }).waitFor();
			await expectAccessible(page, `the staff menu with “More” open (${locale})`);
			await menu.getByRole('link', { name: hidden.at(-1)!, exact: true }).click();
			await expect.poll(() => more.getAttribute('aria-expanded')).toBe('false');
		}
		expect([...shown, ...hidden].sort()).toEqual([...pages].sort());
	}, 120_000);
}
