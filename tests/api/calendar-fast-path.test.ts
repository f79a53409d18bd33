// The calendar's fast path (server/prisons/calendar-fast-path.ts) answers a cached calendar ahead of
// the router and the middleware chain. What it sends must be what the general pipeline sends for the
// same request: every header (security headers, HSTS behind an https proxy, caching, Vary), the same
// bytes in each coding, and the same 304.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenForCalendarChanges } from '../../server/prisons/calendar-changes';
import { createCalendarService } from '../../server/prisons/calendar';
import { calendarFastPath, calendarRequest } from '../../server/prisons/calendar-fast-path';
import { bumpCalendarVersion } from '../../server/prisons/repository';
import { silentLogger } from '../../server/log';
import { addDays, todayIn } from '../../src/lib/shared/rules/dates';
import { bookableDate, createPrison, startTestApi, type TestApi } from '../helpers/api';
import { listenOn } from '../helpers/test-database';

let api: TestApi;
let prisonId: string;
const from = todayIn('Europe/London', new Date());
const to = addDays(from, 27);

beforeAll(async () => {
	api = await startTestApi({ env: { TRUST_PROXY: '1' } });
	prisonId = await createPrison(api.db);
});
afterAll(async () => {
	await api?.close();
});

interface RawAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	/** As they went over the wire: names in their case, in their order. */
	rawHeaders: string[];
	body: Buffer;
}

/** node:http rather than fetch, which would decode the body and hide what went over the wire. */
function raw(path: string, headers: Record<string, string>): Promise<RawAnswer> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(`${api.url}${path}`, { headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				resolve({ status: res.statusCode!, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) })
			);
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

const withoutDate = ({ date: _date, connection: _c, 'keep-alive': _k, ...rest }: RawAnswer['headers']) => rest;

/** Every header line but the Date, as sent: the fast answer must be byte for byte the general one. */
const linesWithoutDate = (answer: RawAnswer) =>
	answer.rawHeaders.flatMap((value, i) => (i % 2 === 1 || /^date$/i.test(value) ? [] : [`${value}: ${answer.rawHeaders[i + 1]}`]));

function decoded(answer: RawAnswer): string {
	const coding = answer.headers['content-encoding'];
	if (coding === 'br') return brotliDecompressSync(answer.body).toString();
	if (coding === 'gzip') return gunzipSync(answer.body).toString();
	return answer.body.toString();
}

