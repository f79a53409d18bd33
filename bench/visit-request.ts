// Valid visit request bodies for the bench prisons (Rochester's afternoons: every day at 14:00).
import { randomUUID } from 'node:crypto';
import { ROCHESTER } from '../server/demo-prison';
import { bookingWindow } from '../src/lib/shared/rules/booking-window';
import { eachDate, todayIn, addDays } from '../src/lib/shared/rules/dates';
import type { VisitRequestInputRaw } from '../src/lib/shared/schemas';

/** Dates visitors can choose today, every one with a 14:00 slot. */
export function bookableDates(now = new Date()): string[] {
	const window = bookingWindow(ROCHESTER as { timeZone: string; leadDays: number; horizonDays: number }, now);
	// Keep a day's margin at each end so a run that crosses midnight stays valid.
	return eachDate(addDays(window.from, 1), addDays(window.to, -1));
}

/** The 28 days from today: the range a calendar page asks for. */
export function calendarRange(now = new Date()): { from: string; to: string } {
	const from = todayIn(ROCHESTER.timeZone ?? 'Europe/London', now);
	return { from, to: addDays(from, 27) };
}

export function visitRequestBody(
	prisonId: string,
	slots: { date: string; start: string }[],
	extra: Partial<VisitRequestInputRaw> = {}
): VisitRequestInputRaw {
	return {
		id: randomUUID(),
		prisonId,
		prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: 'A1234BC' },
		visitors: [
			{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email: 'mary@example.com' },
			{ firstName: 'Tom', lastName: 'Lovelace', dateOfBirth: '2015-07-09' }
		],
		slots,
		...extra
	};
}
