// At the gate, in real Chromium: the family's phone keeps a visit pass that opens with no signal,
// its QR code (read back from the page's own SVG with the decoder the gate uses) verifies with the
// prison's key; the officer's tablet, offline, refuses forged, cancelled and wrong-day passes,
// checks the family in, says "already arrived" to a second scan, and sends the arrival exactly
// once when the connection returns; the day's list shows who came.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { decodeQr } from '../../src/lib/client/staff/scan';
import { formatDate, formatTime, formatTimeRange } from '../../src/lib/shared/format';
import { arriveBy } from '../../src/lib/shared/gate/attendance';
import { decodePass, encodePass, verifyPass } from '../../src/lib/shared/gate/pass';
import { t } from '../../src/lib/shared/i18n';
import { instantOf } from '../../src/lib/shared/rules/dates';
import { ROCHESTER } from '../../server/demo-prison';
import { aVisitRequest, bookableDate, call, createPrison, createStaff, newDeviceSecret, signIn } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { outboxSettled } from '../helpers/device-store';
import { expectAccessible, expectFitsWidth, expectPageBasics } from '../helpers/page-checks';
import { TABLET, goToStaffPage, signInAsStaff } from '../helpers/staff-pages';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import { fillRequest, onPage, sendRequest } from '../helpers/visitor-pages';

let app: VisitorApp;
let prisonId: string;
let officer: { email: string; password: string; name: string };
let cookie: string;
const prisonName = 'HMP Gate Test';
const saturday = bookableDate(6);
const slot = { date: saturday, start: '14:00', end: '16:00' };
const TZ = ROCHESTER.timeZone!;
/** The code the family's phone shows, read from its QR image in the first test. */
let familyCode = '';
let familyId = '';
let familyReference = '';

beforeAll(async () => {
	app = await startVisitorApp();
	prisonId = await createPrison(app.api.db, { name: prisonName });
	officer = await createStaff(app.api.db, { prisonIds: [prisonId], name: 'Gate Officer' });
	cookie = await signIn(app.api, officer);
});
afterAll(async () => {
	await app?.close();
});
beforeEach(() => app.screenshotOnFailure());