describe('a cached calendar answered ahead of the pipeline', () => {
	it('sends what the general pipeline sends, in every coding, for 200 and 304, over http and behind an https proxy', async () => {
		const plain = `/api/prisons/${prisonId}/slots?from=${from}&to=${to}`;
		// An extra parameter is the general pipeline's to judge (the schema ignores it): the same answer, the long way.
		const general = `${plain}&general=1`;
		const first = await raw(plain, {});
		expect(first.status).toBe(200);
		// Which door answered: the HTTP server asks the fast path first for every request.
		const fastPath = api.server.app.calendarFastPath;
		const node = fastPath.node;
		const answeredFast: string[] = [];
		fastPath.node = (incoming, outgoing) => {
			const answered = node(incoming, outgoing);
			if (answered) answeredFast.push(incoming.url!);
			return answered;
		};

		for (const acceptEncoding of ['', 'gzip, deflate', 'gzip, deflate, br, zstd']) {
			for (const proxied of [{}, { 'X-Forwarded-Proto': 'https' }] as Record<string, string>[]) {
				const headers = { ...(acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {}), ...proxied };
				const fast = await raw(plain, headers);
				const slow = await raw(general, headers);
				expect(fast.status).toBe(200);
				expect(withoutDate(fast.headers)).toEqual(withoutDate(slow.headers));
				expect(linesWithoutDate(fast)).toEqual(linesWithoutDate(slow));
				expect(fast.body.equals(slow.body)).toBe(true);
				expect(JSON.parse(decoded(fast)).days).toHaveLength(28);
				expect(fast.headers['content-security-policy']).toContain("default-src 'none'");
				expect(fast.headers['x-content-type-options']).toBe('nosniff');
				expect(fast.headers.vary).toBe('Accept-Encoding');
				expect(fast.headers['strict-transport-security'] !== undefined).toBe('X-Forwarded-Proto' in proxied);
				expect(fast.headers['content-encoding']).toBe(acceptEncoding.includes('br') ? 'br' : acceptEncoding ? 'gzip' : undefined);

				const etag = fast.headers.etag as string;
				const fast304 = await raw(plain, { ...headers, 'If-None-Match': etag });
				const slow304 = await raw(general, { ...headers, 'If-None-Match': etag });
				expect(fast304.status).toBe(304);
				expect(fast304.body.byteLength).toBe(0);
				expect(withoutDate(fast304.headers)).toEqual(withoutDate(slow304.headers));
				expect(linesWithoutDate(fast304)).toEqual(linesWithoutDate(slow304));
			}
		}
		fastPath.node = node;
		expect(answeredFast).toEqual(Array(12).fill(plain));
	});

	it('answers a revalidation with either form of the ETag (weak comparison), and 200 for another', async () => {
		const plain = `/api/prisons/${prisonId}/slots?from=${from}&to=${to}`;
		const identity = await raw(plain, {});
		const strong = identity.headers.etag as string;
		expect(strong).toMatch(/^"/);
		const compressed = await raw(plain, { 'Accept-Encoding': 'br' });
		expect(compressed.headers.etag).toBe(`W/${strong}`);
		expect((await raw(plain, { 'If-None-Match': `W/${strong}` })).status).toBe(304);
		expect((await raw(plain, { 'Accept-Encoding': 'br', 'If-None-Match': strong })).status).toBe(304);
		expect((await raw(plain, { 'If-None-Match': `"other", ${strong}` })).status).toBe(304);
		expect((await raw(plain, { 'If-None-Match': '"other"' })).status).toBe(200);
	});

	it('answers only what the cache holds as it is, and nothing once a change is heard', async () => {
		const connection = await listenOn(api.database);
		const changes = await listenForCalendarChanges(connection);
		try {
			const calendars = createCalendarService(api.db, changes);
			const fast = calendarFastPath({ calendars, clock: () => new Date(), logger: silentLogger(), origin: {} });
			const url = `http://127.0.0.1/api/prisons/${prisonId}/slots?from=${from}&to=${to}`;
			expect(fast.fetch(new Request(url))).toBeUndefined();
			await calendars.get(prisonId, from, to, new Date());
			const answer = fast.fetch(new Request(url));
			expect(answer?.status).toBe(200);
			expect(JSON.parse(await answer!.text()).days).toHaveLength(28);
			expect(fast.fetch(new Request(url, { method: 'HEAD' }))).toBeUndefined();
			expect(fast.fetch(new Request(`${url}&x=1`))).toBeUndefined();
			expect(fast.fetch(new Request(url.replace(`from=${from}`, `from=${from.replace('-', '%2D')}`)))).toBeUndefined();
			expect(fast.fetch(new Request(`http://127.0.0.1/api/prisons/${prisonId}/slots?from=${from}&to=${addDays(to, -1)}`))).toBeUndefined();

			await api.db.transaction().execute(async (trx) => {
				await sql`insert into slot_usage (prison_id, date, start_time, booked) values (${prisonId}, ${bookableDate(3)}, '14:00', 1)
					on conflict (prison_id, date, start_time) do update set booked = slot_usage.booked + 1`.execute(trx);
				await bumpCalendarVersion(trx, prisonId);
			});
			const deadline = Date.now() + 5_000;
			while (fast.fetch(new Request(url)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
			expect(fast.fetch(new Request(url))).toBeUndefined();
		} finally {
			await changes.stop();
			await connection.close();
		}
	});

	it('at the HTTP server, answers only a plain GET with one well-formed Host, with HSTS by the public origin', async () => {
		const real = createCalendarService(api.db);
		// get() answers with the cache entry itself.
		const cached = (await real.get(prisonId, from, to, new Date())) as ReturnType<typeof real.peek>;
		// Held as if no change had been heard since (the test before this one covers when peek answers).
		const calendars = {
			...real,
			peek: (id: string, f: string, t: string) => (id === prisonId && f === from && t === to ? cached : undefined)
		};
		const answered: boolean[] = [];
		let origin: { publicUrl?: string } = {};
		const server = createServer((incoming, outgoing) => {
			const fast = calendarFastPath({ calendars, clock: () => new Date(), logger: silentLogger(), origin });
			answered.push(fast.node(incoming, outgoing));
			if (!answered.at(-1)) outgoing.writeHead(599).end();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		const send = (path: string, headers: Record<string, string | string[]> = {}, method = 'GET') =>
			new Promise<RawAnswer>((resolve, reject) => {
				// Raw header lines (and our own Host), so a test may send a line twice.
				const lines = Object.entries({ Host: `127.0.0.1:${port}`, ...headers }).flatMap(([name, value]) =>
					(Array.isArray(value) ? value : [value]).flatMap((one) => [name, one])
				);
				const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: lines, setHost: false }, (res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('end', () =>
						resolve({ status: res.statusCode!, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) })
					);
				});
				req.on('error', reject);
				req.end();
			});
		try {
			const plain = `/api/prisons/${prisonId}/slots?from=${from}&to=${to}`;
			const ok = await send(plain);
			expect(ok.status).toBe(200);
			expect(JSON.parse(ok.body.toString()).days).toHaveLength(28);
			expect(ok.headers['strict-transport-security']).toBeUndefined();
			expect((await send(`/api/prisons/${prisonId}/slots?to=${to}&from=${from}`)).status).toBe(200);
			const etag = ok.headers.etag as string;
			// Repeated If-None-Match lines are one list, as Node joins them.
			expect((await send(plain, { 'If-None-Match': ['"other"', etag] })).status).toBe(304);
			expect((await send(plain, { 'If-None-Match': '"other"' })).status).toBe(200);

			const before = answered.length;
			for (const [path, headers, method] of [
				[plain, {}, 'HEAD'],
				[plain, { Host: 'Upper.Example' }],
				[plain, { Host: ['a.example', 'b.example'] }],
				[`${plain}&x=1`, {}],
				[plain.replace('/slots?', '/slots/?'), {}],
				[plain.replace(`from=${from}`, `from=${from.replace('-', '%2D')}`).slice(0, -2), {}],
				[plain.replace(prisonId, prisonId.replace('-', '.')), {}],
				[plain.replace(`to=${to}`, `to=${to.replace('-', '/')}`), {}]
			] as [string, Record<string, string | string[]>, string?][]) {
				expect((await send(path, headers, method)).status, `${method ?? 'GET'} ${path} ${JSON.stringify(headers)}`).toBe(599);
			}
			expect(answered.slice(before).every((yes) => !yes)).toBe(true);

			origin = { publicUrl: 'https://visits.example' };
			expect((await send(plain)).headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('reads only the plain form of the URL', () => {
		const id = '5b0f7c1e-0000-4000-8000-000000000000';
		expect(calendarRequest(`http://h/api/prisons/${id}/slots?from=2026-03-01&to=2026-03-28`)).toEqual({
			prisonId: id,
			from: '2026-03-01',
			to: '2026-03-28'
		});
		expect(calendarRequest(`http://h/api/prisons/${id}/slots?to=2026-03-28&from=2026-03-01`)).toEqual({
			prisonId: id,
			from: '2026-03-01',
			to: '2026-03-28'
		});
		for (const odd of [
			`http://h/api/prisons/${id}/slots/?from=2026-03-01&to=2026-03-28`,
			`http://h/api/prisons/${id}/slots?from=2026-03-01&from=2026-03-02`,
			`http://h/api/prisons/${id}/slots?from=2026-03-01`,
			`http://h/api/prisons/${id}/slots?from=2026-03-01&to=2026-03-28&to=2026-03-29`,
			`http://h/api/prisons/x/${id.slice(2)}/slots?from=2026-03-01&to=2026-03-28`,
			`http://h/api/prisons/${id}/slots?from=2026-3-1&to=2026-03-28`,
			`http://h/api/prisons/${id}/slots`
		]) {
			expect(calendarRequest(odd), odd).toBeUndefined();
		}
	});
});
