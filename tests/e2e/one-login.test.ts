// "Your visits on any phone" in real Chromium: the redirect flow through a real OpenID provider (playing
// GOV.UK One Login over https; the server process trusts it through NODE_EXTRA_CA_CERTS, the browser
// is told to accept its certificate). A request booked on one phone shows on a second phone signed in
// to the same account, also offline after that phone's first sync; a phone on another account sees
// nothing of it; signing out clears the phone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bookableDate } from '../helpers/api';
import { launchProfile, waitForServiceWorker, type BrowserProfile } from '../helpers/browser';
import { oneLoginEnv, startOidcServer, type OidcServer } from '../helpers/oidc-server';
import { expectText } from '../helpers/visitor-app';
import { fillRequest, sendRequest } from '../helpers/visitor-pages';
import { t } from '../../src/lib/shared/i18n';

let service: OidcServer;
const profiles: BrowserProfile[] = [];

beforeAll(async () => {
	service = await startOidcServer(oneLoginEnv);
}, 240_000);
afterAll(async () => {
	for (const profile of profiles) await profile.dispose().catch(() => {});
	await service?.close();
});

async function phone(): Promise<Page> {
	const profile = await launchProfile({ launch: { baseURL: service.url, ignoreHTTPSErrors: true } });
	profiles.push(profile);
	return profile.context.pages()[0] ?? profile.context.newPage();
}

async function signIn(page: Page, sub: string): Promise<void> {
	await page.goto('/visits');
	service.provider.signInAs({ sub });
	await page.getByRole('button', { name: t('account.signIn') }).click();
	// Through the provider and back to "Your visits".
	await page.waitForURL((url) => url.pathname === '/visits' && url.origin === service.url, { timeout: 30_000 });
	await expectText(page, t('account.signedIn'));
}

const visitLink = (page: Page) => page.getByRole('link', { name: /Ada Lovelace/ });

it('shows a visit booked on one phone on another phone of the same account, offline too, and nothing on another account', async () => {
	const first = await phone();
	await fillRequest(first, 'HMP Rochester', { date: bookableDate(6), start: '14:00', end: '16:00' });
	const requestId = await sendRequest(first);
	await signIn(first, 'urn:fdc:gov.uk:2022:e2e-family');
	await expect.poll(() => visitLink(first).count(), { timeout: 15_000 }).toBe(1);

	const second = await phone();
	await signIn(second, 'urn:fdc:gov.uk:2022:e2e-family');
	await expect.poll(() => visitLink(second).count(), { timeout: 15_000 }).toBe(1);
	expect(await visitLink(second).getAttribute('href')).toBe(`/visits/${requestId}`);

	// After the first sync the visit is on the second phone: it opens with no signal.
	await waitForServiceWorker(second);
	await second.context().setOffline(true);
	await second.goto('/visits');
	await expect.poll(() => visitLink(second).count(), { timeout: 15_000 }).toBe(1);
	await second.context().setOffline(false);

	const stranger = await phone();
	await signIn(stranger, 'urn:fdc:gov.uk:2022:e2e-stranger');
	await expectText(stranger, t('visitor.visits.none'));
	expect(await visitLink(stranger).count()).toBe(0);

	// Signing out clears the phone; the account keeps the visit.
	await second.goto('/visits');
	await second.getByRole('button', { name: t('account.signOut') }).click();
	await expectText(second, t('visitor.visits.none'));
	expect(await visitLink(second).count()).toBe(0);
	await first.goto('/visits');
	await expect.poll(() => visitLink(first).count(), { timeout: 15_000 }).toBe(1);
}, 240_000);
