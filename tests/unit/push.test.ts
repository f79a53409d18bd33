import { afterEach, describe, expect, it } from 'vitest';
import { META, type BookAPrisonVisitDb } from '../../src/lib/client/db';
import {
	PUSH_REGISTRATION_KEY,
	endStaffAlerts,
	pushState,
	pushSupport,
	renewSubscription,
	subscribeToPush,
	unsubscribeFromPush,
	type PushRegistration
} from '../../src/lib/client/push';
import { decodeBase64Url } from '../../src/lib/shared/schemas-push';
import { fakeBrowserStorage } from '../helpers/device-db';
import {
	ANDROID_CHROME,
	FakeSubscription,
	IPAD_AS_MAC,
	IPHONE_SAFARI,
	fakeBrowser,
	fakePushApi,
	serverKey
} from '../helpers/fake-push-browser';

let db: BookAPrisonVisitDb;
afterEach(() => db?.close());

const registration = async () => (await db.meta.get(PUSH_REGISTRATION_KEY))?.value as PushRegistration | undefined;

describe('whether this browser can do push', () => {
	it('can in Chrome on Android, in the browser tab', () => {
		expect(pushSupport(fakeBrowser({ userAgent: ANDROID_CHROME }).env)).toBe('supported');
	});

	it('on an iPhone in a Safari tab, says to add the app to the Home Screen rather than "unsupported"', () => {
		// Safari tabs on iOS have no PushManager and no Notification at all.
		expect(pushSupport(fakeBrowser({ userAgent: IPHONE_SAFARI, platform: 'iPhone', noPush: true }).env)).toBe('needs-install');
		// Even if a future Safari grew them in tabs, push is only promised to the installed app.
		expect(pushSupport(fakeBrowser({ userAgent: IPHONE_SAFARI, platform: 'iPhone' }).env)).toBe('needs-install');
	});

	it('on an iPad that says it is a Mac, still knows it is iOS', () => {
		expect(pushSupport(fakeBrowser({ userAgent: IPAD_AS_MAC, platform: 'MacIntel', maxTouchPoints: 5, noPush: true }).env)).toBe(
			'needs-install'
		);
		// A real Mac (no touch screen) without push is simply unsupported.
		expect(pushSupport(fakeBrowser({ userAgent: IPAD_AS_MAC, platform: 'MacIntel', maxTouchPoints: 0, noPush: true }).env)).toBe(
			'unsupported'
		);
	});

	it('can on an iPhone in the app opened from the Home Screen (either way iOS says so)', () => {
		expect(pushSupport(fakeBrowser({ userAgent: IPHONE_SAFARI, platform: 'iPhone', standalone: true }).env)).toBe('supported');
		const byMediaQuery = fakeBrowser({ userAgent: IPHONE_SAFARI, platform: 'iPhone' });
		byMediaQuery.env.matchMedia = (query) => ({ matches: query === '(display-mode: standalone)' });
		expect(pushSupport(byMediaQuery.env)).toBe('supported');
	});

	it('cannot without a service worker or without the Push API', () => {
		expect(pushSupport(fakeBrowser({ noServiceWorker: true }).env)).toBe('unsupported');
		expect(pushSupport(fakeBrowser({ noPush: true }).env)).toBe('unsupported');
	});

	it('tells the page the same through pushState, without asking anything', async () => {
		db = fakeBrowserStorage().open();
		const iphone = fakeBrowser({ userAgent: IPHONE_SAFARI, platform: 'iPhone', noPush: true });
		expect(await pushState(db, { env: iphone.env })).toBe('needs-install');
		const blocked = fakeBrowser({ permission: 'denied' });
		expect(await pushState(db, { env: blocked.env })).toBe('denied');
		const fresh = fakeBrowser();
		expect(await pushState(db, { env: fresh.env })).toBe('off');
		expect([...iphone.calls, ...blocked.calls, ...fresh.calls]).not.toContain('requestPermission');
	});
});

