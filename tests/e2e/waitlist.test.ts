// A family on the waiting list: on the calendar a full slot offers "Tell me if a place
// comes up", which works with no signal (the outbox sends it once, later); "Your visits" lists it;
// when the place frees, the push reaches the phone and its notification opens the booking flow on
// that slot, ticked, and the family books it. Real Chromium, real server; the push message goes in
// through the DevTools Protocol, as a push service would hand it to the browser (as push-message.test.ts).
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { placePayload } from '../../server/push/messages';
import { formatDate, formatTimeRange } from '../../src/lib/shared/format';
import { t } from '../../src/lib/shared/i18n';
import { aVisitRequest, bookableDate, call, createPrison, createStaff, newDeviceSecret, signIn } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { appServiceWorker, appWorker, tapNotification, watchNotifications } from '../helpers/service-worker-push';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import {
	choosePrison,
	continueToCheck,
	dayButton,
	fillLeadVisitor,
	fillPrisoner,
	heading,
	onPage,
	sendRequest,
	showMonthOf,
	slotCheckbox
} from '../helpers/visitor-pages';

let app: VisitorApp;
let prisonId: string;
let cookie: string;
const prisonName = 'HMP Waiting List';
const slot = { date: bookableDate(6), start: '14:00', end: '16:00' };

beforeAll(async () => {
	app = await startVisitorApp();
	prisonId = await createPrison(app.api.db, {
		name: prisonName,
		timetable: [{ weekday: 6, start: '14:00', end: '16:00', capacity: 1 }]
	});
	const officer = await createStaff(app.api.db, { prisonIds: [prisonId] });
	cookie = await signIn(app.api, officer);
});

afterAll(async () => {
	await app?.close();
});

beforeEach(() => app.screenshotOnFailure());

const entries = () => app.api.db.selectFrom('waitlistEntries').selectAll().where('prisonId', '=', prisonId).execute();

