import { afterEach, describe, expect, it } from 'vitest';
import { callApi, params, sendStored, type FetchLike } from '../../src/lib/client/api';
import { fetchCalendar } from '../../src/lib/client/cached-reads';
import { isApiFailure } from '../../src/lib/client/api-result';
import { commands } from '../../src/lib/client/commands';
import type { BookAPrisonVisitDb } from '../../src/lib/client/db';
import { getDeviceSecret } from '../../src/lib/client/device';
import { fakeBrowserStorage, PRISON_ID } from '../helpers/device-db';

const REQUEST_ID = '3f2b9c1e-7a4d-4c8e-9b1f-2d3e4f5a6b7c';
let db: BookAPrisonVisitDb;
afterEach(() => db?.close());

const calendar = (available: number) => ({
	prisonId: PRISON_ID,
	generatedAt: '2030-01-01T10:00:00Z',
	window: { from: '2030-01-04', to: '2030-01-29' },
	days: [
		{
			date: '2030-01-12',
			slots: [{ start: '14:00', end: '16:00', capacity: 20, booked: 20 - available, available, bookable: available > 0 }]
		}
	]
});

/** A calendar endpoint with ETags; `offline` makes every call fail like a dropped connection. */
function calendarServer() {
	let version = 1;
	const state = { offline: false, seen: [] as (string | null)[] };
	const fetch: FetchLike = async (_url, init) => {
		if (state.offline) throw new TypeError('fetch failed');
		const sent = new Headers(init?.headers).get('if-none-match');
		state.seen.push(sent);
		const etag = `"v${version}"`;
		if (sent === etag) return new Response(null, { status: 304, headers: { etag } });
		return new Response(JSON.stringify(calendar(20 - version)), { status: 200, headers: { etag, 'content-type': 'application/json' } });
	};
	return { fetch, state, bump: () => (version += 1) };
}

describe('calendar reads', () => {
	it('keeps the ETag, answers 304 from the cache, and fetches again when the calendar changed', async () => {
		db = fakeBrowserStorage().open();
		const server = calendarServer();
		let clock = 1_000;
		const read = () => fetchCalendar(db, PRISON_ID, '2030-01-04', '2030-01-29', { fetch: server.fetch, now: () => clock });

		expect(await read()).toMatchObject({ source: 'network', etag: '"v1"', fetchedAt: 1_000 });
		clock = 2_000;
		expect(await read()).toMatchObject({ source: 'not-modified', fetchedAt: 2_000, response: calendar(19) });
		server.bump();
		expect(await read()).toMatchObject({ source: 'network', etag: '"v2"', response: calendar(18) });
		expect(server.state.seen).toEqual([null, '"v1"', '"v1"']);
	});

	it('offline, shows the cached calendar with the time it was fetched', async () => {
		db = fakeBrowserStorage().open();
		const server = calendarServer();
		await fetchCalendar(db, PRISON_ID, '2030-01-04', '2030-01-29', { fetch: server.fetch, now: () => 1_000 });
		server.state.offline = true;

		const offline = await fetchCalendar(db, PRISON_ID, '2030-01-04', '2030-01-29', { fetch: server.fetch, now: () => 9_000 });

		expect(offline).toMatchObject({ source: 'cache', fetchedAt: 1_000, failure: { status: 0, code: 'network' } });
	});

	it('offline with nothing cached, is a network failure', async () => {
		db = fakeBrowserStorage().open();
		const server = calendarServer();
		server.state.offline = true;

		const result = await fetchCalendar(db, PRISON_ID, '2030-01-04', '2030-01-29', { fetch: server.fetch });

		expect(isApiFailure(result) && result.status).toBe(0);
	});
});

