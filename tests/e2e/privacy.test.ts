// Privacy on a phone: "Download your data" shows and saves what the service holds; "Forget me" warns
// which visits it cancels, then leaves nothing on the phone and no personal data on the server, also
// when asked with no signal (the phone's copy goes at once, the erase is sent when signal returns).
// The new pages pass axe-core at 320 px.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { bookableDate, createPrison } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { expectAccessible, expectPageBasics } from '../helpers/page-checks';
import { openPrisonOffice, type PrisonOffice } from '../helpers/prison-office';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { ANSWERS, fillRequest, sendRequest } from '../helpers/visitor-pages';
import { t, tPlural } from '../../src/lib/shared/i18n';
import { formatDateShort } from '../../src/lib/shared/format';

let app: VisitorApp;
let office: PrisonOffice;
const prisonName = 'HMP Privacy';

beforeAll(async () => {
	app = await startVisitorApp();
	const prisonId = await createPrison(app.api.db, { name: prisonName });
	office = await openPrisonOffice(app.api, prisonId);
});
afterAll(async () => {
	await app?.close();
});
beforeEach(() => app.screenshotOnFailure());

async function serverRow(id: string) {
	return app.api.db
		.selectFrom('visitRequests')
		.select(['status', 'prisonerNumber', 'purgeReason'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
}

/** What the phone keeps: rows per Dexie table, and the names of its caches. */
async function deviceStore(page: Page): Promise<{ tables: Record<string, unknown[]>; caches: string[] }> {
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('book-a-prison-visit');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const tables: Record<string, unknown[]> = {};
		for (const name of Array.from(db.objectStoreNames)) {
			tables[name] = await new Promise<unknown[]>((resolve, reject) => {
				const request = db.transaction(name).objectStore(name).getAll();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
		}
		db.close();
		return { tables, caches: await caches.keys() };
	});
}

const nonEmpty = (store: { tables: Record<string, unknown[]> }) =>
	Object.entries(store.tables)
		.filter(([, rows]) => rows.length > 0)
		.map(([name]) => name);

it('downloads the data, then forgets it after a warning listing the visit it cancels', async () => {
	const booked = { date: bookableDate(6), start: '14:00', end: '16:00' };
	const waiting = { date: bookableDate(2), start: '14:00', end: '16:00' };
	const browser = await app.launch({ viewport: { width: 320, height: 640 } });
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());
	await page.goto('/');
	await waitForServiceWorker(page);
	await fillRequest(page, prisonName, booked);
	const bookedId = await sendRequest(page);
	await expectText(page, t('visitor.sent.reference'));
	await fillRequest(page, prisonName, waiting);
	const waitingId = await sendRequest(page);
	await expectText(page, t('visitor.sent.reference'));
	await office.confirm(bookedId, booked);
	const bookedReference = (
		await app.api.db.selectFrom('visitRequests').select('reference').where('id', '=', bookedId).executeTakeFirstOrThrow()
	).reference;

	// Download your data: a readable page and a JSON file.
	await page.getByRole('link', { name: t('visitor.sent.yourVisits') }).click();
	await expectPageBasics(page, t('visitor.visits.title'), { online: true });
	await page
		.getByRole('listitem')
		.filter({ hasText: bookedReference })
		.getByText(t('visitor.requestStatus.booked'), { exact: true })
		.waitFor();
	await page.getByRole('link', { name: t('privacy.links.download') }).click();
	await expectPageBasics(page, t('privacy.export.title'), { online: true });
	await expectText(page, ANSWERS.prisoner.prisonerNumber);
	// Dates of birth as people read them, not the file's 1990-05-01.
	const [day, month, year] = ANSWERS.prisoner.dateOfBirth;
	const prisonerBorn = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
	await expectText(
		page,
		`${ANSWERS.prisoner.firstName} ${ANSWERS.prisoner.lastName}, ${t('account.visitors.born', { date: formatDateShort(prisonerBorn) })}`
	);
	expect(await page.getByText(prisonerBorn).count()).toBe(0);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: t('privacy.export.download') }).click()
	]);
	const file = JSON.parse(await readFile(await download.path(), 'utf8'));
	expect(file.requests.map((r: { id: string }) => r.id).sort()).toEqual([bookedId, waitingId].sort());

	// Forget me: the warning names the booked visit, then everything goes.
	await page.getByRole('link', { name: t('visitor.back') }).click();
	await page.getByRole('link', { name: t('privacy.links.forget') }).click();
	await expectPageBasics(page, t('privacy.forget.title'), { online: true });
	await expect.poll(() => page.getByTestId('forget-cancels').innerText()).toContain(bookedReference);
	await page.getByTestId('forget-withdraws').waitFor();
	expect(await serverRow(bookedId)).toMatchObject({ status: 'booked' });
	await page.getByRole('button', { name: t('privacy.forget.confirm') }).click();
	await expectText(page, t('privacy.forget.done'));
	await expectAccessible(page);

	expect(await serverRow(bookedId)).toEqual({ status: 'cancelled', prisonerNumber: null, purgeReason: 'visitor_asked' });
	expect(await serverRow(waitingId)).toEqual({ status: 'withdrawn', prisonerNumber: null, purgeReason: 'visitor_asked' });
	const store = await deviceStore(page);
	expect(nonEmpty(store)).toEqual([]);
	expect(store.caches).not.toContain('api-fallback');
}, 180_000);

