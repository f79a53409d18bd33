import type { GateOutcome } from '../domain';
import { formatTime } from '../format';
import type { Locale } from '../i18n';
import { instantOf, minutesOfDay, type LocalDate, type TimeOfDay } from '../rules/dates';

/*
 * Attendance at a booked visit, as the gate and the day's list see it. "Not attended" is not
 * stored: it is derived when read (a booked visit whose slot has ended with no arrival recorded),
 * so it is right whatever the clock did while nobody looked. docs/gate.md says more.
 */

export const ATTENDANCE_STATES = ['arrived', 'expected', 'not_attended'] as const;
export type AttendanceState = (typeof ATTENDANCE_STATES)[number];

/** Visitors should be at the gate this long before their visit starts (search and check-in). */
export const ARRIVE_BEFORE_MINUTES = 30;

export interface VisitArrival {
	/** ISO instant. */
	arrivedAt: string;
	/** Positions (0 = lead) of the visitors who came. */
	visitors: number[];
	/** The officer's name, when the server recorded it. */
	recordedBy: string | null;
	/** How the visit went (`attended` unless the officer said otherwise). */
	outcome: GateOutcome;
	/** The officer's note about it, if any. */
	note: string | null;
}

export function attendanceState(
	arrival: VisitArrival | null | undefined,
	slot: { date: LocalDate; end: TimeOfDay },
	timeZone: string,
	now: Date
): AttendanceState {
	if (arrival) return 'arrived';
	return now.getTime() >= instantOf(slot.date, slot.end, timeZone).getTime() ? 'not_attended' : 'expected';
}

export interface AttendanceCounts {
	arrived: number;
	expected: number;
	notAttended: number;
}

export function countAttendance(states: readonly AttendanceState[]): AttendanceCounts {
	return {
		arrived: states.filter((s) => s === 'arrived').length,
		expected: states.filter((s) => s === 'expected').length,
		notAttended: states.filter((s) => s === 'not_attended').length
	};
}

/** The time to be at the gate: ARRIVE_BEFORE_MINUTES before the start, never before midnight. */
export function arriveBy(start: TimeOfDay): TimeOfDay {
	const minutes = Math.max(0, minutesOfDay(start) - ARRIVE_BEFORE_MINUTES);
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * An instant as the time of day in `timeZone`, written as every other time in the service is
 * ("1:52pm", "1:52yh"), in the reader's language unless another is given.
 */
export function clockTime(instant: string | Date, timeZone: string, locale?: Locale): string {
	const parts = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).formatToParts(
		typeof instant === 'string' ? new Date(instant) : instant
	);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return formatTime(`${get('hour')}:${get('minute')}`, locale);
}

/** The local date of an instant in `timeZone`. */
export function localDateOf(instant: string | Date, timeZone: string): LocalDate {
	const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).formatToParts(
		typeof instant === 'string' ? new Date(instant) : instant
	);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${get('year')}-${get('month')}-${get('day')}`;
}
