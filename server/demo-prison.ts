// HMP Rochester as PRODUCT.md describes it: the demo prison (seed.ts) and the tests' default prison.
import type { PrisonWithTimetable, TimetableEntry } from './db/insert-prison';

const EVERY_AFTERNOON: TimetableEntry[] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
	weekday,
	start: '14:00',
	end: '16:00',
	capacity: 20
}));
const SATURDAY_MORNING: TimetableEntry = { weekday: 6, start: '09:30', end: '11:30', capacity: 12 };

export const ROCHESTER: PrisonWithTimetable = {
	code: 'RCI',
	name: 'HMP Rochester',
	address: '1 Fort Road, Rochester, Kent, ME1 3QS',
	visitorInfo:
		'Arrive 30 minutes before your visit starts to be searched and checked in. Every visitor aged 18 or over ' +
		'must bring photo ID. Children must be with an adult. Lockers are available for your belongings; ' +
		'bring a £1 coin. The visitors centre has baby-changing facilities and step-free access.',
	timeZone: 'Europe/London',
	// The demo books a request nothing stands in the way of at once (a prison made later starts as 'request').
	bookingMode: 'instant',
	leadDays: 3,
	horizonDays: 28,
	maxVisitors: 6,
	maxAdults: 3,
	adultAge: 18,
	retentionDays: 180,
	timetable: [...EVERY_AFTERNOON, SATURDAY_MORNING]
};

export const DEMO_STAFF = { email: 'staff@rochester.example', name: 'Demo Officer' } as const;