describe('requests to the API', () => {
	it('turns the contract error body into a typed failure', async () => {
		const fetch: FetchLike = async () =>
			new Response(
				JSON.stringify({ error: { code: 'invalid', message: 'Check the form', fields: { 'visitors.0.email': 'Enter an email' } } }),
				{
					status: 400
				}
			);
		const result = await callApi((api) => api.staff.login.$post({ json: { email: 'a@b.example', password: 'x' } }), { fetch });

		expect(result).toMatchObject({
			ok: false,
			status: 400,
			code: 'invalid',
			message: 'Check the form',
			fields: { 'visitors.0.email': 'Enter an email' }
		});
	});

	it('sends the device bearer for device calls and cookies only for staff calls', async () => {
		db = fakeBrowserStorage().open();
		const seen: RequestInit[] = [];
		const fetch: FetchLike = async (_url, init) => {
			seen.push(init ?? {});
			return new Response('[]', { status: 200 });
		};
		await callApi((api) => api['visit-requests'].$get(), { fetch, auth: 'device', db });
		await callApi((api) => api.staff.me.$get(), { fetch, auth: 'staff' });

		expect(new Headers(seen[0]?.headers).get('authorization')).toBe(`Bearer ${await getDeviceSecret(db)}`);
		expect(seen[0]?.credentials).toBe('omit');
		expect(new Headers(seen[1]?.headers).get('authorization')).toBeNull();
		expect(seen[1]?.credentials).toBe('same-origin');
	});

	it('never sends anything outside /api', async () => {
		const fetch: FetchLike = async () => new Response('{}', { status: 200 });
		await expect(sendStored({ method: 'POST', path: 'https://elsewhere.example/api/x' }, { fetch })).rejects.toThrow(/Not an API path/);
		await expect(sendStored({ method: 'POST', path: '/elsewhere' }, { fetch })).rejects.toThrow(/Not an API path/);
	});

	it('is a failure with status 0 when no answer comes back, and reads Retry-After', async () => {
		const offline: FetchLike = async () => {
			throw new TypeError('fetch failed');
		};
		expect(await callApi((api) => api.staff.me.$get(), { fetch: offline })).toMatchObject({ ok: false, status: 0, code: 'network' });
		expect(await sendStored(commands.withdraw(REQUEST_ID), { fetch: offline, deviceSecret: 'secret', auth: 'device' })).toMatchObject({
			ok: false,
			status: 0
		});
		const busy: FetchLike = async () => new Response('', { status: 503, headers: { 'retry-after': '7' } });
		expect(await callApi((api) => api.prisons.$get(), { fetch: busy })).toMatchObject({ ok: false, status: 503, retryAfterMs: 7_000 });
	});

	it('gives up after the timeout with a network failure', async () => {
		const hanging: FetchLike = (_url, init) =>
			new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
		expect(await callApi((api) => api.prisons.$get(), { fetch: hanging, timeoutMs: 20 })).toMatchObject({ ok: false, status: 0 });
	});

	it('sends the path, method and JSON body the typed client builds', async () => {
		const seen: { url: string; init: RequestInit }[] = [];
		const fetch: FetchLike = async (url, init) => {
			seen.push({ url, init: init ?? {} });
			return new Response(JSON.stringify({ prisonId: PRISON_ID, slots: [] }), { status: 200 });
		};
		const slot = { date: '2030-01-12', start: '14:00' };
		await callApi((api) => api.staff.requests[':id'].confirm.$post({ param: params({ id: 'a/b' }), json: { slot } }), {
			fetch,
			baseUrl: 'http://x.test'
		});
		await sendStored(commands.confirm(REQUEST_ID, { slot }), { fetch, auth: 'staff' });

		expect(seen[0]).toMatchObject({
			url: 'http://x.test/api/staff/requests/a%2Fb/confirm',
			init: { method: 'POST', body: JSON.stringify({ slot }) }
		});
		expect(new Headers(seen[0]?.init.headers).get('content-type')).toBe('application/json');
		expect(seen[1]).toMatchObject({
			url: `/api/staff/requests/${REQUEST_ID}/confirm`,
			init: { method: 'POST', body: JSON.stringify({ slot }) }
		});
	});
});
