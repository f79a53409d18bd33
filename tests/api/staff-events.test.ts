// Staff live updates: an officer's open event stream hears about new requests and decisions for
// their own prison, whichever officer acted and through whichever server process.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { aVisitRequest, call, createPrison, createStaff, newDeviceSecret, signIn, startTestApi, type TestApi } from '../helpers/api';
import { dataOf, openEventStream, type EventStream, type ReceivedEvent } from '../helpers/event-stream';

let api: TestApi;
/** A second server process on the same database, as a second instance behind a load balancer would be. */
let other: RunningServer;
let prisonA: string;
let prisonB: string;
let officer: string;
let colleagueOnOtherServer: string;
let stream: EventStream;
const phone = newDeviceSecret();

beforeAll(async () => {
	// Keep-alives every second, so a stream outliving its session ends within the test.
	api = await startTestApi({ env: { STAFF_EVENTS_KEEPALIVE_SECONDS: '1' } });
	other = await startServer({ config: loadConfig({ PORT: '0', HOST: '127.0.0.1', SEED: 'none', LOG_LEVEL: 'silent' }), db: api.database });
	prisonA = await createPrison(api.db);
	prisonB = await createPrison(api.db);
	officer = await signIn(api, await createStaff(api.db, { prisonIds: [prisonA], name: 'Sam Officer' }));
	colleagueOnOtherServer = await signIn(other, await createStaff(api.db, { prisonIds: [prisonA], name: 'Jo Colleague' }));
	stream = await openEventStream(`${api.url}/api/staff/events`, { cookie: officer });
	await stream.next((event) => event.event === 'ready', 'the ready event');
});
afterAll(async () => {
	stream?.close();
	await other?.close();
	await api?.close();
});

const about = (name: string, requestId: string) => (event: ReceivedEvent) => event.event === name && dataOf(event).requestId === requestId;

async function submit(prisonId: string): Promise<{ id: string; slots: { date: string; start: string }[] }> {
	const response = await call(api, 'POST', '/api/visit-requests', { body: aVisitRequest(prisonId), bearer: phone });
	expect(response.status).toBe(201);
	return response.body;
}

it("announces a new request for the officer's prison, and nothing about other prisons", async () => {
	const elsewhere = await submit(prisonB);
	const mine = await submit(prisonA);
	const event = await stream.next(about('request.created', mine.id), 'the new request');
	// Only ids: the page fetches the details through the scoped API.
	expect(JSON.parse(event.data)).toEqual({ prisonId: prisonA, requestId: mine.id });
	expect(stream.received.some((e) => e.data.includes(elsewhere.id))).toBe(false);
});

it('announces a colleague’s decision taken through another server process', async () => {
	const request = await submit(prisonA);
	await stream.next(about('request.created', request.id), 'the new request');
	const confirmed = await call(other, 'POST', `/api/staff/requests/${request.id}/confirm`, {
		cookie: colleagueOnOtherServer,
		body: { slot: request.slots[0] }
	});
	expect(confirmed.status).toBe(200);
	await stream.next(about('request.changed', request.id), 'the decision');
});

it('announces a timetable change, so calendars are fetched again', async () => {
	const put = await call(other, 'PUT', `/api/staff/prisons/${prisonA}/timetable`, {
		cookie: colleagueOnOtherServer,
		body: { slots: [{ weekday: 6, start: '14:00', end: '16:00', capacity: 10 }] }
	});
	expect(put.status).toBe(200);
	await stream.next((event) => event.event === 'calendar.changed' && dataOf(event).prisonId === prisonA, 'the calendar change');
});

it('refuses a stream without a staff session, or for another prison', async () => {
	const visitor = await openEventStream(`${api.url}/api/staff/events`, { bearer: phone });
	const foreign = await openEventStream(`${api.url}/api/staff/events?prisonId=${prisonB}`, { cookie: officer });
	expect([visitor.status, foreign.status]).toEqual([401, 403]);
});

it('ends a stream once its session has signed out', async () => {
	const session = await signIn(api, await createStaff(api.db, { prisonIds: [prisonA] }));
	const ending = await openEventStream(`${api.url}/api/staff/events`, { cookie: session });
	await ending.next((event) => event.event === 'ready', 'the ready event');
	expect((await call(api, 'POST', '/api/staff/logout', { cookie: session })).status).toBe(200);
	await ending.ended;
	expect(ending.received.map((event) => event.event)).toEqual(['ready']);
});

it('ends open streams when the server stops', async () => {
	const colleague = await openEventStream(`${other.url}/api/staff/events`, { cookie: colleagueOnOtherServer });
	await colleague.next((event) => event.event === 'ready', 'the ready event');
	const stopping = other.close();
	await colleague.ended;
	await stopping;
});
