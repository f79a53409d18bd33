import { parse as legacyParse } from 'node:url';
import { BlockList, isIP } from 'node:net';
import type { MessageKey } from '../../src/lib/shared/i18n';

/*
 * The server POSTs to whatever endpoint a browser registered, so an endpoint is a URL chosen by
 * the client: without this policy a subscription could make the server call into its own network
 * (SSRF). Real push services (FCM, Mozilla autopush, Apple, WNS) are public https hosts on 443.
 *
 * Two checks, both here:
 * - the URL's form, when a subscription is saved and again before every send
 *   (normalisePushEndpoint): WHATWG URL, https, port 443, a plain DNS name on the allow-list, and
 *   no character that another URL parser reads differently (web-push uses Node's legacy
 *   url.parse, which ended `https://127.0.0.1'.example.com` at the quote and connected to
 *   127.0.0.1). What is stored and handed to web-push is the normalised `href`, and the legacy
 *   parser must read the same host and port from it.
 * - the addresses the name resolves to, at SEND time (send-guard.ts), which must all be public
 *   (isPublicAddress); the connection then goes to the address that was checked.
 */

/** The public push services browsers use (Chrome/FCM, Firefox, Safari/Apple, Edge/WNS). */
export const DEFAULT_PUSH_ALLOWED_HOSTS: readonly string[] = [
	'fcm.googleapis.com',
	'updates.push.services.mozilla.com',
	'web.push.apple.com',
	'*.push.apple.com',
	'*.notify.windows.com'
];

export interface PushEndpointPolicyOptions {
	/**
	 * Lets https://127.0.0.1:PORT through, for tests that run a local push service stand-in
	 * (env PUSH_ALLOW_INSECURE=1). Only that literal address; everything else is still checked.
	 */
	allowInsecure?: boolean;
	/**
	 * Host names push may go to (env PUSH_ALLOWED_HOSTS): exact names, `*.suffix` for any name
	 * under suffix, or `*` for any public name. Default DEFAULT_PUSH_ALLOWED_HOSTS.
	 */
	allowedHosts?: readonly string[];
}

/** The policy the server's settings give (PUSH_ALLOW_INSECURE, PUSH_ALLOWED_HOSTS). */
export function pushEndpointPolicy(config: { pushAllowInsecure: boolean; pushAllowedHosts?: string[] }): PushEndpointPolicyOptions {
	return { allowInsecure: config.pushAllowInsecure, ...(config.pushAllowedHosts ? { allowedHosts: config.pushAllowedHosts } : {}) };
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
	['192.88.99.0', 24], // 6to4 relay anycast
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
	['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215): translates to whatever the local network says
	['2001::', 32], // Teredo: tunnels to an IPv4 address
	['2001:db8::', 32], // documentation
	['fc00::', 7], // unique local (ULA)
	['fe80::', 10], // link-local
	['fec0::', 10], // old site-local
	['ff00::', 8], // multicast
	['100::', 64] // discard
] as const) {
	notPublic.addSubnet(network, prefix, 'ipv6');
}

/** Names that only mean something inside a network. */
const PRIVATE_NAME = /(^|\.)(localhost|local|internal|intranet|lan|home|corp|localdomain|home\.arpa|svc|cluster\.local)$/;

/** An IPv6 address as 8 sixteen-bit groups (accepts `::` and a trailing dotted IPv4). */
function ipv6Groups(address: string): number[] | null {
	let text = address.toLowerCase().replace(/%.*$/, '');
	const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
	if (dotted?.[1]) {
		const parts = dotted[1].split('.').map(Number);
		if (parts.some((part) => part > 255)) return null;
		const [a = 0, b = 0, c = 0, d = 0] = parts;
		text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	}
	const halves = text.split('::');
	if (halves.length > 2) return null;
	const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
	const head = parse(halves[0] ?? '');
	const tail = halves.length === 2 ? parse(halves[1] ?? '') : [];
	const missing = 8 - head.length - tail.length;
	if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
	const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
	return groups.some((group) => Number.isNaN(group) || group < 0 || group > 0xffff) ? null : groups;
}

