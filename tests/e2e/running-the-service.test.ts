// Administration and the report in real Chromium, as a service administrator who also works at the
// prison: the report page (charts with their numbers, a CSV), prisons, staff users with a
// one-time set-password link, and that link's page. axe on every page; a screenshot of the report.
// Then as an administrator of that prison only: what they are offered and what not.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { aVisitRequest, bookableDate, call, createPrison, createStaff, newDeviceSecret, signIn } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { expectAccessible } from '../helpers/page-checks';
import { fillDate, goToStaffPage, onQueue, signInAsStaff, TABLET } from '../helpers/staff-pages';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { onPage } from '../helpers/visitor-pages';
import { t, tPlural } from '../../src/lib/shared/i18n';
import { formatDateShort, formatTime } from '../../src/lib/shared/format';
import { mondayOf, REPORT_CSV_COLUMNS } from '../../src/lib/shared/report';
import { eachDate, isoWeekday, todayIn } from '../../src/lib/shared/rules/dates';

const REPORT_SCREENSHOTS = process.env.REPORT_SCREENSHOTS ? path.resolve(process.env.REPORT_SCREENSHOTS) : undefined;
let app: VisitorApp;
let prisonId: string;
let admin: { email: string; password: string };

beforeAll(async () => {
	app = await startVisitorApp();
	prisonId = await createPrison(app.api.db, {
		name: 'HMP Reporting',
		timetable: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
			{ weekday, start: '09:30', end: '11:30', capacity: 4 },
			{ weekday, start: '14:00', end: '16:00', capacity: 6 }
		])
	});
	admin = await createStaff(app.api.db, { prisonIds: [prisonId], name: 'Ali Admin', serviceAdmin: true });
	// A few weeks of a hall's work: bookings across days and times, some refused.
	const cookie = await signIn(app.api, admin);
	const phone = newDeviceSecret();
	let made = 0;
	for (const [weekday, start, booked, refused] of [
		[6, '14:00', 5, 1],
		[6, '09:30', 2, 0],
		[3, '14:00', 3, 2],
		[1, '09:30', 1, 1]
	] as const) {
		for (let i = 0; i < booked + refused; i += 1) {
			const slot = { date: bookableDate(weekday), start };
			const request = aVisitRequest(prisonId, { slots: [slot] });
			expect((await call(app.api, 'POST', '/api/visit-requests', { body: request, bearer: phone })).status).toBe(201);
			const decision = i < booked ? { path: 'confirm', body: { slot } } : { path: 'reject', body: { reasons: ['no_allowance'] } };
			expect(
				(await call(app.api, 'POST', `/api/staff/requests/${request.id}/${decision.path}`, { cookie, body: decision.body })).status
			).toBe(200);
			made += 1;
		}
	}
	expect(made).toBe(15);
});

afterAll(async () => {
	await app?.close();
});

beforeEach(() => app.screenshotOnFailure());

