// The per-prison limit lets in at once as many new requests as the prison's booking window has
// places (a booking window opening, a network coming back), then holds the rest to the per-minute
// rate. Real database; the clock stands still so nothing refills meanwhile.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
	aVisitRequest,
	bookableDate,
	call,
	createPrison,
	newDeviceSecret,
	ONE_WEEK_WINDOW,
	startTestApi,
	type TestApi
} from '../helpers/api';

let api: TestApi;
const now = new Date();

beforeAll(async () => {
	api = await startTestApi({ env: { NEW_REQUESTS_PER_PRISON_PER_MINUTE: '3' }, clock: () => now });
}, 120_000);

afterAll(async () => {
	await api?.close();
});

it('takes a whole window’s places at once, then the per-minute rate', async () => {
	// Two places every day for a week: 14 in the window, more than the 3 a minute.
	const prison = await createPrison(api.db, {
		...ONE_WEEK_WINDOW,
		timetable: Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, start: '14:00', end: '16:00', capacity: 2 }))
	});
	const bodies = Array.from({ length: 16 }, (_, i) =>
		aVisitRequest(prison, { slots: [{ date: bookableDate(1 + (i % 7), now), start: '14:00' }] })
	);
	const answers = await Promise.all(bodies.map((body) => call(api, 'POST', '/api/visit-requests', { body, bearer: newDeviceSecret() })));
	const statuses = answers.map((answer) => answer.status);
	expect(statuses.filter((status) => status === 201)).toHaveLength(14);
	expect(statuses.filter((status) => status === 429)).toHaveLength(2);
	// The next token comes back at the per-minute rate: one every 20 s.
	const refused = answers.find((answer) => answer.status === 429)!;
	expect(Number(refused.headers.get('retry-after'))).toBe(20);
}, 120_000);
