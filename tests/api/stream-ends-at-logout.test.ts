// A staff event stream ends the moment its session signs out, not at the next keep-alive.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { aVisitRequest, call, createPrison, createStaff, newDeviceSecret, signIn, startTestApi, type TestApi } from '../helpers/api';
import { openEventStream } from '../helpers/event-stream';

let api: TestApi;
let prisonId: string;

beforeAll(async () => {
	// The longest keep-alive, far longer than the test may take: only the sign-out itself can end the stream.
	api = await startTestApi({ env: { STAFF_EVENTS_KEEPALIVE_SECONDS: '300' } });
	prisonId = await createPrison(api.db);
});
afterAll(async () => {
	await api?.close();
});

it('ends an open staff event stream at once when its session logs out, and leaves other sessions’ streams open', async () => {
	const officer = await createStaff(api.db, { prisonIds: [prisonId] });
	const leaving = await signIn(api, officer);
	const staying = await signIn(api, officer);
	const stream = await openEventStream(`${api.url}/api/staff/events`, { cookie: leaving });
	const other = await openEventStream(`${api.url}/api/staff/events`, { cookie: staying });
	try {
		await stream.next((event) => event.event === 'ready', 'the ready event');
		await other.next((event) => event.event === 'ready', 'the ready event');
		expect((await call(api, 'POST', '/api/staff/logout', { cookie: leaving })).status).toBe(200);
		// Ends long before the next keep-alive (or the test's own time limit fails it).
		await stream.ended;

		// The same officer's other session keeps its stream: it hears the next new request.
		const request = aVisitRequest(prisonId);
		expect((await call(api, 'POST', '/api/visit-requests', { bearer: newDeviceSecret(), body: request })).status).toBe(201);
		await other.next((event) => event.event === 'request.created', 'the new request on the other stream');
	} finally {
		stream.close();
		other.close();
	}
});