const ipv4Of = (high: number, low: number) => [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');

/**
 * The IPv4 address an IPv6 address stands for, where it is one of the forms that carry one:
 * IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4 2002:AABB:CCDD::.
 */
function embeddedIpv4(groups: number[]): string | null {
	const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
	const zeroTo = (end: number) => groups.slice(0, end).every((group) => group === 0);
	if (zeroTo(5) && g5 === 0xffff) return ipv4Of(g6, g7); // mapped
	if (zeroTo(4) && g4 === 0xffff && g5 === 0) return ipv4Of(g6, g7); // SIIT translated ::ffff:0:a.b.c.d
	if (zeroTo(6)) return ipv4Of(g6, g7); // compatible (and :: / ::1, which are not public either way)
	if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return ipv4Of(g6, g7); // NAT64
	if (g0 === 0x2002) return ipv4Of(g1, g2); // 6to4
	return null;
}

/** Whether an address (as DNS or a URL gives it) is on the public internet. */
export function isPublicAddress(address: string): boolean {
	const family = isIP(address);
	if (family === 4) return !notPublic.check(address, 'ipv4');
	if (family !== 6) return false;
	const groups = ipv6Groups(address);
	if (!groups) return false;
	const v4 = embeddedIpv4(groups);
	if (v4) return isPublicAddress(v4);
	const canonical = groups.map((group) => group.toString(16)).join(':');
	return !notPublic.check(canonical, 'ipv6');
}

/** A DNS name in letters, digits and hyphens, at least two labels. */
const DNS_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/**
 * What may follow the host in an endpoint as the browser sent it: RFC 3986's unreserved and the
 * reserved characters push services use, and %-escapes. Not quotes, `;`, `@`, `\`, braces,
 * backticks, spaces or controls, which parsers split differently.
 */
const SAFE_REST = /^[A-Za-z0-9\-._~/?#%=&+,:!$()*]*$/;

export function hostAllowed(host: string, allowedHosts: readonly string[]): boolean {
	return allowedHosts.some((pattern) => {
		const p = pattern.trim().toLowerCase().replace(/\.$/, '');
		if (p === '*') return true;
		if (p.startsWith('*.')) return host.endsWith(p.slice(1)) && host.length > p.length - 1;
		return host === p;
	});
}

export type NormalisedEndpoint = { ok: true; url: string; host: string; insecureLocal: boolean } | { ok: false; problem: MessageKey };

/**
 * Checks an endpoint's form and gives back the exact string to store and hand to web-push.
 * Does no DNS: whether the name points somewhere public is decided at send time.
 */
export function normalisePushEndpoint(endpoint: string, options: PushEndpointPolicyOptions = {}): NormalisedEndpoint {
	const refuse = (problem: MessageKey): NormalisedEndpoint => ({ ok: false, problem });
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return refuse('push.endpoint.invalid');
	}
	if (url.protocol !== 'https:') return refuse('push.endpoint.notHttps');
	// Credentials in the URL would be sent by nobody's push service; refuse rather than guess.
	if (url.username || url.password) return refuse('push.endpoint.invalid');
	// The raw text after scheme and authority: nothing another parser could read as a host end.
	const afterScheme = /^https:\/\/([^/?#]*)(.*)$/is.exec(endpoint.trim());
	if (!afterScheme || !SAFE_REST.test(afterScheme[2] ?? '') || /[^A-Za-z0-9.\-:[\]]/.test(afterScheme[1] ?? '')) {
		return refuse('push.endpoint.invalid');
	}

	const host = url.hostname;
	const insecureLocal = options.allowInsecure === true && host === '127.0.0.1';
	if (!insecureLocal) {
		if (url.port !== '') return refuse('push.endpoint.notPublic'); // WHATWG drops :443, so anything left is another port
		if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) {
			return refuse(isPublicAddress(host.replace(/^\[|\]$/g, '')) ? 'push.endpoint.notAllowed' : 'push.endpoint.notPublic');
		}
		if (!DNS_NAME.test(host) || PRIVATE_NAME.test(host)) return refuse('push.endpoint.notPublic');
		if (!hostAllowed(host, options.allowedHosts ?? DEFAULT_PUSH_ALLOWED_HOSTS)) return refuse('push.endpoint.notAllowed');
	}

	// web-push reads the URL with Node's legacy parser: it must see the same host and port.
	const href = url.href;
	const legacy = legacyParse(href);
	if (legacy.hostname !== host || (legacy.port ?? '') !== url.port || legacy.protocol !== 'https:') {
		return refuse('push.endpoint.invalid');
	}
	return { ok: true, url: href, host, insecureLocal };
}

/**
 * Decides whether the server may send pushes to this endpoint. Returns null when it may, or the
 * catalogue key of the message for the `endpoint` field.
 */
export function checkPushEndpoint(endpoint: string, options: PushEndpointPolicyOptions = {}): MessageKey | null {
	const result = normalisePushEndpoint(endpoint, options);
	return result.ok ? null : result.problem;
}
