import type { ShownCalendar } from './calendar-data';
import { contextFromCalendar, type CalendarContext } from './request-context';

/*
 * The calendar the check page judges a Send against. The page reads the calendar saved on the
 * device as it opens, then asks the server for a fresh one. A Send pressed before the saved one has
 * been read waits for it, rather than judging the times against no calendar at all (which would
 * call every chosen time "not available").
 */
export interface CheckCalendar {
	/** The page began reading the saved calendar: resolves with it once read (null: none saved, or the read failed). */
	readSaved(read: Promise<ShownCalendar | null>): Promise<ShownCalendar | null>;
	/** A fresher calendar came: later Sends are judged against it. */
	fresh(calendar: ShownCalendar): void;
	/** The timetable, closures and bookings a Send is judged against, once the saved calendar has been read. */
	forSend(): Promise<CalendarContext>;
}

export function checkCalendar(): CheckCalendar {
	let current: ShownCalendar | null = null;
	let savedRead!: () => void;
	const saved = new Promise<void>((resolve) => (savedRead = resolve));
	return {
		async readSaved(read) {
			try {
				// A fresh one that came first (it cannot, as the page asks after this read) is newer: keep it.
				current ??= await read.catch(() => null);
			} finally {
				savedRead();
			}
			return current;
		},
		fresh(calendar) {
			current = calendar;
		},
		async forSend() {
			await saved;
			return current ? contextFromCalendar(current.days) : { timetable: [], closures: [], usage: new Map() };
		}
	};
}
