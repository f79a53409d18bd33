import { lookup as dnsLookup } from 'node:dns/promises';
import { Agent, type AgentOptions } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPublicAddress, normalisePushEndpoint, type PushEndpointPolicyOptions } from './endpoint-policy';

/*
 * What the push worker does before every send: check the stored endpoint again (a row saved
 * before a policy change must not slip through), resolve its name, refuse unless every address
 * is public, and connect to the very address that was checked. The connection's own lookup
 * returns that address, so a name that answers differently a moment later (DNS rebinding) cannot
 * move the connection. TLS still verifies the certificate against the name (SNI and checks use
 * the host name, not the address).
 */

export interface ResolvedAddress {
	address: string;
	family: number;
}

/** Resolves a name to every address it has (tests pass a stand-in). */
export type PushResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: PushResolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export type PushTarget =
	| { ok: true; url: string; hostname: string; address: string; family: 4 | 6 }
	/** `permanent`: the endpoint can never be sent to (drop the subscription); otherwise try later. */
	| { ok: false; permanent: boolean; reason: string };

export async function resolvePushTarget(
	endpoint: string,
	policy: PushEndpointPolicyOptions,
	resolve: PushResolver = systemResolver
): Promise<PushTarget> {
	const normalised = normalisePushEndpoint(endpoint, policy);
	if (!normalised.ok) return { ok: false, permanent: true, reason: `endpoint refused by policy (${normalised.problem})` };
	if (normalised.insecureLocal) return { ok: true, url: normalised.url, hostname: normalised.host, address: '127.0.0.1', family: 4 };

	let addresses: ResolvedAddress[];
	try {
		addresses = await resolve(normalised.host);
	} catch (error) {
		return {
			ok: false,
			permanent: false,
			reason: `could not resolve the push service: ${(error as { code?: string }).code ?? String(error)}`
		};
	}
	if (addresses.length === 0) return { ok: false, permanent: false, reason: 'the push service has no address' };
	// Every address, not just the first: a name with one public and one private address is an attack.
	if (addresses.some((entry) => !isPublicAddress(entry.address))) {
		return { ok: false, permanent: true, reason: 'the push service name resolves to a non-public address' };
	}
	const first = addresses[0]!;
	return { ok: true, url: normalised.url, hostname: normalised.host, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** An https.Agent whose every connection goes to the checked address (one agent per send). */
export function pinnedAgent(target: { hostname: string; address: string; family: 4 | 6 }, base?: AgentOptions): Agent {
	const lookup: LookupFunction = (hostname, options, callback) => {
		if (hostname !== target.hostname) {
			callback(Object.assign(new Error(`refusing to resolve ${hostname} for a push`), { code: 'ENOTFOUND' }), '', 0);
			return;
		}
		if (options.all)
			(callback as unknown as (e: null, all: ResolvedAddress[]) => void)(null, [{ address: target.address, family: target.family }]);
		else callback(null, target.address, target.family);
	};
	return new Agent({ ...base, keepAlive: false, lookup });
}
