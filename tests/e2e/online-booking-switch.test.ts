// The online booking switch in real Chromium: an officer turns online booking off on the staff
// page while a family's request waits on their phone with no signal; when signal returns the phone
// says why, with the prison's message, and keeps the answers; the prison list says so too.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { bookableDate, createPrison, createStaff } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { expectAccessible } from '../helpers/page-checks';
import { goToStaffPage, onQueue, signInAsStaff, TABLET } from '../helpers/staff-pages';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { fillRequest, heading, onPage, pressContinue, sendRequest } from '../helpers/visitor-pages';
import { t } from '../../src/lib/shared/i18n';

const prisonName = 'HMP Short Staffed';
const MESSAGE = 'Visits are suspended this week because of staff shortages. Call 01234 567890 to book.';

let app: VisitorApp;
let officer: { email: string; password: string };

beforeAll(async () => {
	app = await startVisitorApp();
	const prisonId = await createPrison(app.api.db, {
		name: prisonName,
		timetable: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '14:00', end: '16:00', capacity: 10 }))
	});
	officer = await createStaff(app.api.db, { prisonIds: [prisonId] });
});

afterAll(async () => {
	await app?.close();
});

beforeEach(() => app.screenshotOnFailure());

it('refuses a request queued offline with the message once booking is off, keeps its answers, and says so before the next one starts', async () => {
	const slot = { date: bookableDate(6), start: '14:00', end: '16:00' };
	const phone = await app.launch();
	const page = phone.context.pages()[0] ?? (await phone.context.newPage());
	await page.goto('/');
	await waitForServiceWorker(page);
	await fillRequest(page, prisonName, slot);
	await phone.context.setOffline(true);
	const queuedId = await sendRequest(page);
	await expectText(page, t('visitor.sent.waiting'));

	// The officer turns online booking off on the timetable page, with a message.
	const tablet = await app.launch({ viewport: TABLET });
	const staff = tablet.context.pages()[0] ?? (await tablet.context.newPage());
	await staff.goto('/staff');
	await signInAsStaff(staff, officer);
	await onQueue(staff);
	await goToStaffPage(staff, 'timetable');
	await onPage(staff, t('staff.timetable.title'));
	await staff.getByText(t('admin.onlineBooking.isOn'), { exact: true }).waitFor();
	await staff.getByRole('radio', { name: t('admin.onlineBooking.offChoice'), exact: true }).check();
	await staff.getByRole('button', { name: t('admin.onlineBooking.save'), exact: true }).click();
	// No message: the page asks for one and nothing is sent.
	await staff.getByRole('link', { name: t('admin.field.onlineBookingMessage.required') }).waitFor();
	await expectAccessible(staff);
	await staff.getByLabel(t('admin.onlineBooking.message'), { exact: true }).fill(MESSAGE);
	await staff.getByRole('button', { name: t('admin.onlineBooking.save'), exact: true }).click();
	await staff.getByText(t('admin.onlineBooking.isOff', { message: MESSAGE }), { exact: true }).waitFor();
	await expectAccessible(staff);
	const stored = await app.api.db
		.selectFrom('prisons')
		.select(['onlineBooking', 'onlineBookingMessage'])
		.where('name', '=', prisonName)
		.executeTakeFirstOrThrow();
	expect(stored).toEqual({ onlineBooking: false, onlineBookingMessage: MESSAGE });

	// Signal returns: the queued request is refused with the prison's words, and never stored.
	await phone.context.setOffline(false);
	await onPage(page, t('visitor.sent.notAccepted'));
	const refusal = t('admin.onlineBooking.refused', { message: MESSAGE });
	await expectText(page, refusal);
	await expectAccessible(page);
	expect(await app.api.db.selectFrom('visitRequests').select('id').where('id', '=', queuedId).execute()).toEqual([]);

	// Its answers are kept on the phone: the visit's page still shows them, with the reason.
	await page.goto(`/visits/${queuedId}`);
	await onPage(page, t('visitor.visit.notSentTitle'));
	await expectText(page, refusal);
	await expectText(page, 'Ada Lovelace');
	const kept = await page.evaluate(async (id) => {
		const open = indexedDB.open('book-a-prison-visit');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const row = await new Promise<{ syncState: string; input: { prisoner: { lastName: string }; slots: unknown[] } }>((resolve) => {
			const get = db.transaction('requests').objectStore('requests').get(id);
			get.onsuccess = () => resolve(get.result);
		});
		return { syncState: row.syncState, lastName: row.input.prisoner.lastName, slots: row.input.slots.length };
	}, queuedId);
	expect(kept).toEqual({ syncState: 'rejected', lastName: 'Lovelace', slots: 1 });

	// The next family is told on the first page of the form, before giving any answers.
	await page.goto('/book/prison');
	await onPage(page, t('visitor.prison.title'));
	await expectText(page, `${t('admin.onlineBooking.off')}: ${MESSAGE}`);
	await page.getByRole('radio', { name: prisonName, exact: true }).check();
	await pressContinue(page);
	await heading(page, t('visitor.errorSummary.title')).waitFor();
	await page.getByRole('link', { name: refusal }).waitFor();
	await expectAccessible(page);
	expect(new URL(page.url()).pathname).toBe('/book/prison');
}, 120_000);
