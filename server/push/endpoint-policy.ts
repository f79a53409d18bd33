import { BlockList, isIP } from 'node:net';
import type { MessageKey } from '../../src/lib/shared/i18n';

/*
 * The server POSTs to whatever endpoint a browser registered, so an endpoint is a URL chosen by
 * the client: without this policy a subscription could make the server call into its own network
 * (SSRF). Real push services (FCM, Mozilla autopush, Apple, WNS) are public https hosts.
 *
 * Checked when a subscription is saved. Not covered: a public name whose DNS later points at a
 * private address (rebinding); the push worker only sends encrypted bodies with no response read
 * back to the client, which limits what that could do.
 */

export interface PushEndpointPolicyOptions {
	/**
	 * Lets https://127.0.0.1:PORT through, for tests that run a local push service stand-in
	 * (env PUSH_ALLOW_INSECURE=1). Everything else is still refused.
	 */
	allowInsecure?: boolean;
}

/** Whether PUSH_ALLOW_INSECURE=1 is set: read once by the server start and passed down. */
export function allowInsecurePushFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
	return env.PUSH_ALLOW_INSECURE === '1';
}

const notPublic = new BlockList();
for (const [network, prefix] of [
	['0.0.0.0', 8], // "this network"
	['10.0.0.0', 8], // private
	['100.64.0.0', 10], // carrier-grade NAT
	['127.0.0.0', 8], // loopback
	['169.254.0.0', 16], // link-local (cloud metadata services live here)
	['172.16.0.0', 12], // private
	['192.0.0.0', 24], // IETF protocol assignments
	['192.0.2.0', 24], // documentation
	['192.168.0.0', 16], // private
	['198.18.0.0', 15], // benchmarking
	['198.51.100.0', 24], // documentation
	['203.0.113.0', 24], // documentation
	['224.0.0.0', 4], // multicast
	['240.0.0.0', 4] // reserved, and 255.255.255.255 broadcast
] as const) {
	notPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
	['::', 128], // unspecified
	['::1', 128], // loopback
	['fc00::', 7], // unique local (ULA)
	['fe80::', 10], // link-local
	['fec0::', 10], // old site-local
	['ff00::', 8], // multicast
	['2001:db8::', 32], // documentation
	['100::', 64] // discard
] as const) {
	notPublic.addSubnet(network, prefix, 'ipv6');
}

/** Names that only mean something inside a network. */
const PRIVATE_NAME = /(^|\.)(localhost|local|internal|intranet|lan|home|corp|localdomain|home\.arpa)$/;

/** IPv6 forms that carry an IPv4 address (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d). */
function embeddedIpv4(address: string): string | null {
	const match = /^(?:::ffff:|64:ff9b::)(?:([0-9a-f]{1,4}):([0-9a-f]{1,4})|(\d+\.\d+\.\d+\.\d+))$/i.exec(address);
	if (!match) return null;
	if (match[3]) return match[3];
	const high = parseInt(match[1] ?? '0', 16);
	const low = parseInt(match[2] ?? '0', 16);
	return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

function isPublicAddress(address: string, family: 4 | 6): boolean {
	if (family === 6) {
		const v4 = embeddedIpv4(address);
		if (v4) return isPublicAddress(v4, 4);
		return !notPublic.check(address, 'ipv6');
	}
	return !notPublic.check(address, 'ipv4');
}

/**
 * Decides whether the server may send pushes to this endpoint. Returns null when it may, or the
 * catalogue key of the message for the `endpoint` field.
 */
export function checkPushEndpoint(
	endpoint: string,
	options: PushEndpointPolicyOptions = {}
): MessageKey | null {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return 'push.endpoint.invalid';
	}
	if (url.protocol !== 'https:') return 'push.endpoint.notHttps';
	// Credentials in the URL would be sent by nobody's push service; refuse rather than guess.
	if (url.username || url.password) return 'push.endpoint.invalid';

	// WHATWG URL has already normalised odd IPv4 spellings (0x7f.1, 2130706433) to dotted form.
	const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
	if (options.allowInsecure && host === '127.0.0.1') return null;

	const family = isIP(host);
	if (family === 4 || family === 6) {
		return isPublicAddress(host, family) ? null : 'push.endpoint.notPublic';
	}
	// A single-label name ("intranet") resolves through local search domains only.
	if (!host.includes('.') || PRIVATE_NAME.test(host)) return 'push.endpoint.notPublic';
	return null;
}
