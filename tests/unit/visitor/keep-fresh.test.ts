// The visitor's saved prison list and calendars, kept fresh in the background: an answer the
// service worker took from its cache (the network not usable yet the moment `online` fires) is a
// copy, not a refresh, so the round is tried again until the server itself answers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchCalendar, fetchPrisons, SERVED_FROM_CACHE_HEADER } from '../../../src/lib/client/cached-reads';
import type { BookAPrisonVisitDb } from '../../../src/lib/client/db';
import { keepVisitorDataFresh, refreshVisitorData } from '../../../src/lib/visitor/keep-fresh';
import { bookingWindow } from '../../../src/lib/shared/rules/booking-window';
import { prisonFromRow } from '../../../src/lib/visitor/prison';
import { fakeBrowserStorage, PRISON_ID } from '../../helpers/device-db';
import { waitUntil } from '../../helpers/wait-until';

const NOW = new Date('2030-01-07T10:00:00Z');
const SLOTS = `/api/prisons/${PRISON_ID}/slots`;
const prison = { id: PRISON_ID, name: 'HMP Fresh', code: 'FRS', timeZone: 'Europe/London', onlineBooking: true };
const window = bookingWindow(prisonFromRow({ ...prison, fetchedAt: 0 } as never), NOW);

/** What the server, or the service worker's cache, answers: the calendar says which copy it is. */
function answer(path: string, server: { version: string }, fromWorkerCache: boolean): Response {
	const headers = new Headers({ 'content-type': 'application/json', date: new Date(NOW.getTime() - 3_600_000).toUTCString() });
	if (fromWorkerCache) headers.set(SERVED_FROM_CACHE_HEADER, '1');
	const version = fromWorkerCache ? 'cached' : server.version;
	if (path === '/api/prisons') return new Response(JSON.stringify({ prisons: [{ ...prison, name: `HMP Fresh ${version}` }] }), { headers });
	return new Response(JSON.stringify({ prisonId: PRISON_ID, from: window.from, to: window.to, days: [{ date: window.from, version }] }), {
		headers
	});
}

let db: BookAPrisonVisitDb;
/** Paths the worker answers from its cache, once each, before the network is usable. */
let fromWorkerCache: string[];
let server: { version: string };
let asked: string[];

beforeEach(async () => {
	vi.stubGlobal('addEventListener', () => {});
	vi.stubGlobal('removeEventListener', () => {});
	vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
	db = fakeBrowserStorage().open();
	fromWorkerCache = [];
	server = { version: 'first' };
	asked = [];
	vi.stubGlobal(
		'fetch',
		vi.fn(async (input: string) => {
			const path = new URL(input, 'https://visits.example').pathname;
			asked.push(path);
			const cached = fromWorkerCache.indexOf(path);
			if (cached >= 0) fromWorkerCache.splice(cached, 1);
			return answer(path, server, cached >= 0);
		})
	);
	// The phone had the list and this prison's calendar from an earlier visit.
	await fetchPrisons(db);
	await fetchCalendar(db, PRISON_ID, window.from, window.to);
	asked = [];
});

afterEach(() => {
	vi.unstubAllGlobals();
	db.close();
});

const savedName = async () => (await db.prisons.get(PRISON_ID))?.name;
const savedDay = async () => ((await db.calendars.toArray())[0]?.response.days[0] as { version?: string } | undefined)?.version;

describe('an answer from the service worker cache', () => {
	it('is a copy, not a refresh: the saved list and calendar keep their time and say so', async () => {
		const before = await db.prisons.get(PRISON_ID);
		fromWorkerCache = ['/api/prisons', SLOTS];
		const prisons = await fetchPrisons(db);
		expect(prisons).toMatchObject({ source: 'cache', failure: { status: 0 } });
		expect(await db.prisons.get(PRISON_ID)).toEqual(before);
		const calendar = await fetchCalendar(db, PRISON_ID, window.from, window.to);
		expect(calendar).toMatchObject({ source: 'cache', failure: { status: 0 } });
		expect(await savedDay()).toBe('first');
	});

	it('fills an empty device, dated by the Date the server sent, and still asks again', async () => {
		const empty = fakeBrowserStorage().open('empty');
		fromWorkerCache = ['/api/prisons'];
		const prisons = await fetchPrisons(empty, { now: () => NOW.getTime() });
		expect(prisons).toMatchObject({ source: 'cache', failure: { status: 0 } });
		expect((await empty.prisons.get(PRISON_ID))?.fetchedAt).toBe(NOW.getTime() - 3_600_000);
		empty.close();
	});
});

describe('keeping the visitor data fresh', () => {
	// Real timers with short retry delays: the device database answers on its own turns.
	const fresh = () => waitUntil(async () => (await savedDay()) === 'second', 'the calendar fetched from the server');

	it('tries a round again while the worker answers from its cache, until the server answers', async () => {
		server.version = 'second';
		// Signal back: the first two rounds reach only the worker's cache.
		fromWorkerCache = ['/api/prisons', '/api/prisons'];
		const stop = keepVisitorDataFresh(db, { everyMs: 600_000, retryDelaysMs: [10, 10, 10, 10], now: () => NOW });
		await fresh();
		stop();
		// Two rounds stopped at the list; the third fetched the list and the calendar.
		expect(asked).toEqual(['/api/prisons', '/api/prisons', '/api/prisons', SLOTS]);
		expect(await savedName()).toBe('HMP Fresh second');
	});

	it('tries again when only the calendar came from the cache', async () => {
		server.version = 'second';
		fromWorkerCache = [SLOTS];
		const stop = keepVisitorDataFresh(db, { everyMs: 600_000, retryDelaysMs: [10], now: () => NOW });
		await fresh();
		stop();
		expect(asked).toEqual(['/api/prisons', SLOTS, '/api/prisons', SLOTS]);
	});

	it('says a round that reached the server is a refresh', async () => {
		server.version = 'second';
		expect(await refreshVisitorData(db, () => NOW)).toEqual({ prisons: true, calendars: 1 });
		fromWorkerCache = ['/api/prisons'];
		expect(await refreshVisitorData(db, () => NOW)).toMatchObject({ prisons: false, calendars: 0, failure: { status: 0 } });
	});
});