describe('turning notifications on', () => {
	it('never prompts without a tap', async () => {
		db = fakeBrowserStorage().open();
		const browser = fakeBrowser({ tapped: false });
		const api = fakePushApi();

		const result = await subscribeToPush(db, { env: browser.env, transport: api.transport });

		expect(result).toEqual({ ok: false, reason: 'needs-user-action' });
		expect(browser.calls).toEqual([]);
		expect(api.calls).toEqual([]);
	});

	it('on an iPhone outside the installed app, says so and never prompts', async () => {
		db = fakeBrowserStorage().open();
		const browser = fakeBrowser({ userAgent: IPHONE_SAFARI, platform: 'iPhone', noPush: true });
		expect(await subscribeToPush(db, { env: browser.env, transport: fakePushApi().transport })).toEqual({
			ok: false,
			reason: 'needs-install'
		});
		expect(browser.calls).toEqual([]);
	});

	it('prompts first of all (the tap must still count), then subscribes with the server key and registers with the device secret', async () => {
		db = fakeBrowserStorage().open();
		const browser = fakeBrowser();
		const api = fakePushApi();

		const result = await subscribeToPush(db, { env: browser.env, transport: api.transport });

		expect(result).toEqual({ ok: true });
		expect(browser.calls[0]).toBe('requestPermission');
		expect(browser.calls).toContain('subscribe');
		const key = new Uint8Array(browser.subscription!.options.applicationServerKey!);
		expect([...key]).toEqual([...decodeBase64Url(api.state.publicKey)!]);
		const [post] = api.sent('POST');
		expect(post).toMatchObject({ body: { endpoint: browser.subscription!.endpoint }, credentials: 'omit' });
		expect(post!.authorization).toMatch(/^Bearer [A-Za-z0-9_-]{43}$/);
		expect(post!.body).not.toHaveProperty('prisonId');
		expect(await registration()).toEqual({ endpoint: browser.subscription!.endpoint, as: 'device' });
		expect(await pushState(db, { env: browser.env })).toBe('on');
	});

	it('says whether the person blocked or closed the prompt', async () => {
		db = fakeBrowserStorage().open();
		expect(await subscribeToPush(db, { env: fakeBrowser({ answer: 'denied' }).env, transport: fakePushApi().transport })).toEqual({
			ok: false,
			reason: 'denied'
		});
		expect(await subscribeToPush(db, { env: fakeBrowser({ answer: 'default' }).env, transport: fakePushApi().transport })).toEqual({
			ok: false,
			reason: 'dismissed'
		});
		expect(await registration()).toBeUndefined();
	});

	it('is not "on" until the server has accepted the subscription', async () => {
		db = fakeBrowserStorage().open();
		const browser = fakeBrowser();
		const api = fakePushApi();

		api.state.refuse = true;
		expect(await subscribeToPush(db, { env: browser.env, transport: api.transport })).toMatchObject({ ok: false, reason: 'refused' });
		// The browser has a subscription, but the server does not know where to send: off.
		expect(browser.subscription).not.toBeNull();
		expect(await pushState(db, { env: browser.env })).toBe('off');

		api.state.refuse = false;
		api.state.offline = true;
		expect(await subscribeToPush(db, { env: browser.env, transport: api.transport })).toMatchObject({ ok: false, reason: 'offline' });
		expect(await pushState(db, { env: browser.env })).toBe('off');

		api.state.offline = false;
		const firstEndpoint = browser.subscription!.endpoint;
		expect(await subscribeToPush(db, { env: browser.env, transport: api.transport })).toEqual({ ok: true });
		// The browser's subscription was reused, not made again.
		expect(browser.subscription!.endpoint).toBe(firstEndpoint);
		expect(await pushState(db, { env: browser.env })).toBe('on');
	});

	it('starts again when the browser holds a subscription made with other server keys', async () => {
		db = fakeBrowserStorage().open();
		const browser = fakeBrowser({ permission: 'granted' });
		const stale = browser.preSubscribe(decodeBase64Url(serverKey())!);

		expect(await subscribeToPush(db, { env: browser.env, transport: fakePushApi().transport })).toEqual({ ok: true });

		expect(stale.ended).toBe(true);
		expect(browser.subscription!.endpoint).not.toBe(stale.endpoint);
		expect((await registration())?.endpoint).toBe(browser.subscription!.endpoint);
	});

	it('for staff, registers with the session cookie for one prison, and is "on" only for that prison', async () => {
		db = fakeBrowserStorage().open();
		const browser = fakeBrowser();
		const api = fakePushApi();

		expect(await subscribeToPush(db, { env: browser.env, transport: api.transport, staff: { prisonId: 'prison-a' } })).toEqual({
			ok: true
		});

		const [post] = api.sent('POST');
		expect(post).toMatchObject({ body: { prisonId: 'prison-a' }, credentials: 'same-origin', authorization: null });
		expect(await pushState(db, { env: browser.env, staff: { prisonId: 'prison-a' } })).toBe('on');
		expect(await pushState(db, { env: browser.env, staff: { prisonId: 'prison-b' } })).toBe('off');
		expect(await pushState(db, { env: browser.env })).toBe('off');
	});

	it('is off again when the person blocks notifications in the browser settings', async () => {
		db = fakeBrowserStorage().open();
		const browser = fakeBrowser();
		await subscribeToPush(db, { env: browser.env, transport: fakePushApi().transport });
		browser.setPermission('denied');
		expect(await pushState(db, { env: browser.env })).toBe('denied');
	});
});

