import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatTime } from '../../src/lib/shared/format';
import { translate } from '../../src/lib/shared/i18n';
import { PushPayload } from '../../src/lib/shared/schemas-push';
import { aVisitRequest, call, createPrison, createStaff, newDeviceSecret, signIn, startTestApi, type TestApi } from '../helpers/api';
import {
	createBrowserLikeSubscription,
	startPushEndpoint,
	type BrowserLikeSubscription,
	type PushEndpoint
} from '../helpers/push-endpoint';

/*
 * PRODUCT.md "Language": API errors follow Accept-Language (cy → Welsh, anything else English); a
 * request keeps the language it was sent in, and the push about it goes out in that language, as
 * does a staff alert in the staff browser's own language.
 */

let pushService: PushEndpoint;
let api: TestApi;
let prisonId: string;
let staffCookie: string;

beforeAll(async () => {
	pushService = await startPushEndpoint({ respond: () => 201 });
	api = await startTestApi({ env: { PUSH_ALLOW_INSECURE: '1' }, pushAgent: pushService.agent });
	prisonId = await createPrison(api.db, { name: 'CEF Caerdydd' });
	const officer = await createStaff(api.db, { prisonIds: [prisonId] });
	staffCookie = await signIn(api, officer);
});
afterAll(async () => {
	await api?.close();
	await pushService?.close();
});

const badRequest = () => ({
	...aVisitRequest(randomUUID()),
	prisoner: { firstName: '', lastName: '', dateOfBirth: '2000-01-01', prisonerNumber: 'A1234BC' }
});

describe('API errors', () => {
	it.each([
		['cy', 'cy'],
		['cy-GB,cy;q=0.9,en;q=0.5', 'cy'],
		['CY', 'cy'],
		['en-GB,en;q=0.9', 'en'],
		['fr-FR', 'en'],
		['en-GB,cy;q=0.9', 'en'],
		[undefined, 'en']
	] as const)('Accept-Language %s answers in %s, every field message included', async (header, locale) => {
		const response = await call(api, 'POST', '/api/visit-requests', {
			bearer: newDeviceSecret(),
			body: badRequest(),
			headers: header ? { 'accept-language': header } : ({} as Record<string, string>)
		});
		expect(response.status).toBe(400);
		expect(response.body.error.message).toBe(translate(locale, 'platform.error.validation'));
		expect(response.body.error.fields).toMatchObject({
			'prisoner.firstName': translate(locale, 'field.prisoner.firstName.required'),
			'prisoner.lastName': translate(locale, 'field.prisoner.lastName.required')
		});
		expect(response.headers.get('content-language')).toBe(locale);
		expect(response.headers.get('vary')).toMatch(/accept-language/i);
	});

	it('says "nothing here" and "sign in" in Welsh too, and English under load of both at once', async () => {
		const [welsh, english] = await Promise.all([
			call(api, 'GET', '/api/no-such-thing', { headers: { 'accept-language': 'cy' } }),
			call(api, 'GET', '/api/no-such-thing', { headers: { 'accept-language': 'en' } })
		]);
		expect(welsh.body.error.message).toBe('Nid oes dim byd yma');
		expect(english.body.error.message).toBe('There is nothing here');
		const staff = await call(api, 'GET', '/api/staff/requests', { headers: { 'accept-language': 'cy' } });
		expect(staff.status).toBe(401);
		expect(staff.body.error.message).toBe('Mae angen i chi fewngofnodi i wneud hyn');
	});
});

/** A phone with a push subscription at the stand-in push service. */
async function subscribedPhone(language?: string) {
	const bearer = newDeviceSecret();
	const path = `/push/${randomUUID()}`;
	const browser = createBrowserLikeSubscription(`${pushService.url}${path}`);
	const headers: Record<string, string> = language ? { 'accept-language': language } : {};
	expect((await call(api, 'POST', '/api/push/subscriptions', { bearer, body: browser.subscription, headers })).status).toBe(201);
	return { bearer, browser, path };
}

