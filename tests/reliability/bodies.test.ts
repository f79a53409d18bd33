// Bodies a real client would never send, over raw sockets: too big, never ending, or trickling in.
// The server must answer 413 without reading a big body whole, and cut off a client that stops
// sending (408), instead of holding the connection and its handler for minutes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_API_BODY_BYTES } from '../../server/http/body-limit';
import { newDeviceSecret, startTestApi, type TestApi } from '../helpers/api';
import { openRaw, sleep, type RawConnection } from '../helpers/raw-socket';

// Short so the test is quick; the default is 30 s (server/http/timeouts.ts).
const REQUEST_TIMEOUT_SECONDS = 2;
// Generous bounds for a loaded machine: far below Node's own 5-minute default, far above the limit.
const CUT_OFF_WITHIN_MS = 20_000;
/** How much an endless body may send before the test gives up on the server ever stopping it. */
const ENDLESS_CAP_BYTES = 256 * 1024 * 1024;

let api: TestApi;
const phone = newDeviceSecret();
const open: RawConnection[] = [];

beforeAll(async () => {
	api = await startTestApi({ env: { REQUEST_TIMEOUT_SECONDS: String(REQUEST_TIMEOUT_SECONDS) } });
});
afterAll(async () => {
	for (const connection of open) connection.destroy();
	await api?.close();
});

async function connection(): Promise<RawConnection> {
	const raw = await openRaw(api.server.port);
	open.push(raw);
	return raw;
}

const head = (lines: string[]) =>
	[
		'POST /api/visit-requests HTTP/1.1',
		'Host: 127.0.0.1',
		`Authorization: Bearer ${phone}`,
		'Content-Type: application/json',
		...lines,
		'',
		''
	].join('\r\n');

const chunk = (data: Buffer | string) => {
	const bytes = typeof data === 'string' ? Buffer.from(data) : data;
	return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]);
};

describe('a body over the size limit', () => {
	it('is refused with 413 from its Content-Length alone, before any of it is sent', async () => {
		const raw = await connection();
		await raw.write(head([`Content-Length: ${100 * 1024 * 1024}`]));
		const answer = await raw.waitForResponse(/\r\n\r\n[\s\S]*\}/, CUT_OFF_WITHIN_MS);
		expect(answer).toMatch(/^HTTP\/1\.1 413 /);
		expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
			error: { code: 'payload_too_large', message: expect.any(String) }
		});
		// Not a byte of the 100 MB went out, and the server does not wait for them.
		await raw.closed(CUT_OFF_WITHIN_MS);
	});

	it('sent chunked without end, gets 413 once past the limit and the connection is cut', async () => {
		const raw = await connection();
		await raw.write(head(['Transfer-Encoding: chunked']));
		const piece = chunk(Buffer.alloc(16 * 1024, 'x'));
		let writtenAtAnswer = -1;
		const answered = raw.waitForResponse(/^HTTP\/1\.1 \d{3} /, CUT_OFF_WITHIN_MS).then((text) => {
			writtenAtAnswer = raw.written;
			return text;
		});
		answered.catch(() => {});
		// Keep sending until the server stops taking it (the body never ends from this side).
		while (raw.written < ENDLESS_CAP_BYTES && (await raw.write(piece))) {
			// Yield so the answer can be seen while the writes keep going.
			if (raw.written % (1024 * 1024) < piece.length) await sleep(0);
		}
		expect(await answered).toMatch(/^HTTP\/1\.1 413 /);
		await raw.closed(CUT_OFF_WITHIN_MS);
		// The server answered after reading only a little more than the limit (the rest of what
		// was written sat in socket buffers), and stopped the body long before the cap.
		expect(writtenAtAnswer).toBeGreaterThan(MAX_API_BODY_BYTES);
		expect(writtenAtAnswer).toBeLessThan(32 * 1024 * 1024);
		expect(raw.written).toBeLessThan(ENDLESS_CAP_BYTES);
	}, 60_000);
});

describe('a client that stops sending', () => {
	it('with a body that stops halfway gets 408 and the connection is closed', async () => {
		const raw = await connection();
		await raw.write(head(['Content-Length: 1000']) + '{"id": "');
		const answer = await raw.waitForResponse(/^HTTP\/1\.1 \d{3} /, CUT_OFF_WITHIN_MS);
		expect(answer).toMatch(/^HTTP\/1\.1 408 /);
		await raw.closed(CUT_OFF_WITHIN_MS);
	});

	it('with an endless trickle of a body is cut off', async () => {
		const raw = await connection();
		await raw.write(head(['Transfer-Encoding: chunked']) + chunk('{"id": "'));
		const started = Date.now();
		let still = true;
		const closed = raw.closed(CUT_OFF_WITHIN_MS).finally(() => (still = false));
		// A byte every 100 ms: never idle long enough for an idle timeout, never finishing either.
		while (still && Date.now() - started < CUT_OFF_WITHIN_MS) {
			await raw.write(chunk('x'));
			await sleep(100);
		}
		await closed;
		expect(raw.received()).toMatch(/^(HTTP\/1\.1 408 |$)/);
	}, 30_000);

	it('with headers that never finish is cut off', async () => {
		const raw = await connection();
		await raw.write('POST /api/visit-requests HTTP/1.1\r\nHost: 127.0.0.1\r\n');
		const started = Date.now();
		let still = true;
		const closed = raw.closed(CUT_OFF_WITHIN_MS).finally(() => (still = false));
		for (let n = 0; still && Date.now() - started < CUT_OFF_WITHIN_MS; n += 1) {
			await raw.write(`X-Slow-${n}: 1\r\n`);
			await sleep(200);
		}
		await closed;
		expect(raw.received()).toMatch(/^(HTTP\/1\.1 408 |$)/);
	}, 30_000);

	it('does not stop the server answering everyone else', async () => {
		const response = await fetch(`${api.url}/api/health`);
		expect(response.status).toBe(200);
	});
});

describe('an idle keep-alive connection', () => {
	it('is left for the client to close: the server says it keeps it 65 s, and serves the next request on it after the request limit has passed', async () => {
		const raw = await connection();
		const get = 'GET /api/prisons HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
		await raw.write(get);
		const first = await raw.waitForResponse(/\r\n\r\n[\s\S]*\]/, CUT_OFF_WITHIN_MS);
		expect(first).toMatch(/^HTTP\/1\.1 200 /);
		// A server that closed first would race the client's next request on this connection (a reset).
		expect(first).toMatch(/\r\nKeep-Alive: timeout=65\r\n/i);
		// Idle for longer than a whole request may take: that limit is for requests, not for waiting.
		await sleep((REQUEST_TIMEOUT_SECONDS + 1) * 1000);
		await raw.write(get);
		const both = await raw.waitForResponse(/HTTP\/1\.1 200 [\s\S]*HTTP\/1\.1 200 [\s\S]*\r\n\r\n[\s\S]*\]/, CUT_OFF_WITHIN_MS);
		expect(both.match(/HTTP\/1\.1 200 /g)).toHaveLength(2);
	});
});