it('shows the report with accessible charts and a CSV, and lets an administrator run prisons and staff users', async () => {
	const tablet = await app.launch({ viewport: TABLET });
	const page = tablet.context.pages()[0] ?? (await tablet.context.newPage());
	await page.goto('/staff');
	await waitForServiceWorker(page);
	await signInAsStaff(page, admin);
	await onQueue(page);

	// The report: totals, both charts with their text alternatives and tables.
	await goToStaffPage(page, 'admin.nav.report');
	await onPage(page, t('admin.report.title'));
	const from = todayIn('Europe/London', new Date());
	const to = [bookableDate(6), bookableDate(3), bookableDate(1)].sort().at(-1)!;
	await fillDate(page, 'from', from);
	await fillDate(page, 'to', to);
	await page.getByRole('button', { name: t('admin.report.show'), exact: true }).click();
	const total = (name: string) =>
		page
			.getByRole('row')
			.filter({ has: page.getByRole('rowheader', { name, exact: true }) })
			.getByRole('cell');
	await expect.poll(() => total(t('admin.report.requests')).textContent()).toBe('15');
	expect(await total(t('admin.report.booked')).textContent()).toBe('11');
	expect(await total(t('admin.report.rejected')).textContent()).toBe('4');
	const weekly = page.getByRole('img', { name: t('admin.report.weeklyHeading') });
	await weekly.waitFor();
	// Every request was made this week: one week of 11 booked and 4 refused.
	expect(await page.locator('#weekly-desc').textContent()).toContain(
		t('admin.report.weekLine', { week: formatDateShort(mondayOf(from)), booked: 11, rejected: 4 })
	);
	await page.getByRole('img', { name: t('admin.report.heatHeading') }).waitFor();
	const saturdays = eachDate(from, to).filter((date) => isoWeekday(date) === 6).length;
	const percent = `${Math.round((5 / (6 * saturdays)) * 100)}%`;
	expect(await page.locator('#heat-desc').textContent()).toContain(
		t('admin.report.heatLine', { weekday: t('staff.weekday.6'), start: formatTime('14:00'), percent })
	);
	await expectAccessible(page);
	// The docs' picture is taken only when asked (REPORT_SCREENSHOTS=docs/screenshots): a test run leaves tracked files alone.
	if (REPORT_SCREENSHOTS) {
		mkdirSync(REPORT_SCREENSHOTS, { recursive: true });
		await page.screenshot({ path: path.join(REPORT_SCREENSHOTS, 'report.png'), fullPage: true });
	}

	// The CSV link gives the same figures by day.
	const href = await page.getByTestId('report-csv').getAttribute('href');
	const csv = await page.evaluate(async (url) => (await fetch(url!, { credentials: 'same-origin' })).text(), href);
	const [header, ...rows] = csv
		.trimEnd()
		.split('\r\n')
		.map((line) => line.split(','));
	expect(header).toEqual([...REPORT_CSV_COLUMNS]);
	expect(rows[0]![0]).toBe(from);
	expect(rows.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(15);

	// Prisons: a time zone that does not exist is named in the error summary; then it is added.
	await goToStaffPage(page, 'admin.nav.prisons');
	await onPage(page, t('admin.prisons.title'));
	await page.getByRole('cell', { name: 'HMP Reporting', exact: true }).waitFor();
	await expectAccessible(page);
	await page.getByLabel(t('admin.prisons.code'), { exact: true }).fill('nwt');
	await page.getByLabel(t('admin.prisons.name'), { exact: true }).fill('HMP Newtown');
	await page.getByLabel(t('admin.prisons.address'), { exact: true }).fill('1 Gaol Lane, Newtown');
	await page.getByLabel(t('admin.prisons.timeZone'), { exact: true }).fill('Europe/Atlantis');
	await page.getByRole('button', { name: t('admin.prisons.create'), exact: true }).click();
	await page.getByRole('link', { name: t('admin.field.timeZone.unknown') }).waitFor();
	await expectAccessible(page);
	await page.getByLabel(t('admin.prisons.timeZone'), { exact: true }).fill('Europe/London');
	await page.getByRole('button', { name: t('admin.prisons.create'), exact: true }).click();
	await expectText(page, t('admin.prisons.created', { name: 'HMP Newtown' }));
	await page.getByRole('cell', { name: 'NWT', exact: true }).waitFor();

	// Staff users: a new officer gets a link shown once; it sets their password on its own page.
	await goToStaffPage(page, 'admin.nav.staff');
	await onPage(page, t('admin.staff.title'));
	await expectAccessible(page);
	await page.getByLabel(t('admin.staff.email'), { exact: true }).fill('jo.new@prison.example');
	await page.getByLabel(t('admin.staff.name'), { exact: true }).fill('Jo New');
	await page
		.getByRole('group', { name: t('admin.staff.prisons'), exact: true })
		.getByLabel('HMP Reporting', { exact: false })
		.check();
	await page.getByRole('button', { name: t('admin.staff.create'), exact: true }).click();
	const link = (await page.getByTestId('set-password-link').textContent())!.trim();
	expect(link).toMatch(/\/staff\/set-password#token=[A-Za-z0-9_-]{43}$/);
	await expectAccessible(page);

	const newcomer = await app.launch({ viewport: TABLET });
	const own = newcomer.context.pages()[0] ?? (await newcomer.context.newPage());
	await own.goto(link);
	await onPage(own, t('admin.setPassword.title'));
	expect(own.url()).not.toContain('token');
	await own.getByLabel(t('admin.setPassword.password'), { exact: true }).fill('short');
	await own.getByRole('button', { name: t('admin.setPassword.submit'), exact: true }).click();
	await own.getByRole('link', { name: tPlural('admin.field.password.short', 10) }).waitFor();
	await expectAccessible(own);
	await own.getByLabel(t('admin.setPassword.password'), { exact: true }).fill('a long new password');
	await own.getByRole('button', { name: t('admin.setPassword.submit'), exact: true }).click();
	await expectText(own, t('admin.setPassword.done'));
	await expectAccessible(own);
	await own.getByRole('link', { name: t('admin.setPassword.signIn'), exact: true }).click();
	await signInAsStaff(own, { email: 'jo.new@prison.example', password: 'a long new password' });
	await onQueue(own);
	// An officer who is no administrator has no administration in the menu.
	expect(
		await own
			.getByRole('navigation', { name: t('staff.nav.label') })
			.getByRole('link', { name: t('admin.nav.prisons'), includeHidden: true })
			.count()
	).toBe(0);

	// Deactivated: the newcomer's open page is signed out at its next request.
	await page.getByRole('button', { name: `${t('admin.staff.deactivate')} Jo New`, exact: true }).click();
	await expectText(page, t('admin.staff.deactivated.done', { name: 'Jo New' }));
	expect(await own.evaluate(async () => (await fetch('/api/staff/me')).status)).toBe(401);
}, 180_000);

it("offers a prison administrator their own prison and officers only: no new prison, no role, no connected systems, another administrator's row without actions", async () => {
	const prisonAdmin = await createStaff(app.api.db, { prisonIds: [prisonId], name: 'Pat Prison Admin', admin: true });
	await createStaff(app.api.db, { prisonIds: [prisonId], name: 'Ollie Officer' });
	const tablet = await app.launch({ viewport: TABLET });
	const page = tablet.context.pages()[0] ?? (await tablet.context.newPage());
	await page.goto('/staff');
	await signInAsStaff(page, prisonAdmin);
	await onQueue(page);
	const nav = page.getByRole('navigation', { name: t('staff.nav.label') });
	// Counted even under a closed "More".
	expect(await nav.getByRole('link', { name: t('integrations.nav'), includeHidden: true }).count()).toBe(0);

	await goToStaffPage(page, 'admin.nav.prisons');
	await onPage(page, t('admin.prisons.title'));
	await expectText(page, t('admin.prisons.scope'));
	await page.getByRole('cell', { name: 'HMP Reporting', exact: true }).waitFor();
	// Only their prison is listed (the first test added another), and there is no form to add one.
	expect(await page.getByRole('table').getByRole('row').count()).toBe(2);
	expect(await page.getByRole('heading', { name: t('admin.prisons.new') }).count()).toBe(0);
	await page.getByRole('button', { name: `${t('admin.prisons.edit')} HMP Reporting`, exact: true }).click();
	await page.getByRole('heading', { name: t('admin.prisons.editHeading', { name: 'HMP Reporting' }) }).waitFor();
	await expectAccessible(page);

	await goToStaffPage(page, 'admin.nav.staff');
	await onPage(page, t('admin.staff.title'));
	await expectText(page, t('admin.staff.scope'));
	// The officer can be given a link; the service administrator and they themselves cannot.
	await page.getByRole('button', { name: `${t('admin.staff.newLink')} Ollie Officer`, exact: true }).waitFor();
	for (const name of ['Ali Admin', 'Pat Prison Admin']) {
		const row = page.getByRole('row').filter({ hasText: name });
		await row.getByText(t('admin.staff.offLimits'), { exact: true }).waitFor();
		expect(await row.getByRole('button').count(), name).toBe(0);
	}
	expect(await page.getByRole('group', { name: t('admin.staff.role') }).count()).toBe(0);
	await expectAccessible(page);

	await page.goto('/staff/admin/integrations');
	await onPage(page, t('integrations.title'));
	await expectText(page, t('integrations.serviceOnly'));
}, 180_000);
