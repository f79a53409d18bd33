// The calendar answered from memory ahead of the whole HTTP pipeline. Every device asks
// for the same 28 days again and again, and the cached answer needs no database; what it still cost
// was Hono's router, the API's middleware chain and the headers set one by one per request (the
// calendar reached about a third of a bare route). Here a request that the cache can answer as it is
// gets its answer in one synchronous step, with the headers built once per cached answer; every
// other request (a first read, a change heard, a malformed or odd URL, HEAD, an error) goes through
// the general pipeline exactly as before, which validates it and fills the cache.
//
// Two doors to the same answer: `node`, which the HTTP server (server.ts) calls for each request
// before @hono/node-server makes a Request of it, so a cached calendar costs no Request, no Response,
// no URL and no promise; and `fetch`, ahead of app.fetch, so app.request() (tests) sees the same.
//
// What the pipeline would add and this must keep: the security headers (one list,
// security-headers.ts), HSTS by the public origin, the request log line. It adds nothing else to a
// calendar read: no rate limit, no body or Origin check on a GET, no words (so no language). The
// headers go out as the general pipeline sends them (lower case, in @hono/node-server's order), so
// the two answers are the same bytes but for the Date (tests/api/calendar-fast-path.test.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestLineLogger, type Logger } from '../log';
import { etagFor, etagMatches, preferredCoding, type ContentCoding } from '../http/compression';
import type { PublicOriginConfig } from '../http/public-origin';
import { hstsFor, securityHeaderValues } from '../http/security-headers';
import { calendarKey, type CalendarAnswer, type CalendarService } from './calendar';

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
const ROUTE = '/api/prisons/:prisonId/slots';
// `/api/prisons/` + a 36-character id + `/slots?` + `from=YYYY-MM-DD` and `to=YYYY-MM-DD` joined by `&`.
const ID_AT = PREFIX.length;
const SLOTS_AT = ID_AT + 36;
const QUERY_AT = SLOTS_AT + '/slots?'.length;
const TARGET_LENGTH = QUERY_AT + 'from=YYYY-MM-DD&to=YYYY-MM-DD'.length;

export interface FastPathDeps {
	calendars: CalendarService;
	clock: () => Date;
	logger: Logger;
	origin: PublicOriginConfig;
}

export interface CalendarFastPath {
	/** For the HTTP server, before @hono/node-server: true when it answered, else false (then the app answers). */
	node(incoming: IncomingMessage, outgoing: ServerResponse): boolean;
	/** For app.fetch: the answer, else undefined (then the app answers). */
	fetch(request: Request): Response | undefined;
}

/** One cached answer in one coding: its ETag, body and finished headers (200 and 304, without and with HSTS). */
interface Variant {
	etag: string;
	body: Buffer;
	headers: [
		ok: Record<string, string>,
		notModified: Record<string, string>,
		okHsts: Record<string, string>,
		notModifiedHsts: Record<string, string>
	];
}

type CalendarRange = { prisonId: string; from: string; to: string };
/** A target's range, with the cache's key for it made once (so its hash is too). */
type KnownRange = CalendarRange & { key: string };
/** Targets remembered, at most: the calendar cache's own limit is far below this. */
const MAX_RANGES = 4_096;

type Answer = { status: 200 | 304; body: Buffer | null; headers: Record<string, string> };

/**
 * The fast path's two doors. Synchronous, so the answer is written in the same turn: `node` writes it
 * itself; `fetch` returns a Response @hono/node-server writes without a promise in between.
 */
