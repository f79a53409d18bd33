import { describe, expect, it } from 'vitest';
import { checkPushEndpoint, isPublicAddress, normalisePushEndpoint } from '../../server/push/endpoint-policy';
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
		['not a url', 'push.endpoint.invalid'],
		// Found by the outside test: parsers that disagree about where the host ends.
		["https://127.0.0.1'.example.com/x", 'push.endpoint.invalid'],
		['https://127.0.0.1;.example.com/x', 'push.endpoint.invalid'],
		['https://127.0.0.1{.example.com/x', 'push.endpoint.invalid'],
		['https://127.0.0.1}.example.com/x', 'push.endpoint.invalid'],
		['https://127.0.0.1".example.com/x', 'push.endpoint.invalid'],
		['https://127.0.0.1`.example.com/x', 'push.endpoint.invalid'],
		["https://169.254.169.254'.example.com/latest", 'push.endpoint.invalid'],
		['https://fcm.googleapis.com\\@127.0.0.1/x', 'push.endpoint.invalid'],
		["https://fcm.googleapis.com/x'y", 'push.endpoint.invalid'],
		['https://fcm.googleapis.com/x y', 'push.endpoint.invalid'],
		// IPv6 spellings of IPv4 private addresses.
		['https://[::7f00:1]/x', 'push.endpoint.notPublic'],
		['https://[::127.0.0.1]/x', 'push.endpoint.notPublic'],
		['https://[2002:7f00:1::]/x', 'push.endpoint.notPublic'],
		['https://[64:ff9b:1::7f00:1]/x', 'push.endpoint.notPublic'],
		['https://[64:ff9b::a9fe:a9fe]/x', 'push.endpoint.notPublic'],
		['https://[::ffff:7f00:1]/x', 'push.endpoint.notPublic'],
		// Cluster-internal names and other ports.
		['https://kubernetes.default.svc/x', 'push.endpoint.notPublic'],
		['https://fcm.googleapis.com:5432/x', 'push.endpoint.notPublic'],
		['https://fcm.googleapis.com:22/x', 'push.endpoint.notPublic'],
		['https://updates.push.services.mozilla.com:8443/x', 'push.endpoint.notPublic'],
		// Public, but not a push service: not on the default allow-list.
		['https://push.example.com/x', 'push.endpoint.notAllowed'],
		['https://localtest.me/x', 'push.endpoint.notAllowed'],
		['https://127.0.0.1.nip.io/x', 'push.endpoint.notAllowed'],
		['https://8.8.8.8/push', 'push.endpoint.notAllowed'],
		['https://notify.windows.com.evil.example/x', 'push.endpoint.notAllowed'],
		['https://evilnotify.windows.com/x', 'push.endpoint.notAllowed']
	])('refuses %s', (endpoint, key) => {
		expect(checkPushEndpoint(endpoint)).toBe(key);
	});

	it('refuses parser-confusing characters even where the host is allowed (PUSH_ALLOWED_HOSTS=*)', () => {
		for (const char of ["'", ';', '{', '}', '"', '`', '<', '>', '\\', '|', '^', ' ', '\t', '\u0000', '@']) {
			expect(checkPushEndpoint(`https://127.0.0.1${char}.example.com/x`, { allowedHosts: ['*'] }), JSON.stringify(char)).not.toBeNull();
		}
		expect(checkPushEndpoint('https://push.example.com/x', { allowedHosts: ['*'] })).toBeNull();
		expect(checkPushEndpoint('https://push.example.com/x', { allowedHosts: ['*.example.com'] })).toBeNull();
		expect(checkPushEndpoint('https://example.com/x', { allowedHosts: ['*.example.com'] })).toBe('push.endpoint.notAllowed');
	});

	it('hands web-push the normalised URL, which the legacy parser reads the same way', () => {
		const result = normalisePushEndpoint('https://FCM.googleapis.com:443/fcm/send/abc');
		expect(result).toEqual({ ok: true, url: 'https://fcm.googleapis.com/fcm/send/abc', host: 'fcm.googleapis.com', insecureLocal: false });
	});

	it.each([
		['127.0.0.1', false],
		['10.1.1.1', false],
		['100.100.0.1', false],
		['169.254.169.254', false],
		['::1', false],
		['fd00::1', false],
		['fe80::1', false],
		['::ffff:127.0.0.1', false],
		['::ffff:7f00:1', false],
		['::7f00:1', false],
		['64:ff9b::7f00:1', false],
		['64:ff9b:1::808:808', false],
		['2002:a00:1::', false],
		['2002:7f00:1::', false],
		['2001:0:4136:e378:8000:63bf:3fff:fdd2', false],
		['0.0.0.0', false],
		['not an address', false],
		['8.8.8.8', true],
		['142.250.180.10', true],
		['2a00:1450:4009:81f::200a', true],
		['64:ff9b::808:808', true],
		['2002:808:808::', true]
	])('tells whether %s is public (%s)', (address, expected) => {
		expect(isPublicAddress(address)).toBe(expected);
	});

	it.each([
		'https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b',
		'https://updates.push.services.mozilla.com/wpush/v2/gAAAAA',
		'https://web.push.apple.com/QGuQyavXutnMH',
		'https://wns2-par02p.notify.windows.com/w/?token=BQYAAA%3d',
		'https://api.push.apple.com/3/device/abc',
		'https://fcm.googleapis.com:443/fcm/send/x'
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
