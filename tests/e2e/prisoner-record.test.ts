// The prisoner's record in real Chromium: an officer sees a ban flag on a request,
// excludes the banned visitor and confirms; changes an allowance offline and meets a colleague's
// change as a conflict it can resolve; books a visit by phone for a family, and the family adds it
// to their phone by reference and sees it there with no signal. axe on every new page.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatDateShort, formatTimeRange } from '../../src/lib/shared/format';
import { t } from '../../src/lib/shared/i18n';
import { aVisitRequest, bookableDate, call, createPrison, createStaff, newDeviceSecret, signIn } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { expectPageBasics } from '../helpers/page-checks';
import { TABLET, expectAccessible, fillDate, goToStaffPage, onQueue, openRequest, signInAsStaff } from '../helpers/staff-pages';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { onPage } from '../helpers/visitor-pages';

let app: VisitorApp;
let prisonId: string;
let cookie: string;
let sam: { email: string; password: string; name: string };
const saturday = bookableDate(6);
const bob = { firstName: 'Bob', lastName: 'Smith', dateOfBirth: '1980-01-01' };

beforeAll(async () => {
	app = await startVisitorApp();
	prisonId = await createPrison(app.api.db, {
		name: 'HMP Record Test',
		timetable: [{ weekday: 6, start: '14:00', end: '16:00', capacity: 20 }]
	});
	sam = await createStaff(app.api.db, { prisonIds: [prisonId], name: 'Sam Officer' });
	cookie = await signIn(app.api, sam);
});
afterAll(async () => {
	await app?.close();
});
beforeEach(() => app.screenshotOnFailure());

async function tablet(): Promise<Page> {
	const profile = await app.launch({ viewport: TABLET });
	const page = profile.context.pages()[0] ?? (await profile.context.newPage());
	await page.goto('/staff');
	await waitForServiceWorker(page);
	await signInAsStaff(page, sam);
	await onQueue(page);
	return page;
}

