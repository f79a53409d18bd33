// An in-process test server is wired as production is, on either database: one LISTEN connection
// (server/db/listen.ts) that the calendar cache, staff events and the push worker hear through.
// Seen from outside: a calendar answered from memory does NOT change when availability is changed
// behind its back (no NOTIFY), and does change as soon as the NOTIFY of a real write arrives.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { announceCalendarChange } from '../../server/prisons/calendar-changes';
import { addDays, todayIn } from '../../src/lib/shared/rules/dates';
import { bookableDate, call, createPrison, startTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
beforeAll(async () => {
	api = await startTestApi();
});
afterAll(async () => {
	await api?.close();
});

it('listens for calendar changes, as a production server does', async () => {
	const prisonId = await createPrison(api.db);
	const date = bookableDate(3);
	const from = todayIn('Europe/London', new Date());
	const path = `/api/prisons/${prisonId}/slots?from=${from}&to=${addDays(from, 27)}`;
	const booked = async () => {
		const answer = await call(api, 'GET', path);
		expect(answer.status).toBe(200);
		const day = (answer.body as { days: { date: string; slots: { start: string; booked: number }[] }[] }).days.find((d) => d.date === date);
		return day!.slots.find((slot) => slot.start === '14:00')!.booked;
	};
	expect(await booked()).toBe(0);

	// Behind the cache's back: no version bump, no NOTIFY. A server that listens keeps its answer;
	// one that does not (reading the version each time) would show it only after a bump, so bump
	// the version too, but without the NOTIFY a real write sends with it.
	await sql`insert into slot_usage (prison_id, date, start_time, booked) values (${prisonId}, ${date}, '14:00', 1)`.execute(api.db);
	await sql`update prisons set calendar_version = calendar_version + 1 where id = ${prisonId}`.execute(api.db);
	expect(await booked()).toBe(0);

	// The NOTIFY a committed write sends: heard, and the next answer is fresh.
	await api.db.transaction().execute((trx) => announceCalendarChange(trx, prisonId));
	await expect.poll(booked, { timeout: 5_000, interval: 50 }).toBe(1);
});
