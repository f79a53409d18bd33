// Staff mode in real Chromium on a tablet: an officer signs in, works through the queue while new
// requests and colleagues' decisions arrive by themselves, decides offline, loses a race to a
// colleague without losing the decision from view, and changes what visitors can book.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatDate } from '../../src/lib/shared/format';
import { t, tPlural } from '../../src/lib/shared/i18n';
import { addDays, ageOn } from '../../src/lib/shared/rules/dates';
import { aVisitRequest, bookableDate, call, createPrison, createStaff, newDeviceSecret, signIn } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { deviceRows } from '../helpers/device-store';
import {
	TABLET,
	confirmFirstChoice,
	expectAccessible,
	fillDate,
	goToStaffPage,
	onQueue,
	openRequest,
	queueLink,
	rejectWith,
	signInAsStaff
} from '../helpers/staff-pages';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { onPage } from '../helpers/visitor-pages';

let app: VisitorApp;
let prisonId: string;
const prisonName = 'HMP Staff Test';
const phone = newDeviceSecret();
let sam: { email: string; password: string; name: string };
let jo: { email: string; password: string; name: string };
const saturday = bookableDate(6);
const childBorn = `${Number(saturday.slice(0, 4)) - 9}-03-15`;

beforeAll(async () => {
	app = await startVisitorApp();
	prisonId = await createPrison(app.api.db, { name: prisonName, timetable: [{ weekday: 6, start: '14:00', end: '16:00', capacity: 20 }] });
	sam = await createStaff(app.api.db, { prisonIds: [prisonId], name: 'Sam Officer' });
	jo = await createStaff(app.api.db, { prisonIds: [prisonId], name: 'Jo Colleague' });
});
afterAll(async () => {
	await app?.close();
});
beforeEach(() => app.screenshotOnFailure());

async function submitted(overrides = {}): Promise<{ id: string; reference: string }> {
	const response = await call(app.api, 'POST', '/api/visit-requests', { body: aVisitRequest(prisonId, overrides), bearer: phone });
	expect(response.status).toBe(201);
	return response.body;
}

async function statusOf(id: string): Promise<string | undefined> {
	return (await app.api.db.selectFrom('visitRequests').select('status').where('id', '=', id).executeTakeFirst())?.status;
}

/** Waits for the server to hold `status` (the outbox sends in the background). */
async function serverStatus(id: string, status: string): Promise<void> {
	await expect.poll(() => statusOf(id), { timeout: 20_000, interval: 200 }).toBe(status);
}

async function staffTablet(officer = sam, dir?: string): Promise<{ page: Page; dir: string; close(): Promise<void> }> {
	const profile = await app.launch({ viewport: TABLET, ...(dir ? { dir } : {}) });
	const page = profile.context.pages()[0] ?? (await profile.context.newPage());
	if (dir) {
		// The app opened again where the officer works: the session is still there.
		await page.goto('/staff/requests');
	} else {
		await page.goto('/staff');
		await waitForServiceWorker(page);
		await signInAsStaff(page, officer);
	}
	await onQueue(page);
	return { page, dir: profile.dir, close: profile.close };
}