export function calendarFastPath(deps: FastPathDeps): CalendarFastPath {
	const security = securityHeaderValues('api');
	const { origin } = deps;
	const hstsOver = { http: hstsFor(fixedOrigin('http'), origin), https: hstsFor(fixedOrigin('https'), origin) };
	// HSTS hangs on the request itself only behind a trusted proxy (its X-Forwarded-Proto) without PUBLIC_URL.
	const hstsByRequest = !origin.publicUrl && !!origin.trustProxy;
	// The one value HSTS takes when it is sent.
	const HSTS = hstsFor(fixedOrigin('https'), {});
	const built = new WeakMap<CalendarAnswer, Partial<Record<ContentCoding, Variant>>>();
	const codings = new Map<string, ContentCoding>();
	// Parsing a target costs more than looking it up, and devices send the same few again and again.
	const ranges = new Map<string, KnownRange>();

	/** As @hono/node-server sends a Headers: lower-case names in order (a Headers iterates sorted), Content-Length last. */
	const asSent = (representation: CalendarRepresentation, hsts: string | undefined) => {
		const all: Record<string, string> = { ...representation.headers, ...security };
		if (hsts) all['Strict-Transport-Security'] = hsts;
		const headers = Object.fromEntries(new Headers(all));
		if (representation.body) headers['content-length'] = String(representation.body.byteLength);
		return headers;
	};

	const variantOf = (answer: CalendarAnswer, coding: ContentCoding): Variant => {
		let forAnswer = built.get(answer);
		if (!forAnswer) built.set(answer, (forAnswer = {}));
		let variant = forAnswer[coding];
		if (!variant) {
			const acceptEncoding = coding === 'identity' ? null : coding;
			const ok = calendarRepresentation(answer, null, acceptEncoding);
			const notModified = calendarRepresentation(answer, ok.headers.ETag, acceptEncoding);
			variant = forAnswer[coding] = {
				etag: ok.headers.ETag!,
				body: ok.body!,
				headers: [asSent(ok, undefined), asSent(notModified, undefined), asSent(ok, HSTS), asSent(notModified, HSTS)]
			};
		}
		return variant;
	};

	/** The answer for a GET of `target` (path and query), or undefined when the cache cannot give it as it is. */
	const answerFor = (
		target: string,
		ifNoneMatch: string | undefined,
		acceptEncoding: string | undefined,
		hsts: string | undefined
	): Answer | undefined => {
		const known = ranges.get(target);
		const parsed = known ? undefined : calendarTarget(target);
		const range: KnownRange | undefined = known ?? (parsed && { ...parsed, key: calendarKey(parsed.prisonId, parsed.from, parsed.to) });
		if (!range) return undefined;
		const answer = deps.calendars.peek(range.prisonId, range.from, range.to, deps.clock(), range.key);
		if (!answer) return undefined;
		if (!known) {
			// Only targets the cache answered are kept (so no more than its entries, in two orders), and
			// cleared rather than grown past that.
			if (ranges.size >= MAX_RANGES) ranges.clear();
			ranges.set(target, range);
		}
		let wanted: ContentCoding = 'identity';
		if (acceptEncoding) {
			wanted = codings.get(acceptEncoding) ?? 'identity';
			if (!codings.has(acceptEncoding)) {
				// Browsers send a handful of distinct headers; anything more is cleared rather than kept.
				if (codings.size >= 64) codings.clear();
				codings.set(acceptEncoding, (wanted = preferredCoding(acceptEncoding)));
			}
		}
		const variant = variantOf(answer, answer.encoded.codingFor(wanted));
		const notModified = etagMatches(ifNoneMatch, variant.etag);
		return {
			status: notModified ? 304 : 200,
			body: notModified ? null : variant.body,
			headers: variant.headers[(notModified ? 1 : 0) + (hsts ? 2 : 0)]!
		};
	};

	// The same line requestLog writes for the general pipeline, through the same kind of logger.
	const lines = requestLineLogger(deps.logger);
	const log = (status: number, started: number) =>
		lines.info({ method: 'GET', route: ROUTE, status, ms: Math.round(performance.now() - started) }, 'request');

	const failed = (error: unknown) => {
		deps.logger.warn({ err: error }, 'calendar fast path failed; answered by the general pipeline');
		return undefined;
	};

	return {
		node(incoming, outgoing) {
			if (incoming.method !== 'GET') return false;
			const target = incoming.url;
			if (target === undefined || target.length !== TARGET_LENGTH) return false;
			let answer: Answer | undefined;
			const logging = lines.isLevelEnabled('info');
			const started = logging ? performance.now() : 0;
			try {
				const read = readHeaders(incoming.rawHeaders);
				// Anything @hono/node-server would look at twice (no Host, an odd one, a repeated one) is its own to answer.
				if (!read || !read.host || !VALID_HOST.test(read.host)) return false;
				const scheme = (incoming.socket as { encrypted?: boolean } | null)?.encrypted ? 'https' : 'http';
				const hsts = hstsByRequest
					? hstsFor({ req: { url: `${scheme}://${read.host}${target}`, header: (name) => headerOf(incoming, name) } }, origin)
					: hstsOver[scheme];
				answer = answerFor(target, read.ifNoneMatch, read.acceptEncoding, hsts);
			} catch (error) {
				failed(error);
			}
			if (!answer) return false;
			outgoing.writeHead(answer.status, answer.headers);
			if (answer.body) outgoing.end(answer.body);
			else outgoing.end();
			if (logging) log(answer.status, started);
			return true;
		},

		fetch(request) {
			if (request.method !== 'GET') return undefined;
			const logging = lines.isLevelEnabled('info');
			const started = logging ? performance.now() : 0;
			let answer: Answer | undefined;
			try {
				const { url } = request;
				const target = url.slice(url.indexOf('/', url.indexOf('//') + 2));
				const header = (name: string) => request.headers.get(name) ?? undefined;
				answer = answerFor(target, header('If-None-Match'), header('Accept-Encoding'), hstsFor({ req: { url, header } }, origin));
			} catch (error) {
				return failed(error);
			}
			if (!answer) return undefined;
			const response = new Response(answer.body as Uint8Array<ArrayBuffer> | null, { status: answer.status, headers: answer.headers });
			if (logging) log(answer.status, started);
			return response;
		}
	};
}

