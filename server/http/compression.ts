// Compressed JSON answers. Phones on weak signal pay for every byte: API answers above 1 KB go out
// brotli- or gzip-compressed when the client says it accepts that. Static files are compressed at
// build time instead (adapter-static's precompress, served by static-app.ts).
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

/** Smaller answers are sent as they are: compressing them saves less than it costs. */
export const COMPRESS_ABOVE_BYTES = 1024;

export type ContentCoding = 'br' | 'gzip' | 'identity';

/**
 * The coding to answer in, from Accept-Encoding: brotli when accepted, else gzip, else none. A coding
 * listed with q=0 is refused (RFC 9110 §12.5.3); `*` stands for any coding not listed.
 */
export function preferredCoding(acceptEncoding: string | null | undefined): ContentCoding {
	if (!acceptEncoding) return 'identity';
	const q = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (!name) continue;
		const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		q.set(name, weight ? Number(weight.slice(2)) || 0 : 1);
	}
	const accepted = (coding: string) => (q.get(coding) ?? q.get('*') ?? 0) > 0;
	if (accepted('br')) return 'br';
	if (accepted('gzip')) return 'gzip';
	return 'identity';
}

/** For a body compressed once and sent many times (a cached calendar): the smallest brotli. */
export function compressOnce(body: Uint8Array, coding: Exclude<ContentCoding, 'identity'>): Buffer {
	return coding === 'br'
		? brotliCompressSync(body, {
				params: {
					[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
					[constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
					[constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength
				}
			})
		: gzipSync(body, { level: constants.Z_BEST_COMPRESSION });
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** For an answer sent once: fast settings, off the event loop (zlib's thread pool). */
function compressEach(body: Uint8Array, coding: Exclude<ContentCoding, 'identity'>): Promise<Buffer> {
	return coding === 'br'
		? brotliAsync(body, { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 5 } })
		: gzipAsync(body, { level: 6 });
}

/** One body in every coding, each made the first time it is asked for (a cached calendar's answer). */
export class EncodedBody {
	readonly identity: Buffer;
	readonly #encoded = new Map<ContentCoding, Buffer>();

	constructor(text: string) {
		this.identity = Buffer.from(text);
	}

	/** The coding actually sent: identity for a body too small to be worth compressing. */
	codingFor(wanted: ContentCoding): ContentCoding {
		return this.identity.byteLength > COMPRESS_ABOVE_BYTES ? wanted : 'identity';
	}

	bytes(coding: ContentCoding): Buffer {
		if (coding === 'identity') return this.identity;
		let encoded = this.#encoded.get(coding);
		if (!encoded) {
			encoded = compressOnce(this.identity, coding);
			this.#encoded.set(coding, encoded);
		}
		return encoded;
	}
}

/** A strong ETag names one representation: a compressed one gets the weak form (as nginx and hono/compress do). */
export function etagFor(etag: string, coding: ContentCoding): string {
	return coding === 'identity' || etag.startsWith('W/') ? etag : `W/${etag}`;
}

/** If-None-Match against an ETag, by the weak comparison RFC 9110 §13.1.2 asks of GET (W/ ignored), lists and `*` included. */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
	if (!ifNoneMatch) return false;
	const opaque = etag.startsWith('W/') ? etag.slice(2) : etag;
	if (ifNoneMatch === opaque || ifNoneMatch === `W/${opaque}`) return true;
	return ifNoneMatch.split(',').some((candidate) => {
		const tag = candidate.trim();
		return tag === '*' || (tag.startsWith('W/') ? tag.slice(2) : tag) === opaque;
	});
}

/**
 * The API's JSON answers above COMPRESS_ABOVE_BYTES, compressed for clients that accept it; every
 * JSON answer says `Vary: Accept-Encoding`, since the same URL may be large another time. Answers
 * that already carry a Content-Encoding (the calendar, compressed once per version) pass untouched,
 * and so does anything that is not JSON (the staff event stream must not be buffered).
 */
export const compressJson = (): MiddlewareHandler => compressAnswers('application/json');

/** The pages the server renders, compressed as the API's JSON is (the files of the build come compressed already). */
export const compressPages = (): MiddlewareHandler => compressAnswers('text/html');

function compressAnswers(contentType: string): MiddlewareHandler {
	return async (c, next) => {
		await next();
		const res = c.res;
		if (c.req.method === 'HEAD' || res.status === 204 || res.status === 304 || res.status === 206 || !res.body) return;
		if (!res.headers.get('Content-Type')?.startsWith(contentType) || res.headers.has('Content-Encoding')) return;
		appendVary(res.headers);
		const coding = preferredCoding(c.req.header('Accept-Encoding'));
		if (coding === 'identity') return;
		const declared = Number(res.headers.get('Content-Length') ?? NaN);
		if (declared <= COMPRESS_ABOVE_BYTES) return;
		const body = new Uint8Array(await res.arrayBuffer());
		const headers = new Headers(res.headers);
		if (body.byteLength <= COMPRESS_ABOVE_BYTES) {
			c.res = undefined;
			c.res = new Response(body, { status: res.status, headers });
			return;
		}
		const compressed = await compressEach(body, coding);
		headers.set('Content-Encoding', coding);
		headers.delete('Content-Length');
		const etag = headers.get('ETag');
		if (etag) headers.set('ETag', etagFor(etag, coding));
		// Undefined first: Hono's c.res setter would copy the old answer's headers over the new ones.
		c.res = undefined;
		c.res = new Response(compressed as Uint8Array<ArrayBuffer>, { status: res.status, headers });
	};
}

function appendVary(headers: Headers): void {
	const current = headers.get('Vary');
	if (current === '*' || (current && /(^|,)\s*accept-encoding\s*(,|$)/i.test(current))) return;
	headers.set('Vary', current ? `${current}, Accept-Encoding` : 'Accept-Encoding');
}