it('a family joins the waiting list offline, gets the push when a place frees, and books the freed place', async () => {
	// Someone else has the only place.
	const holder = newDeviceSecret();
	const taken = aVisitRequest(prisonId, { slots: [{ date: slot.date, start: slot.start }] });
	expect((await call(app.api, 'POST', '/api/visit-requests', { bearer: holder, body: taken })).status).toBe(201);
	expect(
		(
			await call(app.api, 'POST', `/api/staff/requests/${taken.id}/confirm`, {
				cookie,
				body: { slot: { date: slot.date, start: slot.start } }
			})
		).status
	).toBe(200);

	const origin = app.api.url;
	const { context } = await app.launch();
	await context.grantPermissions(['notifications'], { origin });
	const page = context.pages()[0] ?? (await context.newPage());
	await page.goto('/');
	await waitForServiceWorker(page);
	await page.getByRole('button', { name: t('visitor.start.button') }).click();
	await choosePrison(page, prisonName);
	await fillPrisoner(page);
	await fillLeadVisitor(page);
	await onPage(page, t('visitor.slots.title'));
	await showMonthOf(page, slot.date);
	await dayButton(page, slot.date).click();
	expect(await slotCheckbox(page, slot.start, slot.end).isDisabled()).toBe(true);

	// No signal: the join waits in the outbox.
	const when = { time: formatTimeRange(slot.start, slot.end), date: formatDate(slot.date) };
	await context.setOffline(true);
	await page.getByRole('button', { name: `${t('waitlist.join')} ${t('waitlist.joinAt', when)}`, exact: true }).click();
	await expectText(page, t('waitlist.joinQueued', when));
	expect(await entries()).toHaveLength(0);
	// No notifications on this phone and no email from this service: it says it cannot tell them.
	await expectText(page, t('family.waitlist.tellNone'));
	// That line stays while the join goes through: it is never taken away and put back.
	await page.evaluate(() => {
		const seen = window as unknown as { promiseRemoved: number };
		seen.promiseRemoved = 0;
		new MutationObserver((records) => {
			for (const node of records.flatMap((record) => [...record.removedNodes])) {
				if (node instanceof Element && node.matches('[data-testid=waitlist-promise], :has([data-testid=waitlist-promise])'))
					seen.promiseRemoved++;
			}
		}).observe(document.body, { childList: true, subtree: true });
	});
	await context.setOffline(false);
	await page.evaluate(() => dispatchEvent(new Event('online')));
	await expectText(page, t('waitlist.joined', when));
	await page.getByRole('button', { name: `${t('waitlist.leave')} ${t('waitlist.leaveFor', when)}`, exact: true }).waitFor();
	expect(await page.evaluate(() => (window as unknown as { promiseRemoved: number }).promiseRemoved)).toBe(0);
	await expectText(page, t('family.waitlist.tellNone'));
	await expect.poll(async () => (await entries()).length, { timeout: 15_000 }).toBe(1);

	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('/visits');
	await heading(page, t('waitlist.heading')).waitFor();
	await expectText(page, t('waitlist.item', { prison: prisonName, ...when }));
	// On "Your visits" itself it sends the family to this page's switch, which is there with no request yet.
	await expectText(page, t('family.waitlist.tellNoneHere'));
	await heading(page, t('notifications.settings.title')).waitFor();
	// "Book this time" starts at the entry's left edge like any GOV.UK link, not centred on a phone.
	const itemBox = await page.getByText(t('waitlist.item', { prison: prisonName, ...when }), { exact: true }).boundingBox();
	const bookBox = await page
		.getByRole('link', { name: `${t('waitlist.book')} ${t('waitlist.leaveFor', when)}`, exact: true })
		.boundingBox();
	expect(Math.round(bookBox!.x)).toBe(Math.round(itemBox!.x));

	// The place frees: the server tells every waiting device, in the transaction of the cancellation.
	expect((await call(app.api, 'POST', `/api/visit-requests/${taken.id}/cancel`, { bearer: holder })).status).toBe(200);
	const [entry] = await entries();
	expect(entry).toBeDefined();
	// Exactly once on this device: one entry, sent once (the outbox is empty of it).
	expect(await entries()).toHaveLength(1);
	// This browser has no reachable push service: deliver what the server queued for it, as the push service would.
	const payload = placePayload({ entryId: entry!.id, prisonId, prisonName, date: slot.date, start: slot.start });
	const worker = await appServiceWorker(context, page, origin);
	await watchNotifications(await appWorker(context, origin));
	await worker.push(JSON.stringify(payload));
	expect(payload.url).toBe(`/book/slots?prison=${prisonId}&date=${slot.date}&start=14%3A00`);

	// A tap opens that URL (the worker's own notificationclick): the calendar on that day, the freed time ticked.
	const shown = await tapNotification(await appWorker(context, origin), entry!.id);
	expect(shown).toEqual([
		{ title: t('push.waitlist.place.title'), body: payload.body, data: { url: payload.url, requestId: entry!.id, status: 'place' } }
	]);
	await page.waitForURL(`${origin}${payload.url}`, { timeout: 15_000 });
	await onPage(page, t('visitor.slots.title'));
	await expect.poll(() => slotCheckbox(page, slot.start, slot.end).isChecked(), { timeout: 15_000 }).toBe(true);
	await continueToCheck(page);
	const requestId = await sendRequest(page);
	await expectText(page, t('visitor.sent.reference'));
	const booked = await call(app.api, 'POST', `/api/staff/requests/${requestId}/confirm`, {
		cookie,
		body: { slot: { date: slot.date, start: slot.start } }
	});
	expect(booked.status).toBe(200);
	expect(booked.body.bookedSlot).toMatchObject({ date: slot.date, start: slot.start });

	// Leaving the list from "Your visits".
	await page.goto('/visits');
	await heading(page, t('waitlist.heading')).waitFor();
	await page.getByRole('button', { name: `${t('waitlist.leave')} ${t('waitlist.leaveFor', when)}`, exact: true }).click();
	await expect.poll(async () => (await entries()).length, { timeout: 15_000 }).toBe(0);
	await heading(page, t('waitlist.heading')).waitFor({ state: 'detached' });
}, 120_000);
