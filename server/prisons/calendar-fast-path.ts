// The calendar answered from memory ahead of the whole HTTP pipeline (issue #17). Every device asks
// for the same 28 days again and again, and the cached answer needs no database; what it still cost
// was Hono's router, the API's middleware chain and the headers set one by one per request (the
// calendar reached about a third of a bare route). Here a request that the cache can answer as it is
// gets its answer in one synchronous step, with the headers built once per cached answer; every
// other request (a first read, a change heard, a malformed or odd URL, HEAD, an error) goes through
// the general pipeline exactly as before, which validates it and fills the cache.
//
// What the pipeline would add and this must keep: the security headers (one list,
// security-headers.ts), HSTS by the public origin, the request log line. It adds nothing else to a
// calendar read: no rate limit, no body or Origin check on a GET, no words (so no language).
import type { Logger } from '../log';
import { etagFor, etagMatches, preferredCoding } from '../http/compression';
import type { PublicOriginConfig } from '../http/public-origin';
import { hstsFor, securityHeaderValues } from '../http/security-headers';
import type { CalendarAnswer, CalendarService } from './calendar';

/** What a calendar answer sends, whichever path answers it (routes/prisons.ts and the fast path). */
export interface CalendarRepresentation {
	status: 200 | 304;
	body: Buffer | null;
	headers: Record<string, string>;
}

/** The route's own headers; the security headers come on top (the middleware, or the fast path). */
export function calendarRepresentation(
	answer: CalendarAnswer,
	ifNoneMatch: string | null | undefined,
	acceptEncoding: string | null | undefined
): CalendarRepresentation {
	const coding = answer.encoded.codingFor(preferredCoding(acceptEncoding));
	const etag = etagFor(answer.etag, coding);
	// Devices must ask again each time (with If-None-Match), since places change.
	const headers: Record<string, string> = { ETag: etag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
	if (etagMatches(ifNoneMatch, etag)) return { status: 304, body: null, headers };
	headers['Content-Type'] = 'application/json';
	if (coding !== 'identity') headers['Content-Encoding'] = coding;
	return { status: 200, body: answer.encoded.bytes(coding), headers };
}

const PREFIX = '/api/prisons/';
const SUFFIX = '/slots';
const ROUTE = '/api/prisons/:prisonId/slots';
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface FastPathDeps {
	calendars: CalendarService;
	clock: () => Date;
	logger: Logger;
	origin: PublicOriginConfig;
}

/**
 * A fetch handler to call before the app's: the answer when the cache holds it, else undefined (then
 * the app answers). Synchronous, so @hono/node-server writes it without a promise in between.
 */
export function calendarFastPath(deps: FastPathDeps): (request: Request) => Response | undefined {
	const security = securityHeaderValues('api');
	// Per cached answer, coding, status and HSTS: the finished header object, built once.
	const built = new WeakMap<CalendarAnswer, Map<string, Record<string, string>>>();

	const headersFor = (answer: CalendarAnswer, representation: CalendarRepresentation, hsts: string | undefined) => {
		let forAnswer = built.get(answer);
		if (!forAnswer) built.set(answer, (forAnswer = new Map()));
		// The ETag names the coding too (a 304 has no Content-Encoding, yet its ETag differs by coding).
		const { ETag: etag, 'Content-Encoding': coding = 'identity' } = representation.headers;
		const key = `${representation.status}|${etag}|${coding}|${hsts ?? ''}`;
		let headers = forAnswer.get(key);
		if (!headers) {
			headers = { ...representation.headers, ...security, ...(hsts ? { 'Strict-Transport-Security': hsts } : {}) };
			if (representation.body) headers['Content-Length'] = String(representation.body.byteLength);
			forAnswer.set(key, headers);
		}
		return headers;
	};

	return (request) => {
		if (request.method !== 'GET') return undefined;
		const started = performance.now();
		const range = calendarRequest(request.url);
		if (!range) return undefined;
		const answer = deps.calendars.peek(range.prisonId, range.from, range.to, deps.clock());
		if (!answer) return undefined;

		const representation = calendarRepresentation(answer, request.headers.get('If-None-Match'), request.headers.get('Accept-Encoding'));
		const hsts = hstsFor({ req: { url: request.url, header: (name) => request.headers.get(name) ?? undefined } }, deps.origin);
		const response = new Response(representation.body as Uint8Array<ArrayBuffer> | null, {
			status: representation.status,
			headers: headersFor(answer, representation, hsts)
		});
		// The same line requestLog writes for the general pipeline.
		if (deps.logger.isLevelEnabled('info')) {
			deps.logger.info(
				{ method: 'GET', route: ROUTE, status: representation.status, ms: Math.round(performance.now() - started) },
				'request'
			);
		}
		return response;
	};
}

/**
 * The prison and range of `GET /api/prisons/:id/slots?from=…&to=…`, in that plain form only (no other
 * parameter, no percent-encoding, no trailing slash): anything else is the general pipeline's to judge.
 */
export function calendarRequest(url: string): { prisonId: string; from: string; to: string } | undefined {
	const pathStart = url.indexOf('/', url.indexOf('//') + 2);
	const queryStart = url.indexOf('?', pathStart);
	if (pathStart < 0 || queryStart < 0 || url.includes('%') || url.includes('#')) return undefined;
	if (!url.startsWith(PREFIX, pathStart) || url.slice(queryStart - SUFFIX.length, queryStart) !== SUFFIX) return undefined;
	const prisonId = url.slice(pathStart + PREFIX.length, queryStart - SUFFIX.length);
	if (prisonId.length !== 36 || prisonId.includes('/')) return undefined;
	const params = url.slice(queryStart + 1).split('&');
	if (params.length !== 2) return undefined;
	let from: string | undefined;
	let to: string | undefined;
	for (const param of params) {
		if (param.startsWith('from=') && from === undefined) from = param.slice(5);
		else if (param.startsWith('to=') && to === undefined) to = param.slice(3);
		else return undefined;
	}
	if (!from || !to || !LOCAL_DATE.test(from) || !LOCAL_DATE.test(to)) return undefined;
	return { prisonId, from, to };
}