/** Draws the page's QR SVG onto a canvas, as a camera would see it, and reads it with the gate's decoder. */
async function readQrFromPage(page: Page): Promise<string | null> {
	const pixels = await page.evaluate(async () => {
		const svg = document.querySelector('.app-pass__qr-image svg');
		if (!svg) return null;
		const image = new Image();
		image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.outerHTML)}`;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = 400;
		canvas.height = 400;
		const context = canvas.getContext('2d')!;
		context.fillStyle = '#fff';
		context.fillRect(0, 0, 400, 400);
		context.drawImage(image, 0, 0, 400, 400);
		const data = context.getImageData(0, 0, 400, 400);
		return { data: Array.from(data.data), width: data.width, height: data.height };
	});
	if (!pixels) return null;
	return decodeQr({ data: Uint8ClampedArray.from(pixels.data), width: pixels.width, height: pixels.height });
}

async function passKey() {
	const day = await call(app.api, 'GET', `/api/staff/visits?prisonId=${prisonId}&date=${saturday}`, { cookie });
	expect(day.status).toBe(200);
	return day.body.passKey;
}

it('opens the visit pass with no signal after one visit online, with a QR code that verifies; printable, at 320 px', async () => {
	const profile = await app.launch({ viewport: { width: 320, height: 640 } });
	const page = profile.context.pages()[0] ?? (await profile.context.newPage());
	await page.goto('/');
	await waitForServiceWorker(page);
	await fillRequest(page, prisonName, slot);
	familyId = await sendRequest(page);
	await expectText(page, t('visitor.sent.reference'));
	expect(
		(await call(app.api, 'POST', `/api/staff/requests/${familyId}/confirm`, { cookie, body: { slot: { date: saturday, start: '14:00' } } }))
			.status
	).toBe(200);
	familyReference = (await app.api.db.selectFrom('visitRequests').select('reference').where('id', '=', familyId).executeTakeFirstOrThrow())
		.reference;

	// Your visits fetches the booking; its page links to the pass.
	await page.getByRole('link', { name: t('visitor.sent.yourVisits') }).click();
	const card = page.getByRole('listitem').filter({ hasText: familyReference });
	await card.getByText(t('visitor.requestStatus.booked'), { exact: true }).waitFor({ timeout: 15_000 });
	await card.getByRole('link').click();
	await page.getByRole('link', { name: t('pass.link') }).click();

	for (const online of [true, false]) {
		if (!online) {
			await profile.context.setOffline(true);
			await page.reload();
		}
		await expectPageBasics(page, t('pass.title'), { online });
		for (const text of [
			familyReference,
			prisonName,
			ROCHESTER.address!,
			ROCHESTER.visitorInfo!,
			formatDate(saturday),
			formatTimeRange(slot.start, slot.end),
			t('pass.arriveByText', { time: formatTime(arriveBy(slot.start)) }),
			'Mary Lovelace',
			t('pass.visitor.adult')
		]) {
			await expectText(page, text);
		}
		await page.getByRole('img', { name: t('pass.qrLabel', { reference: familyReference }) }).waitFor();
		// An adult's "must bring ID" links to the pass's own section on what to bring.
		const seeWhatToBring = page.getByRole('link', { name: t('pass.visitor.seeWhatToBring'), exact: true }).first();
		const target = (await seeWhatToBring.getAttribute('href'))!;
		expect(target).toMatch(/^#/);
		expect(await page.locator(target).textContent()).toBe(t('pass.information'));
	}

	// The reference is one line, however narrow the phone.
	const reference = page.getByTestId('pass-reference');
	const lines = await reference.evaluate((element) => {
		const range = document.createRange();
		range.selectNodeContents(element);
		return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
	});
	expect(lines).toBe(1);
	await expectFitsWidth(page);

	// The QR code says which visit it is, and the prison's key verifies it.
	familyCode = (await readQrFromPage(page)) ?? '';
	const pass = decodePass(familyCode);
	expect(pass?.claims).toEqual({ requestId: familyId, reference: familyReference, prisonId, date: saturday, start: '14:00' });
	expect(await verifyPass(pass!, await passKey())).toBe(true);

	// On paper: the pass without the app's links and buttons.
	await page.emulateMedia({ media: 'print' });
	expect(await page.getByRole('button', { name: t('pass.print') }).isVisible()).toBe(false);
	expect(await page.getByRole('link', { name: t('visitor.back') }).isVisible()).toBe(false);
	expect(await page.getByRole('img', { name: t('pass.qrLabel', { reference: familyReference }) }).isVisible()).toBe(true);
	await page.emulateMedia({ media: 'screen' });
	await profile.close();
}, 180_000);

it('checks the family in offline at the gate, refuses bad passes, and the arrival reaches the server exactly once', async () => {
	expect(familyCode).toMatch(/^BAPV1\|/);
	// Two more passes for the refusals: one for another day, one whose visit is then cancelled.
	const phone = newDeviceSecret();
	const passFor = async (date: string) => {
		const body = aVisitRequest(prisonId, { slots: [{ date, start: '14:00' }] });
		expect((await call(app.api, 'POST', '/api/visit-requests', { body, bearer: phone })).status).toBe(201);
		expect(
			(await call(app.api, 'POST', `/api/staff/requests/${body.id}/confirm`, { cookie, body: { slot: { date, start: '14:00' } } })).status
		).toBe(200);
		const seen = await call(app.api, 'GET', `/api/visit-requests/${body.id}`, { bearer: phone });
		return { id: body.id, code: seen.body.pass.code as string, reference: seen.body.reference as string };
	};
	const nextWeek = await passFor(bookableDate(6, new Date(Date.now() + 7 * 86_400_000)));
	const cancelled = await passFor(saturday);
	expect(
		(await call(app.api, 'POST', `/api/staff/requests/${cancelled.id}/cancel`, { cookie, body: { reason: 'prison_closed' } })).status
	).toBe(200);
	const waiting = await passFor(saturday);

	// The tablet's clock says it is the day of the visit, 13:52 at the prison.
	const profile = await app.launch({ viewport: TABLET });
	await profile.context.clock.install({ time: instantOf(saturday, '13:52', TZ) });
	const page = profile.context.pages()[0] ?? (await profile.context.newPage());
	const arrivalPosts: string[] = [];
	page.on('request', (request) => {
		if (request.method() === 'POST' && request.url().endsWith('/arrival')) arrivalPosts.push(request.url());
	});
	await page.goto('/staff');
	await waitForServiceWorker(page);
	await signInAsStaff(page, officer);
	await goToStaffPage(page, 'gate');
	await onPage(page, t('gate.title'));
	await page.getByLabel(t('gate.reference.label')).waitFor();
	await expectAccessible(page);

	// The hall's Wi-Fi drops: the gate opens from the tablet's copy.
	await profile.context.setOffline(true);
	await page.reload();
	await onPage(page, t('gate.title'));
	const field = page.getByLabel(t('gate.reference.label'));
	const enter = async (text: string) => {
		await field.fill(text);
		await page.getByRole('button', { name: t('gate.reference.find'), exact: true }).click();
	};
	const refusal = page.getByRole('alert');

	const real = decodePass(familyCode)!;
	const forged = [
		// Someone else's signature on this family's visit, and this pass with a changed byte.
		encodePass(real.claims, decodePass(waiting.code)!.signature),
		encodePass(
			real.claims,
			real.signature.map((b, i) => (i === 0 ? b ^ 0x80 : b))
		)
	];
	for (const code of forged) {
		await enter(code);
		await refusal.getByText(t('gate.refused.signature')).waitFor();
	}
	await enter(nextWeek.code);
	await refusal.getByText(t('gate.refused.otherDay', { date: formatDate(decodePass(nextWeek.code)!.claims.date) })).waitFor();
	await enter(cancelled.code);
	await refusal.getByText(t('gate.refused.cancelled', { reference: cancelled.reference })).waitFor();
	await enter(encodePass({ ...real.claims, prisonId: '00000000-0000-4000-8000-000000000000' }, real.signature));
	await refusal.getByText(t('gate.refused.otherPrison')).waitFor();
	await enter('BAPV1|not|a|pass');
	await refusal.getByText(t('gate.refused.garbage')).waitFor();
	await enter('ZZZZ-ZZZZ');
	await refusal.getByText(t('gate.refused.notListed', { reference: 'ZZZZ-ZZZZ' })).waitFor();

	// The family's own pass: signed, today, their visit. Check them in.
	await enter(familyCode);
	await expectText(page, t('gate.checked.signed'));
	await expectText(page, t('gate.visit.heading', { reference: familyReference, time: formatTimeRange(slot.start, slot.end) }));
	const mary = page.getByRole('checkbox', { name: /Mary Lovelace/ });
	await mary.waitFor();
	await expectAccessible(page);
	// Nobody is ticked for the officer: one tap cannot check in everyone unseen.
	expect(await mary.isChecked()).toBe(false);
	await page.getByRole('button', { name: t('gate.visit.record'), exact: true }).click();
	await expectText(page, t('gate.visit.visitorsRequired'));
	await mary.check();
	await page.getByRole('button', { name: t('gate.visit.record'), exact: true }).click();
	await expectText(page, t('gate.waiting', { time: formatTime('13:52') }));
	// A second scan, still offline: already arrived, nothing new queued.
	await enter(familyCode);
	await expectText(page, t('gate.alreadyArrived', { time: formatTime('13:52') }));
	expect(await page.getByRole('button', { name: t('gate.visit.record'), exact: true }).count()).toBe(0);
	const queued = await page.evaluate(async () => {
		const open = indexedDB.open('book-a-prison-visit');
		const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
		const all = await new Promise<{ kind: string }[]>((resolve) => {
			const request = db.transaction('outbox').objectStore('outbox').getAll();
			request.onsuccess = () => resolve(request.result);
		});
		db.close();
		return all.filter((item) => item.kind === 'staff-arrival').length;
	});
	expect(queued).toBe(1);
	expect(await app.api.db.selectFrom('visitArrivals').selectAll().execute()).toHaveLength(0);

	// Signal back: the arrival reaches the server once.
	await profile.context.setOffline(false);
	await expect
		.poll(async () => (await app.api.db.selectFrom('visitArrivals').selectAll().where('requestId', '=', familyId).execute()).length, {
			timeout: 20_000
		})
		.toBe(1);
	const stored = await app.api.db.selectFrom('visitArrivals').selectAll().where('requestId', '=', familyId).executeTakeFirstOrThrow();
	expect(stored.arrivedAt.toISOString().slice(0, 16)).toBe(instantOf(saturday, '13:52', TZ).toISOString().slice(0, 16));
	expect(stored.recordedByName).toBe('Gate Officer');
	// The tablet has nothing left to send: no second arrival can be on its way.
	await outboxSettled(page);
	expect(arrivalPosts).toHaveLength(1);
	expect(await app.api.db.selectFrom('visitArrivals').selectAll().execute()).toHaveLength(1);

	// Scanned again online: already arrived at 13:52.
	await enter(familyCode);
	await expectText(page, t('gate.alreadyArrived', { time: formatTime('13:52') }));

	// The day's list: the family arrived, the other family not yet.
	await goToStaffPage(page, 'visits');
	await onPage(page, t('staff.visits.heading', { date: formatDate(saturday) }));
	await expectText(page, t('attendance.arrived', { time: formatTime('13:52') }));
	await expectText(page, t('attendance.expected'));
	await expectText(page, t('attendance.counts', { arrived: 1, expected: 1, notAttended: 0 }));
	expect(waiting.reference).not.toBe(familyReference);
	await expectAccessible(page);
	expect(arrivalPosts).toHaveLength(1);
	await profile.close();
}, 180_000);