describe('turning notifications off', () => {
	it('tells the server, ends the browser subscription, and shows off', async () => {
		db = fakeBrowserStorage().open();
		const browser = fakeBrowser();
		const api = fakePushApi();
		await subscribeToPush(db, { env: browser.env, transport: api.transport });
		const subscription = browser.subscription!;

		expect(await unsubscribeFromPush(db, { env: browser.env, transport: api.transport })).toEqual({ ok: true });

		expect(api.sent('DELETE')).toEqual([
			expect.objectContaining({ body: { endpoint: subscription.endpoint }, authorization: expect.stringMatching(/^Bearer /) })
		]);
		expect(subscription.ended).toBe(true);
		expect(await registration()).toBeUndefined();
		expect(await pushState(db, { env: browser.env })).toBe('off');
	});

	it('still ends the browser subscription with no signal (a push to it then gets 410 and the server forgets it)', async () => {
		db = fakeBrowserStorage().open();
		const browser = fakeBrowser();
		const api = fakePushApi();
		await subscribeToPush(db, { env: browser.env, transport: api.transport });
		api.state.offline = true;

		expect(await unsubscribeFromPush(db, { env: browser.env, transport: api.transport })).toEqual({ ok: true });
		expect(browser.subscription!.ended).toBe(true);
		expect(await pushState(db, { env: browser.env })).toBe('off');
	});
});

