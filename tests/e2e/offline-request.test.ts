// A request made with no signal at all is kept on the phone, survives the browser closing, and
// reaches the server exactly once when the signal returns. Real Chromium, real server.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { bookableDate, createPrison } from '../helpers/api';
import { waitForServiceWorker } from '../helpers/browser';
import { outboxSettled } from '../helpers/device-store';
import { prisonRequestRows } from '../helpers/prison-rows';
import { recordRequestsReceived, type RequestsReceived } from '../helpers/requests-received';
import { expectText, startVisitorApp, type VisitorApp } from '../helpers/visitor-app';
import {
	ANSWERS,
	chooseSlot,
	choosePrison,
	continueToCheck,
	fillLeadVisitor,
	fillPrisoner,
	onPage,
	sendRequest
} from '../helpers/visitor-pages';
import { t } from '../../src/lib/shared/i18n';

let app: VisitorApp;
let prisonName: string;
let prisonId: string;
let received: RequestsReceived;

beforeAll(async () => {
	app = await startVisitorApp();
	received = recordRequestsReceived(app.api.server.port);
	prisonName = 'HMP Offline Test';
	prisonId = await createPrison(app.api.db, { name: prisonName });
});

afterAll(async () => {
	received?.stop();
	await app?.close();
});

beforeEach(() => app.screenshotOnFailure());

it('keeps a request made offline through a reload and a browser restart, and sends it once when back online', async () => {
	const saturday = bookableDate(6);
	const first = await app.launch();
	let page = first.context.pages()[0] ?? (await first.context.newPage());

	// One online visit: the app installs, and the visitor looks at the prison's times.
	await page.goto('/');
	await waitForServiceWorker(page);
	await page.getByRole('button', { name: t('visitor.start.button') }).click();
	await choosePrison(page, prisonName);
	await onPage(page, t('visitor.prisoner.title'));
	await page.goto('/book/slots');
	await onPage(page, t('visitor.slots.title'));
	// Shown once the calendar from the server is saved on the device.
	await expectText(page, new RegExp(t('visitor.lastUpdated', { when: '' }).trim()));

	// Signal lost: the whole request is made offline, from the prison step on.
	await first.context.setOffline(true);
	await page.goto('/');
	await page.getByRole('button', { name: t('visitor.start.button') }).click();
	await choosePrison(page, prisonName);
	await fillPrisoner(page);

	// A reload half-way through loses nothing: the draft lives on the device. Continue moves on
	// only once the next page's code has loaded (from the service worker's cache); reloading
	// before that reloads the prisoner page, so wait until the visitor is on the next page.
	await onPage(page, t('visitor.visitors.title'));
	await page.reload();
	await onPage(page, t('visitor.visitors.title'));
	await page.goBack();
	await onPage(page, t('visitor.prisoner.title'));
	expect(await page.locator('#prisoner-firstName').inputValue()).toBe(ANSWERS.prisoner.firstName);
	await page.goForward();

	await fillLeadVisitor(page);
	await chooseSlot(page, { date: saturday, start: '14:00', end: '16:00' });
	await continueToCheck(page);
	const id = await sendRequest(page);
	await expectText(page, t('visitor.sent.waiting'));

	// The browser closes and opens again, still with no signal: the request is still waiting.
	const dir = first.dir;
	await first.close();
	const again = await app.launch({ dir, offline: true });
	page = again.context.pages()[0] ?? (await again.context.newPage());
	await page.goto('/visits');
	await expectText(page, t('visitor.requestStatus.waiting'));
	expect(await prisonRequestRows(app.api.db, prisonId)).toEqual({ requests: [], visitors: 0, slots: 0 });
	expect(received.count('POST', '/api/visit-requests')).toBe(0);

	// Signal back: it sends by itself, once, and the visitor sees the reference.
	await page.goto(`/book/sent/${id}`);
	await expectText(page, t('visitor.sent.waiting'));
	await again.context.setOffline(false);
	await expectText(page, t('visitor.sent.reference'));
	// Once: one request of this prison, with its one visitor and one slot, from one POST. Counted
	// over the whole prison and at the server's door, so a second send (under this id or another)
	// would show. Once the device has nothing left to send, nothing more of it can come.
	await outboxSettled(page);
	const stored = await prisonRequestRows(app.api.db, prisonId);
	expect(stored).toEqual({ requests: [{ id, reference: expect.any(String), status: 'requested' }], visitors: 1, slots: 1 });
	expect(received.count('POST', '/api/visit-requests')).toBe(1);
	await expectText(page, stored.requests[0]!.reference);
}, 120_000);
