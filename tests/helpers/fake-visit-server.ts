import type { FetchLike } from '../../src/lib/client/api';
import type { RequestStatus } from '../../src/lib/shared/domain';

/*
 * An in-memory stand-in for the API's visitor and staff endpoints, with the contract's
 * idempotency (same id + same body → 200 with the stored request; same id + another body → 409),
 * device scoping by bearer secret, and faults the tests inject: no answer, a lost answer after the
 * server did the work, or a canned answer.
 */

export interface StoredRequest {
	id: string;
	reference: string;
	status: RequestStatus;
	prisonId: string;
	[field: string]: unknown;
}

type Canned = { status: number; body?: unknown; headers?: Record<string, string>; text?: string };
export type Fault = 'network' | 'lose-response' | Canned;

interface PendingFault {
	matches: (method: string, path: string) => boolean;
	fault: Fault;
}

export interface ReceivedCall {
	method: string;
	path: string;
	status: number | 'network' | 'lost';
	secret?: string;
}

const SECRET = /^[A-Za-z0-9_-]{43}$/;

export function createFakeVisitServer() {
	const stored = new Map<string, { body: string; owner: string; request: StoredRequest }>();
	const calls: ReceivedCall[] = [];
	const faults: PendingFault[] = [];
	const refusedSecrets = new Set<string>();
	const handled = new Map<string, number>();
	const inFlight = new Map<string, number>();
	let overlappingSends = 0;
	let staffSignedIn = true;
	let references = 0;

	const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
		new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
	const error = (status: number, code: string, message: string, fields?: Record<string, string>) =>
		json(status, { error: { code, message, ...(fields ? { fields } : {}) } });

	function handle(method: string, path: string, secret: string | undefined, rawBody: string | undefined): Response {
		if (path.startsWith('/api/staff/')) {
			if (!staffSignedIn) return error(401, 'unauthorised', 'Sign in');
			const decision = /^\/api\/staff\/requests\/([^/]+)\/(confirm|reject|cancel)$/.exec(path);
			const entry = decision ? stored.get(decision[1]!) : undefined;
			if (!decision || !entry) return error(404, 'not_found', 'No such request');
			const next: RequestStatus = decision[2] === 'confirm' ? 'booked' : decision[2] === 'reject' ? 'rejected' : 'cancelled';
			entry.request = { ...entry.request, status: next };
			return json(200, entry.request);
		}
		if (!secret || !SECRET.test(secret) || refusedSecrets.has(secret)) return error(401, 'unauthorised', 'Unknown device');
		if (method === 'POST' && path === '/api/visit-requests') {
			const body = JSON.parse(rawBody ?? '{}') as { id: string; prisonId: string };
			const existing = stored.get(body.id);
			if (existing) {
				if (existing.owner !== secret || existing.body !== rawBody) return error(409, 'conflict', 'Another request has this id');
				return json(200, existing.request);
			}
			references += 1;
			const request: StoredRequest = {
				...body,
				reference: `REF-${String(references).padStart(4, '0')}`,
				status: 'requested'
			};
			stored.set(body.id, { body: rawBody ?? '', owner: secret, request });
			return json(201, request);
		}
		if (method === 'GET' && path === '/api/visit-requests') {
			return json(200, { requests: [...stored.values()].filter((e) => e.owner === secret).map((e) => e.request) });
		}
		const one = /^\/api\/visit-requests\/([^/]+)(?:\/(withdraw|cancel))?$/.exec(path);
		const entry = one ? stored.get(one[1]!) : undefined;
		if (!one || !entry || entry.owner !== secret) return error(404, 'not_found', 'No such request');
		if (method === 'GET' && !one[2]) return json(200, entry.request);
		const [from, to]: [RequestStatus, RequestStatus] = one[2] === 'withdraw' ? ['requested', 'withdrawn'] : ['booked', 'cancelled'];
		if (entry.request.status !== from) return error(409, 'conflict', `The request is ${entry.request.status}`);
		entry.request = { ...entry.request, status: to };
		return json(200, entry.request);
	}

	const fetch: FetchLike = async (input, init) => {
		const url = new URL(input, 'http://device.test');
		const method = init?.method ?? 'GET';
		const path = url.pathname;
		// The waiting list, read with every refresh of the requests (sync.ts): an empty one, kept out
		// of `calls` so the tests of how requests are sent see only those.
		if (method === 'GET' && path === '/api/waitlist') {
			return new Response(JSON.stringify({ entries: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } });
		}
		const headers = new Headers(init?.headers);
		const secret = headers.get('authorization')?.replace(/^Bearer /, '');
		const rawBody = typeof init?.body === 'string' ? init.body : undefined;
		// One key per logical write: the submitted id, or the action's path.
		const writeKey =
			method === 'GET' ? undefined : path === '/api/visit-requests' ? (JSON.parse(rawBody ?? '{}') as { id?: string }).id : path;
		if (writeKey) {
			inFlight.set(writeKey, (inFlight.get(writeKey) ?? 0) + 1);
			if (inFlight.get(writeKey)! > 1) overlappingSends += 1;
		}
		// Like a real network, answers arrive later, so concurrent senders genuinely overlap.
		await new Promise((resolve) => setTimeout(resolve, 2));
		if (writeKey) inFlight.set(writeKey, inFlight.get(writeKey)! - 1);
		const faultIndex = faults.findIndex((f) => f.matches(method, path));
		const fault = faultIndex >= 0 ? faults.splice(faultIndex, 1)[0]!.fault : undefined;
		if (fault === 'network') {
			calls.push({ method, path, status: 'network', secret });
			throw new TypeError('fetch failed');
		}
		if (fault && fault !== 'lose-response') {
			calls.push({ method, path, status: fault.status, secret });
			const body = fault.text ?? (fault.body === undefined ? '' : JSON.stringify(fault.body));
			return new Response(body || null, { status: fault.status, headers: fault.headers });
		}
		const response = handle(method, path, secret, rawBody);
		if (writeKey) handled.set(writeKey, (handled.get(writeKey) ?? 0) + 1);
		if (fault === 'lose-response') {
			calls.push({ method, path, status: 'lost', secret });
			throw new TypeError('connection reset after the server answered');
		}
		calls.push({ method, path, status: response.status, secret });
		return response;
	};

	return {
		fetch,
		calls,
		/** The next call matching `method path` (path may be a prefix ending in '*') meets `fault`. */
		inject(fault: Fault, method = 'POST', path = '/api/visit-requests') {
			const matches = (m: string, p: string) => m === method && (path.endsWith('*') ? p.startsWith(path.slice(0, -1)) : p === path);
			faults.push({ matches, fault });
		},
		refuseSecret(secret: string) {
			refusedSecrets.add(secret);
		},
		setStaffSignedIn(value: boolean) {
			staffSignedIn = value;
		},
		requests: () => [...stored.values()].map((e) => e.request),
		request: (id: string) => stored.get(id)?.request,
		setStatus(id: string, status: RequestStatus) {
			const entry = stored.get(id);
			if (entry) entry.request = { ...entry.request, status };
		},
		/** How many times a write (a submitted id, or an action's path) reached the server's handler. */
		handledCount: (key: string) => handled.get(key) ?? 0,
		/** How many times a write arrived while the same write was still being processed. */
		overlappingSends: () => overlappingSends
	};
}

export type FakeVisitServer = ReturnType<typeof createFakeVisitServer>;
