// A banned visitor let come by an override, walked in real Chromium on a tablet: the officer's
// override names the ban it goes past, the day's list marks the visitor BANNED with the override,
// and at the gate the ban is the first thing shown, nobody is ticked for the officer, a second look
// at the same visit is a warning, what happened is recorded with the arrival, and a reference booked
// for another day says which day.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { formatDate } from '../../src/lib/shared/format';
import { t } from '../../src/lib/shared/i18n';
import { instantOf } from '../../src/lib/shared/rules/dates';
import { ROCHESTER } from '../../server/demo-prison';
import { aVisitRequest, bookableDate, call, createPrison, createStaff, newDeviceSecret, signIn } from '../helpers/api';
import { expectAccessible, onQueue, openRequest, TABLET, signInAsStaff } from '../helpers/staff-pages';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { onPage } from '../helpers/visitor-pages';

let app: VisitorApp;
let prisonId: string;
let officer: { email: string; password: string; name: string };
let cookie: string;
const saturday = bookableDate(6);
const nextSaturday = bookableDate(6, new Date(Date.now() + 7 * 86_400_000));
const TZ = ROCHESTER.timeZone!;
const mary = { firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email: 'mary@example.com' };
const bob = { firstName: 'Bob', lastName: 'Smith', dateOfBirth: '1980-01-01' };
const prisoner = { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: 'C1234DE' };

beforeAll(async () => {
	app = await startVisitorApp();
	prisonId = await createPrison(app.api.db, { name: 'HMP Banned Test' });
	officer = await createStaff(app.api.db, { prisonIds: [prisonId], name: 'Sam Officer' });
	cookie = await signIn(app.api, officer);
});
afterAll(async () => {
	await app?.close();
});
beforeEach(() => app.screenshotOnFailure());

async function requestFor(date: string, visitors: object[]) {
	const body = aVisitRequest(prisonId, { prisoner, visitors: visitors as never, slots: [{ date, start: '14:00' }] });
	expect((await call(app.api, 'POST', '/api/visit-requests', { body, bearer: newDeviceSecret() })).status).toBe(201);
	const { reference } = await app.api.db
		.selectFrom('visitRequests')
		.select('reference')
		.where('id', '=', body.id)
		.executeTakeFirstOrThrow();
	return { id: body.id, reference };
}

it('shows an overridden ban loudly on the day’s list and at the gate, never ticks anyone, and records what happened', async () => {
	const ban = await call(app.api, 'POST', `/api/staff/prisons/${prisonId}/prisoners/${prisoner.prisonerNumber}/bans`, {
		cookie,
		body: { ...bob, reason: 'Passing items' }
	});
	expect(ban.status).toBe(201);
	const family = await requestFor(saturday, [mary, bob]);
	const later = await requestFor(nextSaturday, [mary]);
	expect(
		(
			await call(app.api, 'POST', `/api/staff/requests/${later.id}/confirm`, {
				cookie,
				body: { slot: { date: nextSaturday, start: '14:00' } }
			})
		).status
	).toBe(200);

	const profile = await app.launch({ viewport: TABLET });
	// The tablet's clock: the day of the visit, before it starts.
	await profile.context.clock.install({ time: instantOf(saturday, '13:40', TZ) });
	const page = profile.context.pages()[0] ?? (await profile.context.newPage());
	await page.goto('/staff');
	await signInAsStaff(page, officer);
	await onQueue(page);
	await openRequest(page, family.reference);

	// The override's question names the warning it goes past; the lead visitor may be left out too.
	await page.getByRole('radio', { name: t('staff.decision.confirm'), exact: true }).check();
	await page.locator('input[name="confirm-slot"]').first().check();
	await page.getByRole('checkbox', { name: t('journeys.confirm.leadVisitor', { name: 'Mary Lovelace' }) }).waitFor();
	const overrideLabel = t('journeys.override.label', { flags: t('flags.tag.visitor_banned') });
	await page.getByLabel(overrideLabel).fill('Governor agreed a supervised visit');
	await page.getByRole('button', { name: t('staff.confirm.submit'), exact: true }).click();
	await expect
		.poll(async () => (await app.api.db.selectFrom('visitOverrides').selectAll().where('requestId', '=', family.id).execute()).length, {
			timeout: 20_000
		})
		.toBe(1);
	const stored = await app.api.db.selectFrom('visitOverrides').selectAll().where('requestId', '=', family.id).executeTakeFirstOrThrow();
	expect([stored.codes, stored.visitors, stored.staffName]).toEqual([['visitor_banned'], [1], 'Sam Officer']);

	// The day's list marks Bob and says who let him come and why. The next week's list is opened too.
	await page.goto(`/staff/visits?date=${nextSaturday}`);
	await expectText(page, later.reference);
	await page.goto(`/staff/visits?date=${saturday}`);
	const shown = t('journeys.override.shown.banned', { name: 'Bob Smith', by: 'Sam Officer', reason: 'Governor agreed a supervised visit' });
	await page.getByTestId('list-override').getByText(shown).waitFor({ timeout: 15_000 });
	const bobLine = page.getByRole('listitem').filter({ hasText: 'Bob Smith' });
	await bobLine.getByText(t('journeys.gate.banned')).waitFor();
	await expectAccessible(page, "the day's list with an overridden ban");

	// At the gate: the ban first, loudly; nobody ticked.
	await page.goto('/staff/gate');
	await onPage(page, t('gate.title'));
	const field = page.getByLabel(t('gate.reference.label'));
	const find = async (text: string) => {
		await field.fill(text);
		await page.getByRole('button', { name: t('gate.reference.find'), exact: true }).click();
	};
	await find(family.reference);
	const alarm = page.getByTestId('gate-banned');
	await alarm.getByText(shown).waitFor({ timeout: 15_000 });
	await alarm.getByText(t('journeys.gate.bannedCheck')).waitFor();
	const bobBox = page.getByRole('checkbox', { name: /Bob Smith/ });
	const maryBox = page.getByRole('checkbox', { name: /Mary Lovelace/ });
	expect([await bobBox.isChecked(), await maryBox.isChecked()]).toEqual([false, false]);
	await expectAccessible(page, 'the gate showing an overridden ban');

	// Mary came; Bob was turned away at the gate: what happened is recorded with the arrival.
	await maryBox.check();
	await page.getByRole('radio', { name: t('journeys.outcome.refused_entry') }).check();
	await page.getByLabel(t('journeys.gate.note')).fill('Bob turned away: ban');
	await page.getByRole('button', { name: t('gate.visit.record'), exact: true }).click();
	await expect
		.poll(
			async () =>
				(
					await app.api.db.selectFrom('visitArrivals').select(['outcome', 'note', 'visitors']).where('requestId', '=', family.id).execute()
				)[0],
			{ timeout: 20_000 }
		)
		.toEqual({ outcome: 'refused_entry', note: 'Bob turned away: ban', visitors: [0] });

	// The same reference again: a warning, not a green success.
	await find(family.reference);
	await page.getByTestId('gate-already').getByText(t('journeys.gate.alreadyTitle'), { exact: false }).waitFor();
	expect(await page.locator('.govuk-panel--confirmation').count()).toBe(0);
	await page.getByTestId('gate-outcome').getByText(t('journeys.outcome.refused_entry')).waitFor();

	// A reference booked for next week: the gate says which day.
	await find(later.reference.toLowerCase());
	await page
		.getByRole('alert')
		.getByText(t('journeys.gate.otherDayListed', { reference: later.reference, date: formatDate(nextSaturday) }))
		.waitFor();
	await profile.close();
}, 180_000);
