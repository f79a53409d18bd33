import { describe, expect, it } from 'vitest';
import { checkPushEndpoint } from '../../server/push/endpoint-policy';
import { PushSubscriptionInput } from '../../src/lib/shared/schemas-push';
import { t } from '../../src/lib/shared/i18n';
import { createBrowserLikeSubscription } from '../helpers/push-endpoint';

describe('which push endpoints the server will send to', () => {
	it.each([
		['http://fcm.googleapis.com/fcm/send/abc', 'push.endpoint.notHttps'],
		['ftp://fcm.googleapis.com/x', 'push.endpoint.notHttps'],
		['https://localhost/push', 'push.endpoint.notPublic'],
		['https://push.localhost/x', 'push.endpoint.notPublic'],
		['https://127.0.0.1/push', 'push.endpoint.notPublic'],
		['https://2130706433/push', 'push.endpoint.notPublic'], // 127.0.0.1 spelt as a number
		['https://10.1.2.3/push', 'push.endpoint.notPublic'],
		['https://172.16.5.4/push', 'push.endpoint.notPublic'],
		['https://192.168.1.20:8443/push', 'push.endpoint.notPublic'],
		['https://169.254.169.254/latest/meta-data', 'push.endpoint.notPublic'],
		['https://100.64.0.1/push', 'push.endpoint.notPublic'],
		['https://[::1]/push', 'push.endpoint.notPublic'],
		['https://[fc00::1]/push', 'push.endpoint.notPublic'],
		['https://[fd12:3456::1]/push', 'push.endpoint.notPublic'],
		['https://[fe80::1]/push', 'push.endpoint.notPublic'],
		['https://[::ffff:10.0.0.1]/push', 'push.endpoint.notPublic'],
		['https://printer.local/push', 'push.endpoint.notPublic'],
		['https://queue.internal/push', 'push.endpoint.notPublic'],
		['https://intranet/push', 'push.endpoint.notPublic'],
		['https://user:pw@fcm.googleapis.com/x', 'push.endpoint.invalid'],
		['not a url', 'push.endpoint.invalid']
	])('refuses %s', (endpoint, key) => {
		expect(checkPushEndpoint(endpoint)).toBe(key);
	});

	it.each([
		'https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b',
		'https://updates.push.services.mozilla.com/wpush/v2/gAAAAA',
		'https://web.push.apple.com/QGuQyavXutnMH',
		'https://wns2-par02p.notify.windows.com/w/?token=BQYAAA',
		'https://push.example.com:8443/x', // any port is fine on a public host
		'https://8.8.8.8/push',
		'https://[2606:4700::1111]/push'
	])('allows the public push service %s', (endpoint) => {
		expect(checkPushEndpoint(endpoint)).toBeNull();
	});

	it('lets https://127.0.0.1:PORT through only when insecure endpoints are allowed (tests)', () => {
		expect(checkPushEndpoint('https://127.0.0.1:45123/push/x')).toBe('push.endpoint.notPublic');
		expect(checkPushEndpoint('https://127.0.0.1:45123/push/x', { allowInsecure: true })).toBeNull();
		// Still https only, and still no other private address.
		expect(checkPushEndpoint('http://127.0.0.1:45123/push/x', { allowInsecure: true })).toBe('push.endpoint.notHttps');
		expect(checkPushEndpoint('https://localhost:45123/push/x', { allowInsecure: true })).toBe('push.endpoint.notPublic');
		expect(checkPushEndpoint('https://10.0.0.1/push/x', { allowInsecure: true })).toBe('push.endpoint.notPublic');
	});
});

describe('the shape of a push subscription', () => {
	const browser = createBrowserLikeSubscription('https://fcm.googleapis.com/fcm/send/abc');

	it('accepts what a browser gives (PushSubscription.toJSON())', () => {
		const parsed = PushSubscriptionInput.parse(browser.subscription);
		expect(parsed).toEqual({ endpoint: browser.subscription.endpoint, keys: browser.subscription.keys });
	});

	it('refuses keys that are not a P-256 point and a 16-byte secret, with catalogue messages', () => {
		const shortKey = Buffer.alloc(33, 4).toString('base64url');
		const compressed = Buffer.concat([Buffer.from([2]), Buffer.alloc(64, 1)]).toString('base64url');
		for (const p256dh of [shortKey, compressed, 'not base64!']) {
			const result = PushSubscriptionInput.safeParse({ ...browser.subscription, keys: { ...browser.subscription.keys, p256dh } });
			expect(result.success).toBe(false);
			expect(result.error?.issues[0]?.path).toEqual(['keys', 'p256dh']);
			expect(result.error?.issues[0]?.message).toBe(t('push.keys.p256dh.invalid'));
		}
		const auth = Buffer.alloc(15, 7).toString('base64url');
		const result = PushSubscriptionInput.safeParse({ ...browser.subscription, keys: { ...browser.subscription.keys, auth } });
		expect(result.error?.issues[0]?.path).toEqual(['keys', 'auth']);
		expect(result.error?.issues[0]?.message).toBe(t('push.keys.auth.invalid'));
	});

	it('refuses an endpoint over 2048 characters', () => {
		const endpoint = `https://fcm.googleapis.com/${'a'.repeat(2048)}`;
		const result = PushSubscriptionInput.safeParse({ ...browser.subscription, endpoint });
		expect(result.error?.issues[0]?.message).toBe(t('push.endpoint.tooLong'));
	});
});
