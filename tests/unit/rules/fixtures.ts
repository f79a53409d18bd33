import { DEFAULT_PRISON_RULES, type PrisonRules } from '../../../src/lib/shared/domain';
import type { VisitRequestInputRaw } from '../../../src/lib/shared/schemas';
import type { TimetableSlot } from '../../../src/lib/shared/answers';

/** HMP Rochester's timetable from the product rules: every day 14:00–16:00 for 20 tables, Saturday mornings for 12. */
export const rochesterTimetable: TimetableSlot[] = [
	...[1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '14:00', end: '16:00', capacity: 20 })),
	{ weekday: 6, start: '09:30', end: '11:30', capacity: 12 }
];

export const prison: PrisonRules = { ...DEFAULT_PRISON_RULES };

/** Wednesday 25 November 2026, mid-morning in London: the window is 28 November to 23 December. */
export const now = new Date('2026-11-25T10:00:00Z');

export function aRequest(overrides: Partial<VisitRequestInputRaw> = {}): VisitRequestInputRaw {
	return {
		id: '6f1c1b9e-8a39-4f7e-9d7b-2f4a1c3b5d6e',
		prisonId: '0b7f3c2a-1d4e-4a5b-8c6d-7e8f9a0b1c2d',
		prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: 'a1234bc ' },
		visitors: [{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email: 'mary@example.com' }],
		slots: [{ date: '2026-11-28', start: '09:30' }],
		...overrides
	};
}