it('signs in, confirms, rejects and signs out, and the queue follows new requests and colleagues by itself', async () => {
	const family = await submitted({
		visitors: [
			{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email: 'mary@example.com' },
			{ firstName: 'Tom', lastName: 'Lovelace', dateOfBirth: childBorn }
		],
		additionalSupport: 'Wheelchair access please'
	});
	const toReject = await submitted();
	const colleague = await signIn(app.api, jo);

	const profile = await app.launch({ viewport: TABLET });
	const page = profile.context.pages()[0] ?? (await profile.context.newPage());
	await page.goto('/staff');
	await waitForServiceWorker(page);
	await onPage(page, t('staff.signIn.title'));
	await expectAccessible(page, 'the sign-in page');

	// A wrong password is told apart from nothing: the same words as for an unknown email.
	await signInAsStaff(page, { email: sam.email, password: 'not-my-password' });
	await expectText(page, t('staff.signIn.failed'));
	await signInAsStaff(page, sam);
	await onQueue(page);
	await queueLink(page, family.reference).waitFor();
	await queueLink(page, toReject.reference).waitFor();
	await expectAccessible(page, 'the queue');

	// A request sent while the queue is open appears without a reload.
	const arriving = await submitted();
	await queueLink(page, arriving.reference).waitFor({ timeout: 15_000 });

	// A text Notify refused for good: the record says why in the officer's words, Notify's own beside them.
	await app.api.db
		.insertInto('deliveries')
		.values({
			requestId: family.id,
			channel: 'sms',
			kind: 'sent',
			status: 'failed',
			failureReason: 'refused',
			failure: 'notify 400: BadRequestError',
			statusAt: new Date()
		})
		.execute();

	// The request page: each visitor's age on the visit date, children flagged, support, places, history.
	await openRequest(page, family.reference);
	const tom = page.getByRole('row', { name: /Tom Lovelace/ });
	await expect.poll(() => tom.textContent(), { timeout: 15_000 }).toContain(t('staff.request.visitor.child'));
	expect(await tom.textContent()).toContain(String(ageOn(childBorn, saturday)));
	await expectText(page, 'Wheelchair access please');
	await expectText(page, tPlural('staff.choice.placesLeft', 20, { available: 20 }));
	await expectText(page, t('staff.history.requested'));
	await expectText(page, t('staff.messages.failure', { reason: t('staff.messages.failureReason.refused') }));
	await expectText(page, t('staff.messages.failureDetail', { detail: 'notify 400: BadRequestError' }));
	await expectAccessible(page, 'a request');

	// A colleague books another family into the same time: the places left follow by themselves.
	expect(
		(
			await call(app.api, 'POST', `/api/staff/requests/${arriving.id}/confirm`, {
				cookie: colleague,
				body: { slot: { date: saturday, start: '14:00' } }
			})
		).status
	).toBe(200);
	await expectText(page, tPlural('staff.choice.placesLeft', 20, { available: 19 }));

	// A hurried double tap sends one decision, not a second one that would come back refused.
	await confirmFirstChoice(page, 'dblclick');
	await expectText(page, t('staff.request.decided'));
	await serverStatus(family.id, 'booked');
	await expectText(page, t('staff.history.booked'));
	const changes = await app.api.db.selectFrom('stateChanges').select('toStatus').where('requestId', '=', family.id).orderBy('id').execute();
	expect(changes.map((c) => c.toStatus)).toEqual(['requested', 'booked']);
	expect(await page.getByText(t('staff.conflict.stateTitle')).count()).toBe(0);
	await page.getByRole('link', { name: t('staff.request.back') }).click();
	await onQueue(page);
	await queueLink(page, family.reference).waitFor({ state: 'detached' });

	await openRequest(page, toReject.reference);
	await rejectWith(page, ['visitor_not_on_list', 'other'], 'Please ask to be added to the list');
	await serverStatus(toReject.id, 'rejected');
	const stored = await call(app.api, 'GET', `/api/visit-requests/${toReject.id}`, { bearer: phone });
	expect(stored.body).toMatchObject({ rejectionReasons: ['visitor_not_on_list', 'other'], message: 'Please ask to be added to the list' });

	// A colleague decides on another tablet: it leaves this queue without a reload.
	await page.getByRole('link', { name: t('staff.request.back') }).click();
	const duplicate = await submitted();
	await queueLink(page, duplicate.reference).waitFor({ timeout: 15_000 });
	expect(
		(
			await call(app.api, 'POST', `/api/staff/requests/${duplicate.id}/reject`, {
				cookie: colleague,
				body: { reasons: ['duplicate_request'] }
			})
		).status
	).toBe(200);
	await queueLink(page, duplicate.reference).waitFor({ state: 'detached', timeout: 15_000 });

	// The day's list for the hall, with the booked family and the child flagged.
	await goToStaffPage(page, 'visits');
	await fillDate(page, 'visits-date', saturday);
	await page.getByRole('button', { name: t('staff.visits.show'), exact: true }).click();
	await onPage(page, t('staff.visits.heading', { date: formatDate(saturday) }));
	await expectText(page, 'Tom Lovelace');
	await expectAccessible(page, "the day's visits");
	// On paper: the list without the app's menus and buttons.
	await page.emulateMedia({ media: 'print' });
	expect(await page.getByRole('navigation', { name: t('staff.nav.label') }).isVisible()).toBe(false);
	expect(await page.getByRole('button', { name: t('staff.visits.print') }).isVisible()).toBe(false);
	expect(await page.getByText('Tom Lovelace').isVisible()).toBe(true);
	await page.emulateMedia({ media: 'screen' });

	// Closing the app and opening it again keeps the officer signed in.
	const dir = profile.dir;
	await profile.close();
	const reopened = await staffTablet(sam, dir);
	await expectText(reopened.page, t('staff.signedInAs', { name: sam.name }));

	// Signing out ends the session here and on the server; the tablet asks for a sign-in again.
	const cookie = (await reopened.page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	expect((await call(app.api, 'GET', '/api/staff/me', { cookie })).status).toBe(200);
	const staffRows = async () =>
		(await deviceRows(reopened.page, 'staffRequests')).length + (await deviceRows(reopened.page, 'staffVisits')).length;
	expect(await staffRows()).toBeGreaterThan(0);
	await reopened.page.getByRole('button', { name: t('staff.signOut'), exact: true }).click();
	await onPage(reopened.page, t('staff.signIn.title'));
	// A prison tablet is shared: the requests and visits it held for the officer are gone from it.
	await expect.poll(staffRows).toBe(0);
	expect((await call(app.api, 'GET', '/api/staff/me', { cookie })).status).toBe(401);
	await reopened.page.goto('/staff/requests');
	await onPage(reopened.page, t('staff.signIn.title'));
	expect(await queueLink(reopened.page, toReject.reference).count()).toBe(0);
	await reopened.close();
}, 180_000);

it('sends a decision made offline when the connection returns, and shows a colleague’s earlier decision as a conflict', async () => {
	const request = await submitted();
	const samTablet = await staffTablet(sam);
	const joTablet = await staffTablet(jo);
	for (const { page } of [samTablet, joTablet]) await openRequest(page, request.reference);

	// Wi-Fi drops in the hall: both decide on the same request, each on their own tablet.
	for (const { page } of [samTablet, joTablet]) await page.context().setOffline(true);
	// The request page opens from the tablet's own copy.
	await joTablet.page.reload();
	await onPage(joTablet.page, t('staff.request.title', { reference: request.reference }));
	await expectText(joTablet.page, t('staff.offlineCopy'));
	await confirmFirstChoice(samTablet.page);
	await rejectWith(joTablet.page, ['no_allowance']);
	for (const { page } of [samTablet, joTablet]) await expectText(page, t('staff.request.waiting'));
	expect(await statusOf(request.id)).toBe('requested');

	// Sam's tablet reconnects first: the confirmation is applied.
	await samTablet.page.context().setOffline(false);
	await serverStatus(request.id, 'booked');
	await expectText(samTablet.page, t('staff.request.decided'));

	// Jo's reconnects: the rejection comes back refused, saying who booked it, and stays on screen.
	await joTablet.page.context().setOffline(false);
	await expectText(joTablet.page, t('staff.conflict.stateTitle'));
	await expectText(joTablet.page, new RegExp(t('actor.staff', { name: sam.name })));
	expect(await statusOf(request.id)).toBe('booked');
	await joTablet.page.getByRole('link', { name: t('staff.request.back') }).click();
	await goToStaffPage(joTablet.page, 'requests');
	await expectText(joTablet.page, t('staff.tag.refused'));

	await samTablet.close();
	await joTablet.close();
}, 180_000);

it('asks for another time when the chosen one closed while the confirmation waited offline', async () => {
	const later = addDays(saturday, 14);
	const request = await submitted({
		slots: [
			{ date: saturday, start: '14:00' },
			{ date: later, start: '14:00' }
		]
	});
	const { page, close } = await staffTablet(sam);
	await openRequest(page, request.reference);

	await page.context().setOffline(true);
	await confirmFirstChoice(page);
	await expectText(page, t('staff.request.waiting'));
	// Meanwhile the prison closes that afternoon.
	const colleague = await signIn(app.api, jo);
	expect(
		(
			await call(app.api, 'POST', `/api/staff/prisons/${prisonId}/closures`, {
				cookie: colleague,
				body: { date: saturday, start: '14:00', reason: 'Alarm test', cancelBooked: true }
			})
		).status
	).toBe(201);

	await page.context().setOffline(false);
	await expectText(page, t('staff.conflict.slotTitle'));
	await expectText(page, t('api.conflict.slotClosed'));
	expect(await statusOf(request.id)).toBe('requested');
	// The confirm form is open again: the officer books the visitor's second choice.
	await page.locator('input[name="confirm-slot"]').nth(1).check();
	await page.getByRole('button', { name: t('staff.confirm.submit'), exact: true }).click();
	await serverStatus(request.id, 'booked');
	const booked = await app.api.db.selectFrom('visitRequests').select('bookedDate').where('id', '=', request.id).executeTakeFirstOrThrow();
	expect(booked.bookedDate).toBe(later);
	await close();
}, 120_000);

it("changes the visitors' calendar with timetable and closure edits", async () => {
	const { page, close } = await staffTablet(sam);
	const nextSaturday = addDays(saturday, 7);
	const calendar = async (date: string) => {
		const { body } = await call(app.api, 'GET', `/api/prisons/${prisonId}/slots?from=${date}&to=${date}`);
		return body.days[0];
	};

	await goToStaffPage(page, 'timetable');
	await onPage(page, t('staff.timetable.title'));
	await expectAccessible(page, 'the timetable and closures');
	await page.locator('#slots-0-capacity').fill('6');
	await page.getByRole('button', { name: t('staff.timetable.save'), exact: true }).click();
	await expect.poll(async () => (await calendar(nextSaturday)).slots[0]?.capacity, { timeout: 20_000 }).toBe(6);

	await fillDate(page, 'closure-date', nextSaturday);
	await page.getByRole('radio', { name: t('staff.closures.addWholeDay'), exact: true }).check();
	await page.getByLabel(t('staff.closures.addReason'), { exact: true }).fill('Staff training');
	await page.getByRole('button', { name: t('staff.closures.submit'), exact: true }).click();
	await expect.poll(async () => (await calendar(nextSaturday)).closed, { timeout: 20_000 }).toBe(true);
	expect((await calendar(nextSaturday)).closedReason).toBe('Staff training');
	await expectText(page, 'Staff training');
	await close();
}, 120_000);
