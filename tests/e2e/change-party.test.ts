// Changing who is coming to a booked visit from the phone: the family adds a visitor with no
// signal, the change waits in the outbox and reaches the prison when signal returns, an officer
// sees who it adds on the request page and makes the change, and the family's page shows the new party.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { bookableDate, createPrison, createStaff } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { openPrisonOffice, type PrisonOffice } from '../helpers/prison-office';
import { signInAsStaff, TABLET } from '../helpers/staff-pages';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { fillRequest, onPage, sendRequest } from '../helpers/visitor-pages';
import { formatDate } from '../../src/lib/shared/format';
import { t, tPlural } from '../../src/lib/shared/i18n';

let app: VisitorApp;
let office: PrisonOffice;
let prisonId: string;
const prisonName = 'HMP Change Party';

beforeAll(async () => {
	app = await startVisitorApp();
	prisonId = await createPrison(app.api.db, { name: prisonName });
	office = await openPrisonOffice(app.api, prisonId);
});

afterAll(async () => {
	await app?.close();
});

beforeEach(() => app.screenshotOnFailure());

const changesOf = (id: string) =>
	app.api.db.selectFrom('visitChanges').select(['status', 'slots', 'visitors']).where('requestId', '=', id).execute();
const visitorsOf = async (id: string) =>
	(
		await app.api.db
			.selectFrom('requestVisitors')
			.select(['firstName', 'lastName'])
			.where('requestId', '=', id)
			.orderBy('position')
			.execute()
	).map((v) => `${v.firstName} ${v.lastName}`);

it('a family adds a visitor to a booked visit offline, it syncs, staff see who it adds and make the change, and the visit shows the new party', async () => {
	const booked = { date: bookableDate(6), start: '14:00', end: '16:00' };
	const browser = await app.launch();
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());

	await page.goto('/');
	await waitForServiceWorker(page);
	await fillRequest(page, prisonName, booked);
	const id = await sendRequest(page);
	await expectText(page, t('visitor.sent.reference'));
	await office.confirm(id, booked);
	const { reference } = await app.api.db.selectFrom('visitRequests').select('reference').where('id', '=', id).executeTakeFirstOrThrow();
	const title = t('family.visit.title', { reference });
	await page.getByRole('link', { name: t('visitor.sent.yourVisits') }).click();
	const card = page.getByRole('listitem').filter({ hasText: reference });
	await card.getByText(t('visitor.requestStatus.booked'), { exact: true }).waitFor({ timeout: 15_000 });
	await card.getByRole('link').click();
	await onPage(page, title);

	// No signal: the party as booked is filled in; add Tom and keep the time.
	await browser.context.setOffline(true);
	await page.getByRole('button', { name: t('change.link') }).click();
	await onPage(page, t('change.title'));
	expect(await page.locator('#visitors-0-firstName').inputValue()).toBe('Mary');
	// Sending it unchanged asks for nothing: the page says so and queues nothing.
	await page.getByRole('button', { name: t('change.submit'), exact: true }).click();
	await expectText(page, t('validation.change.nothing'));
	await page.getByRole('button', { name: t('visitor.visitors.add'), exact: true }).click();
	await page.locator('#visitors-1-firstName').fill('Tom');
	await page.locator('#visitors-1-lastName').fill('Lovelace');
	await page.locator('#visitors-1-dateOfBirth-day').fill('9');
	await page.locator('#visitors-1-dateOfBirth-month').fill('7');
	await page.locator('#visitors-1-dateOfBirth-year').fill('1992');
	await page.getByRole('button', { name: t('change.submit'), exact: true }).click();
	await onPage(page, title);
	await expectText(page, t('change.pending.queued'));
	await expectText(page, t('change.pending.timeStays'));
	await expectText(page, t('change.pending.added', { names: 'Tom Lovelace' }));
	expect(await changesOf(id)).toEqual([]);

	// Signal back: sent once; the visit is still booked for Mary alone.
	await browser.context.setOffline(false);
	await expect
		.poll(() => changesOf(id), { timeout: 15_000 })
		.toEqual([
			{
				status: 'pending',
				slots: [],
				visitors: [
					{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email: 'mary@example.com' },
					{ firstName: 'Tom', lastName: 'Lovelace', dateOfBirth: '1992-07-09' }
				]
			}
		]);
	expect(await visitorsOf(id)).toEqual(['Mary Lovelace']);
	await expectText(page, t('change.pending.sent'));

	// An officer sees on the request page who the change adds, and makes it.
	const officer = await createStaff(app.api.db, { prisonIds: [prisonId] });
	const staff = await app.launch({ viewport: TABLET });
	const tablet = staff.context.pages()[0] ?? (await staff.context.newPage());
	await tablet.goto('/staff');
	await signInAsStaff(tablet, officer);
	await tablet.getByRole('heading', { level: 1, name: t('staff.requests.title') }).waitFor({ timeout: 15_000 });
	const queued = tablet.getByTestId('change-queue').getByRole('row').filter({ hasText: reference });
	await queued.getByText(tPlural('changeStaff.queue.party', 2)).waitFor();
	await queued.getByRole('link', { name: reference, exact: true }).click();
	await onPage(tablet, t('staff.request.title', { reference }));
	const party = tablet.getByTestId('change-party');
	await party.getByText(t('changeStaff.party.added', { names: 'Tom Lovelace' })).waitFor();
	await party.getByText(`Tom Lovelace, ${formatDate('1992-07-09')}`).waitFor();
	await tablet.getByRole('radio', { name: t('changeStaff.confirm.party'), exact: true }).check();
	await tablet.getByRole('button', { name: t('changeStaff.confirm.party.submit'), exact: true }).click();
	await expect.poll(() => visitorsOf(id), { timeout: 15_000 }).toEqual(['Mary Lovelace', 'Tom Lovelace']);

	// The family's phone learns the new party.
	await page.goto('/visits');
	await page.getByRole('listitem').filter({ hasText: reference }).getByRole('link').click();
	await onPage(page, title);
	await expectText(page, t('change.outcome.partyConfirmed'));
	await expectText(page, 'Tom Lovelace');
}, 150_000);
