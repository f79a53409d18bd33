// A visitor told everything at once, asked to type less, and shown their visits in the order they
// look for them: the error summary lists every problem in one round; a new request starts with the
// last lead visitor and offers last time's party; "details not correct" → send again keeps every
// answer; "Your visits" groups visits with the prisoner's name; a withdraw ends in a success banner.
// Real Chromium, real server, axe on each touched page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { bookableDate, call, createPrison, createStaff, signIn, yearBorn } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { expectPageBasics } from '../helpers/page-checks';
import { openPrisonOffice, type PrisonOffice } from '../helpers/prison-office';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import {
	ANSWERS,
	chooseSlot,
	choosePrison,
	continueToCheck,
	fillPrisoner,
	onPage,
	pressContinue,
	sendRequest
} from '../helpers/visitor-pages';
import { t, tPlural } from '../../src/lib/shared/i18n';

let app: VisitorApp;
let office: PrisonOffice;
let staffCookie: string;
const prisonName = 'HMP Fewer Rounds';

beforeAll(async () => {
	app = await startVisitorApp();
	const prisonId = await createPrison(app.api.db, { name: prisonName });
	office = await openPrisonOffice(app.api, prisonId);
	staffCookie = await signIn(app.api, await createStaff(app.api.db, { prisonIds: [prisonId] }));
});
afterAll(async () => {
	await app?.close();
});
beforeEach(() => app.screenshotOnFailure());

const summaryMessages = (page: Page) => page.locator('.govuk-error-summary__list a').allTextContents();

async function fillVisitor(
	page: Page,
	index: number,
	visitor: { firstName: string; lastName: string; dateOfBirth: [string, string, string] }
) {
	await page.locator(`#visitors-${index}-firstName`).fill(visitor.firstName);
	await page.locator(`#visitors-${index}-lastName`).fill(visitor.lastName);
	await page.locator(`#visitors-${index}-dateOfBirth-day`).fill(visitor.dateOfBirth[0]);
	await page.locator(`#visitors-${index}-dateOfBirth-month`).fill(visitor.dateOfBirth[1]);
	await page.locator(`#visitors-${index}-dateOfBirth-year`).fill(visitor.dateOfBirth[2]);
}

async function startRequest(page: Page) {
	await page.goto('/');
	await page.getByRole('button', { name: t('visitor.start.button') }).click();
	await choosePrison(page, prisonName);
}

it('lists every problem of a page in one round', async () => {
	const browser = await app.launch({ viewport: { width: 320, height: 640 } });
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());
	await page.goto('/');
	await waitForServiceWorker(page);
	await startRequest(page);
	// The prisoner number as people write it.
	await fillPrisoner(page, { ...ANSWERS.prisoner, prisonerNumber: 'a 1234 bc' });
	await onPage(page, t('visitor.visitors.title'));

	// A child as the lead visitor, and no email or phone: both at once.
	await fillVisitor(page, 0, { firstName: 'Kit', lastName: 'Lovelace', dateOfBirth: ['1', '6', String(yearBorn(10))] });
	await pressContinue(page);
	await expect.poll(() => summaryMessages(page)).toEqual([t('validation.lead.underAge', { age: 18 }), t('validation.lead.contact')]);
	await expectPageBasics(page, t('visitor.visitors.title'), { online: true });

	// Four adults and a date of birth that is not a real date: both at once.
	await fillVisitor(page, 0, { firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: ['3', '2', '1965'] });
	await page.locator('#visitors-0-email').fill('mary@example.com');
	const others = [
		{ firstName: 'Ann', lastName: 'Lovelace', dateOfBirth: ['1', '1', '1970'] as [string, string, string] },
		{ firstName: 'Bea', lastName: 'Lovelace', dateOfBirth: ['1', '1', '1971'] as [string, string, string] },
		{ firstName: 'Cy', lastName: 'Lovelace', dateOfBirth: ['1', '1', '1972'] as [string, string, string] },
		{ firstName: 'Di', lastName: 'Lovelace', dateOfBirth: ['31', '2', '1980'] as [string, string, string] }
	];
	for (const [index, visitor] of others.entries()) {
		await page.getByRole('button', { name: t('visitor.visitors.add'), exact: true }).click();
		await fillVisitor(page, index + 1, visitor);
	}
	await pressContinue(page);
	await expect
		.poll(() => summaryMessages(page))
		.toEqual([tPlural('validation.visitors.tooManyAdults', 3, { age: 18 }), t('visitorField.dateOfBirth.invalid.numbered', { number: 5 })]);
	await expectPageBasics(page, t('visitor.visitors.title'), { online: true });
}, 120_000);

