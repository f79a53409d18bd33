// A closure over booked visits, in real Chromium: the officer sees which booked visits it would
// cancel before anything is saved, and closes and cancels them; the family's phone shows the visit
// cancelled with the prison's reason, the calendar shows why the day is closed, and "Choose new
// times" keeps every answer so only the time has to be chosen again.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { formatTimeRange, formatDate } from '../../src/lib/shared/format';
import { t, tPlural } from '../../src/lib/shared/i18n';
import { addDays } from '../../src/lib/shared/rules/dates';
import { aVisitRequest, bookableDate, call, createPrison, createStaff, newDeviceSecret } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { openPrisonOffice, type PrisonOffice } from '../helpers/prison-office';
import { TABLET, fillDate, goToStaffPage, onQueue, signInAsStaff } from '../helpers/staff-pages';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { ANSWERS, chooseSlot, fillRequest, onPage, pressContinue, sendRequest } from '../helpers/visitor-pages';

const prisonName = 'HMP Closure Test';
const saturday = bookableDate(6);
const nextSaturday = addDays(saturday, 7);
const slot = { date: saturday, start: '14:00', end: '16:00' };

let app: VisitorApp;
let prisonId: string;
let office: PrisonOffice;

beforeAll(async () => {
	app = await startVisitorApp();
	prisonId = await createPrison(app.api.db, { name: prisonName, timetable: [{ weekday: 6, start: '14:00', end: '16:00', capacity: 20 }] });
	office = await openPrisonOffice(app.api, prisonId);
});
afterAll(async () => {
	await app?.close();
});
beforeEach(() => app.screenshotOnFailure());