it('forgets with no signal: the phone is cleared at once and the erase reaches the server when signal returns', async () => {
	const slot = { date: bookableDate(3), start: '14:00', end: '16:00' };
	const browser = await app.launch();
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());
	await page.goto('/');
	await waitForServiceWorker(page);
	await fillRequest(page, prisonName, slot);
	const id = await sendRequest(page);
	await expectText(page, t('visitor.sent.reference'));
	await page.getByRole('link', { name: t('visitor.sent.yourVisits') }).click();
	await expectPageBasics(page, t('visitor.visits.title'), { online: true });

	await browser.context.setOffline(true);
	await page.getByRole('link', { name: t('privacy.links.forget') }).click();
	await expectPageBasics(page, t('privacy.forget.title'), { online: false });
	await page.getByTestId('forget-withdraws').waitFor();
	await page.getByRole('button', { name: t('privacy.forget.confirm') }).click();
	await expectText(page, t('privacy.forget.queued'));

	// Nothing personal left on the phone: only the old secret, to send the erase with.
	const offline = await deviceStore(page);
	expect(nonEmpty(offline)).toEqual(['meta']);
	expect(offline.tables.meta).toEqual([{ key: 'pendingErase', value: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) }]);
	expect(JSON.stringify(offline.tables)).not.toContain(ANSWERS.prisoner.prisonerNumber);
	expect(await serverRow(id)).toMatchObject({ status: 'requested' });

	await browser.context.setOffline(false);
	await expect
		.poll(() => serverRow(id), { timeout: 20_000 })
		.toEqual({ status: 'withdrawn', prisonerNumber: null, purgeReason: 'visitor_asked' });
	// Back online, the app fetches the public prison list and calendars again (src/lib/visitor/keep-fresh.ts):
	// those hold nothing about anyone. Nothing personal may come back.
	const publicTables = new Set(['meta', 'prisons', 'calendars']);
	await expect.poll(async () => nonEmpty(await deviceStore(page)).filter((name) => !publicTables.has(name))).toEqual([]);
	await expect
		.poll(async () => (await deviceStore(page)).tables.meta?.some((row) => (row as { key: string }).key === 'pendingErase'))
		.toBe(false);
}, 180_000);

it('shows the privacy notice, saying how long data is kept', async () => {
	const browser = await app.launch({ viewport: { width: 320, height: 640 } });
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());
	await page.goto('/privacy');
	await expectPageBasics(page, t('info.privacy.title'), { online: true });
	await expectText(page, tPlural('info.privacy.howLong.body', 180));
	await expectText(page, t('privacy.notice.rights'));
}, 60_000);
