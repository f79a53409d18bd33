// A visitor's phone with a push subscription the server holds, pointed at the local push stand-in
// (push-endpoint.ts), so a test can read and decrypt what the server's push worker sends it.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { call, newDeviceSecret } from './api';
import { createBrowserLikeSubscription, type BrowserLikeSubscription, type PushEndpoint, type ReceivedPush } from './push-endpoint';

export interface SubscribedPhone {
	bearer: string;
	browser: BrowserLikeSubscription;
	/** The endpoint's path on the stand-in: what tells this phone's pushes from another's. */
	path: string;
}

/** A new device that subscribes to push through the API (201), as the app's "Turn on notifications" does. */
export async function subscribedPhone(api: { url: string }, pushService: PushEndpoint): Promise<SubscribedPhone> {
	const bearer = newDeviceSecret();
	const path = `/push/${randomUUID()}`;
	const browser = createBrowserLikeSubscription(`${pushService.url}${path}`);
	expect((await call(api, 'POST', '/api/push/subscriptions', { bearer, body: browser.subscription })).status).toBe(201);
	return { bearer, browser, path };
}

/** The pushes the stand-in received for this phone, in order, still encrypted. */
export function pushesTo(pushService: PushEndpoint, phone: SubscribedPhone): ReceivedPush[] {
	return pushService.received.filter((push) => push.path === phone.path);
}