const row = (id: string) => app.api.db.selectFrom('visitRequests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

it('warns the officer with the list before saving, then cancels; the family sees why and re-picks with answers kept', async () => {
	// The family books on their phone; another family is booked into the same afternoon.
	const phone = await app.launch();
	const visitor = phone.context.pages()[0] ?? (await phone.context.newPage());
	await visitor.goto('/');
	await waitForServiceWorker(visitor);
	await fillRequest(visitor, prisonName, slot);
	const familyId = await sendRequest(visitor);
	// The phone sends it in the background.
	await expect
		.poll(async () => (await app.api.db.selectFrom('visitRequests').select('id').where('id', '=', familyId).executeTakeFirst())?.id, {
			timeout: 20_000
		})
		.toBe(familyId);
	await office.confirm(familyId, slot);
	const other = aVisitRequest(prisonId, { slots: [{ date: saturday, start: '14:00' }] });
	expect((await call(app.api, 'POST', '/api/visit-requests', { body: other, bearer: newDeviceSecret() })).status).toBe(201);
	await office.confirm(other.id, slot);
	const references = [(await row(familyId)).reference, (await row(other.id)).reference];

	// The officer closes Saturday: the page lists both visits, and nothing is saved yet.
	const tablet = await app.launch({ viewport: TABLET });
	const page = tablet.context.pages()[0] ?? (await tablet.context.newPage());
	await page.goto('/staff');
	await waitForServiceWorker(page);
	const officer = await createStaff(app.api.db, { prisonIds: [prisonId], name: 'Sam Closer' });
	await signInAsStaff(page, officer);
	await onQueue(page);
	await goToStaffPage(page, 'timetable');
	await onPage(page, t('staff.timetable.title'));
	await fillDate(page, 'closure-date', saturday);
	await page.getByRole('radio', { name: t('staff.closures.addWholeDay'), exact: true }).check();
	await page.getByLabel(t('staff.closures.addReason'), { exact: true }).fill('Staff training');
	await page.getByRole('button', { name: t('staff.closures.submit'), exact: true }).click();

	const warning = page.getByTestId('hit-visits');
	await warning.waitFor({ timeout: 20_000 });
	// The question is where the officer is looking: below the form they used, with focus on it.
	await expect.poll(() => warning.evaluate((box) => box.contains(document.activeElement))).toBe(true);
	const submit = await page.getByRole('button', { name: t('staff.closures.submit'), exact: true }).boundingBox();
	expect((await warning.boundingBox())!.y).toBeGreaterThan(submit!.y);
	// A question is not a refusal: the status bar does not say "not accepted".
	await expect.poll(() => page.locator('body').innerText()).toContain(t('journeys.sync.asking.one'));
	expect(await page.locator('body').innerText()).not.toContain(t('sync.status.failed.one'));
	const summary = (await warning.textContent()) ?? '';
	expect(summary).toContain(tPlural('staff.closures.hits', 2, { references: '' }).replace(/: $/, ''));
	for (const reference of references) expect(summary).toContain(reference);
	expect(await app.api.db.selectFrom('closures').select('id').where('prisonId', '=', prisonId).execute()).toEqual([]);
	expect((await row(familyId)).status).toBe('booked');

	await warning.getByRole('button', { name: t('staff.closures.hits.confirm'), exact: true }).click();
	await expect
		.poll(async () => [(await row(familyId)).status, (await row(other.id)).status], { timeout: 20_000 })
		.toEqual(['cancelled', 'cancelled']);
	expect(await row(familyId)).toMatchObject({ cancellationReason: 'prison_closed', decisionMessage: 'Staff training' });
	await expect.poll(() => warning.count(), { timeout: 10_000 }).toBe(0);

	// The family's visit page says why, and "Choose new times" keeps every answer.
	// "Your visits" fetches what the prison decided; the visit's page then reads it from the phone.
	const familyReference = references[0]!;
	await visitor.goto('/visits');
	const card = visitor.getByRole('listitem').filter({ hasText: familyReference });
	await card.getByText(t('visitor.requestStatus.cancelled'), { exact: true }).waitFor({ timeout: 20_000 });
	await card.getByRole('link').click();
	// Someone else cancelled it: the page says why, under its heading.
	await visitor.getByRole('heading', { name: t('visitor.visit.cancelReason') }).waitFor();
	await expectText(visitor, t('visitor.visit.prisonClosed', { reason: 'Staff training' }));
	// … and which visit it was.
	await expectText(visitor, t('journeys.visit.cancelledWhich', { date: formatDate(saturday), time: formatTimeRange('14:00', '16:00') }));
	await visitor.getByRole('button', { name: t('visitor.visit.chooseNewTimes'), exact: true }).click();
	await onPage(visitor, t('visitor.slots.title'));
	// The calendar shows the closed day with its reason.
	await expectText(visitor, `${formatDate(saturday)}: ${t('visitor.slots.day.closedReason', { reason: 'Staff training' })}`);
	await chooseSlot(visitor, { date: nextSaturday, start: '14:00', end: '16:00' });
	// Changing only the times goes straight back to the answers.
	await pressContinue(visitor);
	await onPage(visitor, t('visitor.check.title'));
	await expectText(visitor, ANSWERS.prisoner.lastName);
	await expectText(visitor, ANSWERS.lead.email);
	const newId = await sendRequest(visitor);
	expect(newId).not.toBe(familyId);
	await expect
		.poll(async () => (await app.api.db.selectFrom('visitRequests').select('id').where('id', '=', newId).executeTakeFirst())?.id, {
			timeout: 20_000
		})
		.toBe(newId);
	const [before, after] = [await row(familyId), await row(newId)];
	expect({ ...after, id: before.id }).toMatchObject({
		prisonerFirstName: before.prisonerFirstName,
		prisonerLastName: before.prisonerLastName,
		prisonerNumber: before.prisonerNumber,
		prisonerDateOfBirth: before.prisonerDateOfBirth,
		status: 'requested',
		firstDate: nextSaturday
	});
	const lead = await app.api.db
		.selectFrom('requestVisitors')
		.select(['firstName', 'lastName', 'dateOfBirth', 'email'])
		.where('requestId', 'in', [familyId, newId])
		.where('position', '=', 0)
		.execute();
	expect(lead[0]).toEqual(lead[1]);
}, 180_000);