it('starts a new request from the last one, keeps every answer to send again, and shows visits in order', async () => {
	const browser = await app.launch({ viewport: { width: 320, height: 640 } });
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());
	await page.goto('/');
	await waitForServiceWorker(page);

	// The first request: Mary with her son.
	const first = { date: bookableDate(6), start: '14:00', end: '16:00' };
	await startRequest(page);
	await fillPrisoner(page);
	await onPage(page, t('visitor.visitors.title'));
	expect(await page.locator('#visitors-prefilled').count()).toBe(0);
	await fillVisitor(page, 0, ANSWERS.lead);
	await page.locator('#visitors-0-email').fill(ANSWERS.lead.email);
	await page.getByRole('button', { name: t('visitor.visitors.add'), exact: true }).click();
	await fillVisitor(page, 1, { firstName: 'Tom', lastName: 'Lovelace', dateOfBirth: ['4', '4', String(yearBorn(9))] });
	await pressContinue(page);
	await chooseSlot(page, first);
	await continueToCheck(page);
	const firstId = await sendRequest(page);
	await expectText(page, t('visitor.sent.reference'));

	// The next request starts with Mary filled in, and offers Tom.
	const second = { date: bookableDate(2), start: '14:00', end: '16:00' };
	await startRequest(page);
	await fillPrisoner(page, { ...ANSWERS.prisoner, firstName: 'Grace', lastName: 'Hopper' });
	await onPage(page, t('visitor.visitors.title'));
	await expectText(page, t('visitor.visitors.prefilled'));
	expect(await page.locator('#visitors-0-firstName').inputValue()).toBe(ANSWERS.lead.firstName);
	expect(await page.locator('#visitors-0-email').inputValue()).toBe(ANSWERS.lead.email);
	await expectText(page, t('visitor.visitors.lastParty', { names: 'Tom Lovelace' }));
	await expectPageBasics(page, t('visitor.visitors.title'), { online: true });
	await page.getByRole('button', { name: t('visitor.visitors.lastParty.add'), exact: true }).click();
	expect(await page.locator('#visitors-1-firstName').inputValue()).toBe('Tom');
	expect(await page.getByText(t('visitor.visitors.lastParty', { names: 'Tom Lovelace' })).count()).toBe(0);
	await pressContinue(page);
	await chooseSlot(page, second);
	await continueToCheck(page);
	const secondId = await sendRequest(page);
	await expectText(page, t('visitor.sent.reference'));

	// The prison turns the first down: the prisoner's details are not right.
	const rejected = await call(app.api, 'POST', `/api/staff/requests/${firstId}/reject`, {
		cookie: staffCookie,
		body: { reasons: ['prisoner_details_incorrect'] }
	});
	expect(rejected.status).toBe(200);
	// Your visits fetches the decision; the request's page then says why.
	await page.goto('/visits');
	await expectText(page, t('visitor.requestStatus.rejected'));
	await page.goto(`/visits/${firstId}`);
	await expectText(page, t('visitor.rejection.prisoner_details_incorrect'));
	await page.getByRole('button', { name: t('visitor.visit.sendAgain'), exact: true }).click();
	// The prisoner page, every answer still there; corrected, it goes back to check the rest.
	await onPage(page, t('visitor.prisoner.title'));
	expect(await page.locator('#prisoner-firstName').inputValue()).toBe(ANSWERS.prisoner.firstName);
	expect(await page.locator('#prisoner-prisonerNumber').inputValue()).toBe('A1234BC');
	await page.locator('#prisoner-prisonerNumber').fill('a 1234 bd');
	await pressContinue(page);
	await onPage(page, t('visitor.check.title'));
	for (const text of ['Ada Lovelace', 'A1234BD', 'Mary Lovelace', 'Tom Lovelace', ANSWERS.lead.email]) await expectText(page, text);
	const resentId = await sendRequest(page);
	await expectText(page, t('visitor.sent.reference'));
	const resent = await app.api.db.selectFrom('visitRequests').selectAll().where('id', '=', resentId).executeTakeFirstOrThrow();
	expect([resent.prisonerFirstName, resent.prisonerNumber, resent.firstDate]).toEqual(['Ada', 'A1234BD', first.date]);
	const visitors = await app.api.db
		.selectFrom('requestVisitors')
		.select(['firstName', 'email'])
		.where('requestId', '=', resentId)
		.orderBy('position')
		.execute();
	expect(visitors).toEqual([
		{ firstName: 'Mary', email: ANSWERS.lead.email },
		{ firstName: 'Tom', email: null }
	]);

	// The prison books the second. Your visits: booked first, then waiting, then ended; each names the prisoner.
	await office.confirm(secondId, second);
	await page.goto('/visits');
	await expectPageBasics(page, t('visitor.visits.title'), { online: true });
	const groups = page.locator('h2:has(+ ul.app-visits)');
	await expect
		.poll(() => groups.allTextContents(), { timeout: 15_000 })
		.toEqual([t('visitor.visits.group.upcoming'), t('visitor.visits.group.waiting'), t('visitor.visits.group.ended')]);
	const cards = await page.locator('.app-visits__item h3').allTextContents();
	expect(cards.map((text) => text.split(',')[0]!.trim())).toEqual(['Grace Hopper', 'Ada Lovelace', 'Ada Lovelace']);

	// Withdrawing the waiting one ends in a success banner once the server has it.
	await page.goto(`/visits/${resentId}`);
	await page.getByRole('button', { name: t('visitor.visit.withdraw') }).click();
	await page.getByRole('button', { name: t('visitor.withdraw.confirm') }).click();
	await page
		.getByRole('alert')
		.filter({ hasText: t('visitor.visit.withdrawnBanner', { prisoner: 'Ada Lovelace' }) })
		.waitFor({ timeout: 20_000 });
	const reference = (await app.api.db.selectFrom('visitRequests').select('reference').where('id', '=', resentId).executeTakeFirstOrThrow())
		.reference;
	await expectPageBasics(page, t('visitor.visit.title', { reference }), { online: true });
	expect((await app.api.db.selectFrom('visitRequests').select('status').where('id', '=', resentId).executeTakeFirstOrThrow()).status).toBe(
		'withdrawn'
	);
}, 180_000);