describe('the push service replacing a subscription (pushsubscriptionchange)', () => {
	it('does nothing when notifications were never turned on here', async () => {
		db = fakeBrowserStorage().open();
		const browser = fakeBrowser({ permission: 'granted' });
		const api = fakePushApi();
		const change = {
			oldSubscription: null,
			newSubscription: new FakeSubscription('https://push.example/send/new', { applicationServerKey: null })
		};

		expect(await renewSubscription(db, browser.pushManager, change, api.transport)).toBeNull();
		expect(api.calls).toEqual([]);
	});

	it('registers the new subscription as the same owner and removes the old one from the server', async () => {
		db = fakeBrowserStorage().open();
		const browser = fakeBrowser();
		const api = fakePushApi();
		await subscribeToPush(db, { env: browser.env, transport: api.transport });
		const old = browser.subscription!;
		const fresh = new FakeSubscription('https://push.example/send/renewed', { applicationServerKey: old.options.applicationServerKey });

		expect(await renewSubscription(db, browser.pushManager, { oldSubscription: old, newSubscription: fresh }, api.transport)).toEqual({
			ok: true
		});

		expect(api.sent('POST').at(-1)).toMatchObject({ body: { endpoint: fresh.endpoint }, authorization: expect.stringMatching(/^Bearer /) });
		expect(api.sent('DELETE')).toEqual([expect.objectContaining({ body: { endpoint: old.endpoint } })]);
		expect(await registration()).toEqual({ endpoint: fresh.endpoint, as: 'device' });
	});

	it('subscribes again with the old key when the browser gave no new subscription', async () => {
		db = fakeBrowserStorage().open();
		const browser = fakeBrowser();
		const api = fakePushApi();
		await subscribeToPush(db, { env: browser.env, transport: api.transport });
		const old = browser.subscription!;
		old.ended = true;

		expect(await renewSubscription(db, browser.pushManager, { oldSubscription: old, newSubscription: null }, api.transport)).toEqual({
			ok: true
		});

		const renewed = browser.subscription!;
		expect(renewed.endpoint).not.toBe(old.endpoint);
		expect([...new Uint8Array(renewed.options.applicationServerKey!)]).toEqual([...new Uint8Array(old.options.applicationServerKey!)]);
		expect((await registration())?.endpoint).toBe(renewed.endpoint);
		// Only the one key fetch, from turning on; the old subscription's key was enough.
		expect(api.calls.filter((call) => call.path === '/api/push/public-key')).toHaveLength(1);
	});

	it('keeps staff alerts for the same prison while staff mode is on, and drops them after sign-out', async () => {
		db = fakeBrowserStorage().open();
		const browser = fakeBrowser();
		const api = fakePushApi();
		await db.meta.put({ key: META.staffMode, value: true });
		await subscribeToPush(db, { env: browser.env, transport: api.transport, staff: { prisonId: 'prison-a' } });
		const fresh = () => new FakeSubscription(`https://push.example/send/${crypto.randomUUID()}`, { applicationServerKey: null });

		expect(
			await renewSubscription(db, browser.pushManager, { oldSubscription: browser.subscription, newSubscription: fresh() }, api.transport)
		).toEqual({ ok: true });
		expect(api.sent('POST').at(-1)).toMatchObject({ body: { prisonId: 'prison-a' }, credentials: 'same-origin' });

		await db.meta.delete(META.staffMode);
		const before = api.calls.length;
		expect(await renewSubscription(db, browser.pushManager, { oldSubscription: null, newSubscription: fresh() }, api.transport)).toBeNull();
		expect(api.calls).toHaveLength(before);
	});

	it('leaves notifications off when the server cannot be reached, so the page offers them again', async () => {
		db = fakeBrowserStorage().open();
		const browser = fakeBrowser();
		const api = fakePushApi();
		await subscribeToPush(db, { env: browser.env, transport: api.transport });
		api.state.offline = true;

		const result = await renewSubscription(
			db,
			browser.pushManager,
			{ oldSubscription: browser.subscription, newSubscription: null },
			api.transport
		);

		expect(result).toMatchObject({ ok: false, reason: 'offline' });
		expect(await pushState(db, { env: browser.env })).toBe('off');
	});
});

describe('staff signing out', () => {
	it('ends new-request alerts on this browser, with the staff cookie', async () => {
		db = fakeBrowserStorage().open();
		const browser = fakeBrowser();
		const api = fakePushApi();
		await subscribeToPush(db, { env: browser.env, transport: api.transport, staff: { prisonId: 'prison-a' } });

		await endStaffAlerts(db, { env: browser.env, transport: api.transport });

		expect(api.sent('DELETE')).toEqual([expect.objectContaining({ credentials: 'same-origin', authorization: null })]);
		expect(browser.subscription!.ended).toBe(true);
		expect(await registration()).toBeUndefined();
	});

	it('leaves a visitor’s notifications on the same browser alone', async () => {
		db = fakeBrowserStorage().open();
		const browser = fakeBrowser();
		const api = fakePushApi();
		await subscribeToPush(db, { env: browser.env, transport: api.transport });

		await endStaffAlerts(db, { env: browser.env, transport: api.transport });

		expect(api.sent('DELETE')).toEqual([]);
		expect(await pushState(db, { env: browser.env })).toBe('on');
	});
});
