// The check page's Send is judged against the calendar saved on the device: pressed before that
// calendar has been read, it waits for it instead of finding every chosen time "not available".
import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '../../../src/lib/shared/answers';
import { bookingWindow } from '../../../src/lib/shared/rules/booking-window';
import { checkRequestBody } from '../../../src/lib/shared/rules/visit-request';
import type { ShownCalendar } from '../../../src/lib/visitor/calendar-data';
import { checkCalendar } from '../../../src/lib/visitor/check-calendar';
import { aRequest, now, prison } from '../rules/fixtures';

/** The device's saved calendar: Saturday 28 November 2026 with its morning slot open. */
const day = (available: number): CalendarDay => ({
	date: '2026-11-28',
	slots: [{ start: '09:30', end: '11:30', capacity: 12, booked: 12 - available, available, bookable: available > 0 }]
});
const shown = (available: number): ShownCalendar => ({
	days: [day(available)],
	fetchedAt: now.getTime(),
	window: bookingWindow(prison, now)
});

/** A promise and the hand that settles it, so the test decides when the device's read finishes. */
function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
	return { promise, resolve, reject };
}

/** Lets every pending promise callback run (one turn of the event loop), without waiting on a clock. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('the check page’s calendar for Send', () => {
	it('holds a Send pressed while the saved calendar is being read, then judges it against that calendar', async () => {
		const calendar = checkCalendar();
		const read = deferred<ShownCalendar | null>();
		const saved = calendar.readSaved(read.promise);
		let settled = false;
		const forSend = calendar.forSend().then((context) => {
			settled = true;
			return context;
		});
		await turn();
		expect(settled).toBe(false);

		read.resolve(shown(3));
		expect(await saved).toEqual(shown(3));
		const context = await forSend;
		expect(context.timetable).toEqual([{ weekday: 6, start: '09:30', end: '11:30', capacity: 12 }]);
		// The chosen time is open on the saved calendar: the request goes.
		expect(checkRequestBody(aRequest(), { prison, now, ...context }).ok).toBe(true);
	});

	it('holds a Send pressed even before the page begins reading', async () => {
		const calendar = checkCalendar();
		let settled = false;
		const forSend = calendar.forSend().then((context) => ((settled = true), context));
		await turn();
		expect(settled).toBe(false);
		void calendar.readSaved(Promise.resolve(shown(3)));
		expect((await forSend).timetable).toHaveLength(1);
	});

	it('judges later Sends against a fresher calendar: a slot now full is refused', async () => {
		const calendar = checkCalendar();
		await calendar.readSaved(Promise.resolve(shown(3)));
		calendar.fresh(shown(0));
		const result = checkRequestBody(aRequest(), { prison, now, ...(await calendar.forSend()) });
		expect(result.ok).toBe(false);
	});

	it('lets a Send go on when there is no saved calendar, or reading it failed (judged against none)', async () => {
		const none = checkCalendar();
		expect(await none.readSaved(Promise.resolve(null))).toBeNull();
		expect(await none.forSend()).toEqual({ timetable: [], closures: [], usage: new Map() });

		const failed = checkCalendar();
		const read = deferred<ShownCalendar | null>();
		const forSend = failed.forSend();
		void failed.readSaved(read.promise);
		read.reject(new Error('IndexedDB is closed'));
		expect(await forSend).toEqual({ timetable: [], closures: [], usage: new Map() });
	});
});
