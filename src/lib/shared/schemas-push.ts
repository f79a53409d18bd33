import './zod-setup';
import { z } from 'zod';
import { t, type MessageKey } from './i18n';

/*
 * The body of POST/DELETE /api/push/subscriptions: what `PushSubscription.toJSON()` gives in a
 * browser. Checked here for form only; whether the endpoint is a public push service is the
 * server's policy (server/push/endpoint-policy.ts), because it needs the server's settings.
 */

export const PUSH_ENDPOINT_MAX = 2048;
/** An uncompressed P-256 point: 0x04 then 32 bytes of x and 32 of y (RFC 8291 §3.1). */
export const P256DH_BYTES = 65;
/** RFC 8291 §3.2: the authentication secret is 16 random bytes. */
export const AUTH_SECRET_BYTES = 16;

const message = (key: MessageKey) => () => t(key);

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Decodes base64url (padding optional) without Buffer, so the PWA can use it too.
 * Returns null for anything that is not base64url.
 */
export function decodeBase64Url(text: string): Uint8Array | null {
	if (!BASE64URL.test(text)) return null;
	const unpadded = text.replace(/=+$/, '');
	// A single leftover character can't encode a byte: not valid base64 at all.
	if (unpadded.length % 4 === 1) return null;
	const base64 = unpadded.replace(/-/g, '+').replace(/_/g, '/');
	const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
	try {
		const binary = atob(padded);
		const bytes = new Uint8Array(binary.length);
		for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
		return bytes;
	} catch {
		return null;
	}
}

function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'https:' || url.protocol === 'http:';
	} catch {
		return false;
	}
}

const isP256Point = (value: string) => {
	const bytes = decodeBase64Url(value);
	return bytes !== null && bytes.length === P256DH_BYTES && bytes[0] === 0x04;
};

const isAuthSecret = (value: string) => decodeBase64Url(value)?.length === AUTH_SECRET_BYTES;

export const PushSubscriptionInput = z.object({
	endpoint: z
		.string({ error: message('push.endpoint.invalid') })
		.trim()
		.min(1, { error: message('push.endpoint.invalid') })
		.max(PUSH_ENDPOINT_MAX, { error: message('push.endpoint.tooLong') })
		// http: passes here so the server's policy can say precisely "must be https".
		.refine(isHttpUrl, { error: message('push.endpoint.invalid') }),
	keys: z.object(
		{
			p256dh: z
				.string({ error: message('push.keys.p256dh.invalid') })
				.trim()
				.refine(isP256Point, { error: message('push.keys.p256dh.invalid') }),
			auth: z
				.string({ error: message('push.keys.auth.invalid') })
				.trim()
				.refine(isAuthSecret, { error: message('push.keys.auth.invalid') })
		},
		{ error: message('push.keys.p256dh.invalid') }
	)
	// Browsers also send `expirationTime` (usually null); it is accepted and not stored.
});
export type PushSubscriptionInput = z.output<typeof PushSubscriptionInput>;

/** DELETE needs only the endpoint: an unsubscribing browser may no longer have its keys. */
export const PushUnsubscribeInput = z.object({
	endpoint: PushSubscriptionInput.shape.endpoint
});
export type PushUnsubscribeInput = z.output<typeof PushUnsubscribeInput>;

/** What the service worker receives in a push message (server/push/messages.ts builds it). */
export const PushPayload = z.object({
	requestId: z.string(),
	status: z.string(),
	title: z.string(),
	body: z.string(),
	url: z.string()
});
export type PushPayload = z.output<typeof PushPayload>;
