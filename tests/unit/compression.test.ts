// JSON answers above 1 KB go out compressed when the client accepts it (server/http/compression.ts).
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { compressJson, etagMatches, preferredCoding } from '../../server/http/compression';

const big = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item ${i}` })) };

function app() {
	return new Hono()
		.use('*', compressJson())
		.get('/big', (c) => c.json(big, 200, { ETag: '"v1"' }))
		.get('/small', (c) => c.json({ ok: true }))
		.get('/stream', (c) => c.body('data: x\n\n'.repeat(300), 200, { 'Content-Type': 'text/event-stream' }))
		.get('/error', () => {
			throw new Error('boom');
		})
		.onError((_error, c) => c.json({ error: { code: 'internal', message: 'x'.repeat(2000) } }, 500));
}

async function bytes(response: Response): Promise<Buffer> {
	return Buffer.from(await response.arrayBuffer());
}

describe('compressJson', () => {
	it('compresses a large JSON answer in the coding the client prefers, says Vary, and weakens the ETag', async () => {
		const br = await app().request('/big', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(br.headers.get('vary')).toBe('Accept-Encoding');
		expect(br.headers.get('etag')).toBe('W/"v1"');
		const brBody = await bytes(br);
		expect(JSON.parse(brotliDecompressSync(brBody).toString())).toEqual(big);
		expect(brBody.byteLength).toBeLessThan(JSON.stringify(big).length / 3);

		const gzip = await app().request('/big', { headers: { 'Accept-Encoding': 'gzip, br;q=0' } });
		expect(gzip.headers.get('content-encoding')).toBe('gzip');
		expect(JSON.parse(gunzipSync(await bytes(gzip)).toString())).toEqual(big);
	});

	it('sends small answers, clients that accept nothing, and non-JSON as they are', async () => {
		const small = await app().request('/small', { headers: { 'Accept-Encoding': 'br' } });
		expect(small.headers.get('content-encoding')).toBeNull();
		expect(small.headers.get('vary')).toBe('Accept-Encoding');
		expect(await small.json()).toEqual({ ok: true });

		const plain = await app().request('/big');
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(plain.headers.get('etag')).toBe('"v1"');
		expect(await plain.json()).toEqual(big);

		const stream = await app().request('/stream', { headers: { 'Accept-Encoding': 'br' } });
		expect(stream.headers.get('content-encoding')).toBeNull();
	});

	it("compresses the error handler's answer too", async () => {
		const error = await app().request('/error', { headers: { 'Accept-Encoding': 'gzip' } });
		expect(error.status).toBe(500);
		expect(error.headers.get('content-encoding')).toBe('gzip');
		expect(JSON.parse(gunzipSync(await bytes(error)).toString()).error.code).toBe('internal');
	});

	it('reads Accept-Encoding as RFC 9110 says', () => {
		expect(preferredCoding(undefined)).toBe('identity');
		expect(preferredCoding('gzip, deflate, br, zstd')).toBe('br');
		expect(preferredCoding('gzip;q=0.5, br;q=0')).toBe('gzip');
		expect(preferredCoding('*')).toBe('br');
		expect(preferredCoding('*;q=0, identity')).toBe('identity');
		expect(preferredCoding('deflate')).toBe('identity');
	});

	it('compares ETags weakly for revalidation', () => {
		expect(etagMatches('"a"', '"a"')).toBe(true);
		expect(etagMatches('W/"a"', '"a"')).toBe(true);
		expect(etagMatches('"a"', 'W/"a"')).toBe(true);
		expect(etagMatches('"b", W/"a"', '"a"')).toBe(true);
		expect(etagMatches('*', '"a"')).toBe(true);
		expect(etagMatches('"b"', '"a"')).toBe(false);
		expect(etagMatches(undefined, '"a"')).toBe(false);
	});
});
