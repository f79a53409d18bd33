// The calendar cache answers from memory while it hears of no change (server/prisons/calendar-changes.ts).
// Two calendar services with their own listeners stand for two server processes: a booking
// committed through either must show in both. On PostgreSQL each listener has its own connection;
// on PGlite (one process by design) both share the session, as two caches in one process would.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCalendarService } from '../../server/prisons/calendar';
import type { Notifications } from '../../server/db/listen';
import { listenForCalendarChanges, type CalendarChanges } from '../../server/prisons/calendar-changes';
import { bumpCalendarVersion } from '../../server/prisons/repository';
import { addDays, todayIn } from '../../src/lib/shared/rules/dates';
import { bookableDate, createPrison } from '../helpers/api';
import { createTestDatabase, listenOn, type TestDatabase } from '../helpers/test-database';

let database: TestDatabase;
const listeners: CalendarChanges[] = [];
const connections: Notifications[] = [];

beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(async () => {
	for (const listener of listeners) await listener.stop();
	for (const connection of connections) await connection.close();
	await database?.close();
});

async function listen(): Promise<CalendarChanges> {
	const connection = await listenOn(database);
	connections.push(connection);
	const changes = await listenForCalendarChanges(connection);
	listeners.push(changes);
	return changes;
}

/** A place taken as a confirm takes it: the usage counter and the version, in one transaction. */
async function bookOnePlace(prisonId: string, date: string): Promise<void> {
	await database.db.transaction().execute(async (trx) => {
		await sql`insert into slot_usage (prison_id, date, start_time, booked) values (${prisonId}, ${date}, '14:00', 1)
			on conflict (prison_id, date, start_time) do update set booked = slot_usage.booked + 1`.execute(trx);
		await bumpCalendarVersion(trx, prisonId);
	});
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
	const deadline = Date.now() + 5_000;
	for (;;) {
		const value = await read();
		if (done(value) || Date.now() > deadline) return value;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

it('shows a place taken through another process once its transaction commits, and serves from memory otherwise', async () => {
	const prisonId = await createPrison(database.db);
	const date = bookableDate(3);
	const from = todayIn('Europe/London', new Date());
	const to = addDays(from, 27);
	const [here, there] = [createCalendarService(database.db, await listen()), createCalendarService(database.db, await listen())];
	const booked = async (service: typeof here) => {
		const answer = await service.get(prisonId, from, to, new Date());
		return answer!.calendar.days.find((day) => day.date === date)!.slots.find((slot) => slot.start === '14:00')!.booked;
	};

	expect(await booked(here)).toBe(0);
	expect(await booked(there)).toBe(0);
	const cached = await here.get(prisonId, from, to, new Date());
	expect(await here.get(prisonId, from, to, new Date())).toBe(cached);

	await bookOnePlace(prisonId, date);
	// PostgreSQL delivers the notification a moment after the commit; PGlite before the writer goes on.
	expect(
		await eventually(
			() => booked(here),
			(n) => n === 1
		)
	).toBe(1);
	expect(
		await eventually(
			() => booked(there),
			(n) => n === 1
		)
	).toBe(1);
	if (!database.url) expect(await booked(here)).toBe(1);
});

it('reads the version on every request while it is not listening', async () => {
	const prisonId = await createPrison(database.db);
	const date = bookableDate(4);
	const from = todayIn('Europe/London', new Date());
	const to = addDays(from, 27);
	const deaf = await listen();
	await deaf.stop();
	const service = createCalendarService(database.db, deaf);
	const bookedNow = async () =>
		(await service.get(prisonId, from, to, new Date()))!.calendar.days
			.find((day) => day.date === date)!
			.slots.find((slot) => slot.start === '14:00')!.booked;

	expect(await bookedNow()).toBe(0);
	await bookOnePlace(prisonId, date);
	expect(await bookedNow()).toBe(1);
});