/** A request at a fixed scheme with no headers: what HSTS is when no request header can change it. */
function fixedOrigin(scheme: 'http' | 'https') {
	return { req: { url: `${scheme}://fast-path.invalid/`, header: () => undefined } };
}

// @hono/node-server's own test of a Host it takes as it is (src/url.ts); any other goes its longer way.
const VALID_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;
const FORBIDDEN_IN_VALUE = /[\0\r\n]/;

/** A header as @hono/node-server's Request gives it (Node's joined incoming.headers). */
function headerOf(incoming: IncomingMessage, name: string): string | undefined {
	const value = incoming.headers[name.toLowerCase()];
	return typeof value === 'string' ? trimmed(value) : undefined;
}

/**
 * Host, If-None-Match and Accept-Encoding from the raw header list, without building Node's header
 * object. Repeats of the last two are joined with ", " as Node joins them; undefined (not ours to
 * answer) for a repeated Host or a value Node's Headers would refuse.
 */
function readHeaders(raw: string[]): { host?: string; ifNoneMatch?: string; acceptEncoding?: string } | undefined {
	let host: string | undefined;
	let ifNoneMatch: string | undefined;
	let acceptEncoding: string | undefined;
	for (let i = 0; i < raw.length; i += 2) {
		const name = raw[i]!;
		if (name.length === 4 && name.toLowerCase() === 'host') {
			if (host !== undefined) return undefined;
			host = raw[i + 1]!;
		} else if (name.length === 13 && name.toLowerCase() === 'if-none-match') {
			const value = trimmed(raw[i + 1]!);
			ifNoneMatch = ifNoneMatch === undefined ? value : `${ifNoneMatch}, ${value}`;
		} else if (name.length === 15 && name.toLowerCase() === 'accept-encoding') {
			const value = trimmed(raw[i + 1]!);
			acceptEncoding = acceptEncoding === undefined ? value : `${acceptEncoding}, ${value}`;
		}
	}
	if ((ifNoneMatch && FORBIDDEN_IN_VALUE.test(ifNoneMatch)) || (acceptEncoding && FORBIDDEN_IN_VALUE.test(acceptEncoding)))
		return undefined;
	return { host, ifNoneMatch, acceptEncoding };
}

const isHttpWhitespace = (code: number) => code === 9 || code === 10 || code === 13 || code === 32;
/** Without leading and trailing HTTP whitespace, as @hono/node-server's headers read a value. */
function trimmed(value: string): string {
	let start = 0;
	let end = value.length;
	while (start < end && isHttpWhitespace(value.charCodeAt(start))) start += 1;
	while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end -= 1;
	return start === 0 && end === value.length ? value : value.slice(start, end);
}

/**
 * The prison and range of a request target `/api/prisons/:id/slots?from=…&to=…` (either order), in
 * that plain form only (no other parameter, no percent-encoding, no trailing slash): anything else is
 * the general pipeline's to judge.
 */
export function calendarTarget(target: string): CalendarRange | undefined {
	if (target.length !== TARGET_LENGTH || !target.startsWith(PREFIX) || !target.startsWith('/slots?', SLOTS_AT)) return undefined;
	let from: number;
	let to: number;
	if (target.startsWith('from=', QUERY_AT) && target.startsWith('&to=', QUERY_AT + 15)) {
		from = QUERY_AT + 5;
		to = QUERY_AT + 19;
	} else if (target.startsWith('to=', QUERY_AT) && target.startsWith('&from=', QUERY_AT + 13)) {
		to = QUERY_AT + 3;
		from = QUERY_AT + 19;
	} else return undefined;
	if (!isLocalDateAt(target, from) || !isLocalDateAt(target, to)) return undefined;
	for (let i = ID_AT; i < SLOTS_AT; i += 1) {
		const c = target.charCodeAt(i);
		// Letters, digits and hyphens: a uuid's characters, in either case (peek holds only ids the route checked).
		if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45)) return undefined;
	}
	// The cache keys on the canonical (lower-case) id, so an id in any case finds the one entry a change clears.
	return { prisonId: target.slice(ID_AT, SLOTS_AT).toLowerCase(), from: target.slice(from, from + 10), to: target.slice(to, to + 10) };
}

/** YYYY-MM-DD in digits at `at` (calendar.get validated the date itself before anything was cached). */
function isLocalDateAt(text: string, at: number): boolean {
	for (let i = 0; i < 10; i += 1) {
		const c = text.charCodeAt(at + i);
		if (i === 4 || i === 7 ? c !== 45 : c < 48 || c > 57) return false;
	}
	return true;
}

/** calendarTarget for a whole URL (the form a Request has). */
export function calendarRequest(url: string): CalendarRange | undefined {
	const pathStart = url.indexOf('/', url.indexOf('//') + 2);
	return pathStart < 0 ? undefined : calendarTarget(url.slice(pathStart));
}
