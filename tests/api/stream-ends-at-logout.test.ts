// Issue #11: a staff event stream ends the moment its session signs out, not at the next keep-alive.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, createPrison, createStaff, signIn, startTestApi, type TestApi } from '../helpers/api';
import { openEventStream } from '../helpers/event-stream';

let api: TestApi;
let prisonId: string;

beforeAll(async () => {
	// A keep-alive far longer than the test waits: only the sign-out itself can end the stream in time.
	api = await startTestApi({ env: { STAFF_EVENTS_KEEPALIVE_SECONDS: '60' } });
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
		let ended = false;
		void stream.ended.then(() => (ended = true));

		const started = Date.now();
		expect((await call(api, 'POST', '/api/staff/logout', { cookie: leaving })).status).toBe(200);
		const outcome = await Promise.race([
			stream.ended.then(() => 'ended'),
			new Promise((resolve) => setTimeout(() => resolve('still open'), 2_000))
		]);
		expect(outcome).toBe('ended');
		expect(ended).toBe(true);
		expect(Date.now() - started).toBeLessThan(2_000);

		// The same officer's other session keeps its stream.
		const otherOutcome = await Promise.race([
			other.ended.then(() => 'ended'),
			new Promise((resolve) => setTimeout(() => resolve('still open'), 300))
		]);
		expect(otherOutcome).toBe('still open');
	} finally {
		stream.close();
		other.close();
	}
});