it('shows a ban flag next to the visitor; excluding them confirms without an override; the record page keeps a conflicting change', async () => {
	const record = `/api/staff/prisons/${prisonId}/prisoners/B1234CD`;
	expect((await call(app.api, 'POST', `${record}/bans`, { cookie, body: { ...bob, reason: 'Passing items' } })).status).toBe(201);
	const sent = await call(app.api, 'POST', '/api/visit-requests', {
		bearer: newDeviceSecret(),
		body: aVisitRequest(prisonId, {
			prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: 'B1234CD' },
			visitors: [{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email: 'mary@example.com' }, bob],
			slots: [{ date: saturday, start: '14:00' }]
		})
	});
	expect(sent.status).toBe(201);
	const { id, reference } = sent.body as { id: string; reference: string };

	const page = await tablet();
	const row = page.getByRole('row', { name: new RegExp(reference) });
	await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(t('flags.tag.visitor_banned'));
	await expectAccessible(page, 'the queue with flags');

	await openRequest(page, reference);
	const banMessage = t('journeys.flags.visitorBanned.open', {
		name: 'Bob Smith',
		reason: 'Passing items',
		dates: formatDateShort(saturday)
	});
	// The warning sits in the visitors' table, right under Bob's row.
	const bobRow = page.getByRole('row', { name: /Bob Smith/ }).first();
	await expect.poll(() => bobRow.textContent()).toContain(t('flags.tag.visitor_banned'));
	await expect.poll(() => page.locator('tr:has(th:has-text("Bob Smith")) + tr').textContent()).toContain(banMessage);
	await expectAccessible(page, 'a flagged request');

	await page.getByRole('radio', { name: t('staff.decision.confirm'), exact: true }).check();
	await page.locator('input[name="confirm-slot"]').first().check();
	// Confirming with Bob still coming asks for a reason …
	const overrideLabel = t('journeys.override.label', { flags: t('flags.tag.visitor_banned') });
	await page.getByLabel(overrideLabel).waitFor();
	await page.getByRole('button', { name: t('staff.confirm.submit'), exact: true }).click();
	await expectText(page, t('prisoners.field.overrideReason.required'));
	expect((await app.api.db.selectFrom('visitRequests').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe(
		'requested'
	);
	// … and leaving him out needs none.
	await page.getByRole('checkbox', { name: 'Bob Smith' }).check();
	await page.getByLabel(overrideLabel).waitFor({ state: 'detached' });
	await page.getByRole('button', { name: t('staff.confirm.submit'), exact: true }).click();
	await expectText(page, t('staff.request.decided'));
	await expect
		.poll(
			async () =>
				app.api.db.selectFrom('visitRequests').select(['status', 'excludedVisitors']).where('id', '=', id).executeTakeFirstOrThrow(),
			{ timeout: 20_000 }
		)
		.toEqual({ status: 'booked', excludedVisitors: [1] });
	expect(await app.api.db.selectFrom('auditLog').select('id').where('action', '=', 'request.override').execute()).toEqual([]);

	// The prisoner's record, from the request page.
	await page.getByRole('link', { name: t('prisoners.record.open') }).click();
	await onPage(page, t('prisoners.record.title', { number: 'B1234CD' }));
	await expectText(page, 'Passing items');
	await expectText(page, reference);
	await expectAccessible(page, "a prisoner's record");

	// Offline, the officer sets the allowance to 4; meanwhile a colleague sets it to 2.
	await page.context().setOffline(true);
	await page.getByRole('button', { name: t('prisoners.allowance.change') }).click();
	await page.getByLabel(t('prisoners.allowance.remaining'), { exact: true }).fill('4');
	await page.getByRole('button', { name: t('prisoners.allowance.save') }).click();
	await expectText(page, t('staff.tag.waiting'));
	expect((await call(app.api, 'PUT', `${record}/allowance`, { cookie, body: { remaining: 2 } })).status).toBe(200);
	await page.context().setOffline(false);
	// Back online: the change comes back refused, with what is saved now; it is not lost.
	await expectText(page, t('prisoners.refused.allowance', { remaining: 4 }), 20_000);
	await expectText(page, t('api.prisoners.recordChanged', { remaining: 2 }));
	await expectAccessible(page, 'a refused record change');
	await page.getByRole('button', { name: t('prisoners.refused.useMine') }).click();
	await expect.poll(async () => (await call(app.api, 'GET', record, { cookie })).body.allowance.remaining, { timeout: 20_000 }).toBe(4);
	await page.getByText(t('prisoners.refused.allowance', { remaining: 4 })).waitFor({ state: 'detached', timeout: 15_000 });

	// Finding another prisoner.
	await page.getByRole('link', { name: t('prisoners.record.back') }).click();
	await onPage(page, t('prisoners.find.title'));
	await expectAccessible(page, 'finding a prisoner');
}, 180_000);

it('books a visit by phone for a family, who add it to their phone by reference and see it with no signal', async () => {
	const page = await tablet();
	await goToStaffPage(page, 'booking.nav');
	await onPage(page, t('booking.title'));
	await page.getByRole('radio', { name: t('booking.method.phone'), exact: true }).check();
	await page.locator('#prisoner-prisonerNumber').fill('c4321de');
	await page.locator('#prisoner-firstName').fill('Ada');
	await page.locator('#prisoner-lastName').fill('Lovelace');
	await page.locator('#prisoner-dateOfBirth-day').fill('1');
	await page.locator('#prisoner-dateOfBirth-month').fill('5');
	await page.locator('#prisoner-dateOfBirth-year').fill('1990');
	await page.locator('#lead-firstName').fill('Jane');
	await page.locator('#lead-lastName').fill('Doe');
	await page.locator('#lead-dateOfBirth-day').fill('15');
	await page.locator('#lead-dateOfBirth-month').fill('6');
	await page.locator('#lead-dateOfBirth-year').fill('1970');
	await page.locator('#lead-phone').fill('07700 900 982');
	await fillDate(page, 'slot-date', saturday);
	await page.getByRole('radio', { name: formatTimeRange('14:00', '16:00') }).check();
	await expectAccessible(page, 'booking on a visitor’s behalf');
	// A missing answer is asked for before anything is sent.
	await page.locator('#lead-firstName').fill('');
	await page.getByRole('button', { name: t('booking.submit') }).click();
	await expectText(page, t('visitorField.firstName.required.lead'));
	await page.locator('#lead-firstName').fill('Jane');
	await page.getByRole('button', { name: t('booking.submit') }).click();

	await onPage(page, t('booking.done.title'));
	const reference = (await page.locator('[data-reference]').textContent())?.trim() ?? '';
	expect(reference).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
	await expectAccessible(page, 'a booked visit’s reference');
	const stored = await app.api.db
		.selectFrom('visitRequests')
		.select(['status', 'bookingMethod', 'prisonerNumber'])
		.where('reference', '=', reference)
		.executeTakeFirstOrThrow();
	expect(stored).toEqual({ status: 'booked', bookingMethod: 'phone', prisonerNumber: 'C4321DE' });

	// The family's phone: "Your visits" → "Add a visit you booked by phone".
	const phone = await app.launch();
	const family = phone.context.pages()[0] ?? (await phone.context.newPage());
	await family.goto('/visits');
	await waitForServiceWorker(family);
	await family.getByRole('link', { name: t('claim.link') }).click();
	await expectPageBasics(family, t('claim.title'), { online: true });
	// A wrong date of birth is told the same way as a wrong reference.
	await family.getByLabel(t('claim.reference')).fill(reference.replace('-', '').toLowerCase());
	await family.locator('#claim-dateOfBirth-day').fill('16');
	await family.locator('#claim-dateOfBirth-month').fill('6');
	await family.locator('#claim-dateOfBirth-year').fill('1970');
	await family.getByRole('button', { name: t('claim.submit') }).click();
	await expectText(family, t('api.claim.notFound'));
	await expectAccessible(family, 'the claim page with its error');
	await family.locator('#claim-dateOfBirth-day').fill('15');
	await family.getByRole('button', { name: t('claim.submit') }).click();
	await family.waitForURL(/\/visits\/[0-9a-f-]{36}$/, { timeout: 15_000 });
	await expectText(family, reference);

	// No signal: "Your visits" still shows it, from the phone's own copy.
	await family.context().setOffline(true);
	await family.goto('/visits');
	await expectPageBasics(family, t('visitor.visits.title'), { online: false });
	await expectText(family, reference);
}, 180_000);