async function nextPush(browser: BrowserLikeSubscription, path: string): Promise<PushPayload> {
	const deadline = Date.now() + 10_000;
	for (;;) {
		const push = pushService.received.find((p) => p.path === path);
		if (push) return PushPayload.parse(JSON.parse(browser.decrypt(push.body)));
		if (Date.now() > deadline) throw new Error(`no push to ${path}`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

describe("the visitor's language", () => {
	it('is stored with the request it was sent in, and the push about it is written in it', async () => {
		const phone = await subscribedPhone();
		const sent = await call(api, 'POST', '/api/visit-requests', {
			bearer: phone.bearer,
			body: aVisitRequest(prisonId),
			headers: { 'accept-language': 'cy' }
		});
		expect(sent.status).toBe(201);
		const row = await api.db.selectFrom('visitRequests').select('language').where('id', '=', sent.body.id).executeTakeFirstOrThrow();
		expect(row.language).toBe('cy');

		// The officer's tablet is in English: the visitor's push is still Welsh.
		const slot = sent.body.slots[0];
		const confirmed = await call(api, 'POST', `/api/staff/requests/${sent.body.id}/confirm`, { cookie: staffCookie, body: { slot } });
		expect(confirmed.status).toBe(200);
		const payload = await nextPush(phone.browser, phone.path);
		expect(payload.title).toBe('Mae eich ymweliad wedi’i drefnu');
		// "ar" mutates the date: "ar ddydd Sadwrn", never "ar Dydd Sadwrn".
		expect(payload.body).toBe(
			`Mae eich ymweliad â CEF Caerdydd ar ${formatDate(slot.date, 'cy').replace(/^Dydd/, 'ddydd')} am ${formatTime(slot.start, 'cy')}. Cyfeirnod ${sent.body.reference}.`
		);
		expect(payload.body).toMatch(
			/^Mae eich ymweliad â CEF Caerdydd ar ddydd (Llun|Mawrth|Mercher|Iau|Gwener|Sadwrn|Sul) \d+ \S+ \d{4} am (\d+(:\d\d)?y[bh]|ganol dydd)\./
		);
	});

	it('is English when the request came without Accept-Language, and so is its push', async () => {
		const phone = await subscribedPhone('cy');
		const sent = await call(api, 'POST', '/api/visit-requests', { bearer: phone.bearer, body: aVisitRequest(prisonId) });
		const row = await api.db.selectFrom('visitRequests').select('language').where('id', '=', sent.body.id).executeTakeFirstOrThrow();
		expect(row.language).toBe('en');
		await call(api, 'POST', `/api/staff/requests/${sent.body.id}/reject`, { cookie: staffCookie, body: { reasons: ['no_allowance'] } });
		const payload = await nextPush(phone.browser, phone.path);
		expect(payload.title).toBe('Your visit request was not accepted');
	});

	it("alerts each staff browser to a new request in that browser's language", async () => {
		const welsh = createBrowserLikeSubscription(`${pushService.url}/push/staff-cy-${randomUUID()}`);
		const english = createBrowserLikeSubscription(`${pushService.url}/push/staff-en-${randomUUID()}`);
		for (const [browser, language] of [
			[welsh, 'cy'],
			[english, 'en-GB']
		] as const) {
			const optIn = await call(api, 'POST', '/api/push/subscriptions', {
				cookie: staffCookie,
				body: { ...browser.subscription, prisonId },
				headers: { 'accept-language': language }
			});
			expect(optIn.status).toBe(201);
		}
		const sent = await call(api, 'POST', '/api/visit-requests', { bearer: newDeviceSecret(), body: aVisitRequest(prisonId) });
		expect(sent.status).toBe(201);
		const pathOf = (b: BrowserLikeSubscription) => new URL(b.subscription.endpoint).pathname;
		const [cy, en] = await Promise.all([nextPush(welsh, pathOf(welsh)), nextPush(english, pathOf(english))]);
		expect(cy.title).toBe('Cais newydd am ymweliad');
		expect(cy.body).toBe(`Mae cais newydd i ymweld â CEF Caerdydd yn aros (cyfeirnod ${sent.body.reference}).`);
		expect(en.title).toBe('New visit request');
		expect(pushService.received.filter((p) => [pathOf(welsh), pathOf(english)].includes(p.path))).toHaveLength(2);
	});
});
