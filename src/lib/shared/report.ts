// The report's shape (GET /api/staff/prisons/:prisonId/report) and the pure parts both sides use:
// grouping days into weeks and writing the CSV. No I/O here.
import type { GateOutcome } from './domain';
import { addDays, isoWeekday, type LocalDate, type TimeOfDay } from './rules/dates';

export interface ReportCounts {
	/** Requests made on these days (in the prison's time zone). */
	requests: number;
	/** Of those, how many are booked now (one cancelled later is counted under `cancelled` instead). */
	booked: number;
	rejected: Record<string, number>;
	cancelled: Record<string, number>;
	withdrawn: number;
	notAttended: number;
	/** Visits whose outcome at the gate was `attended`. */
	attended: number;
}

export interface ReportDay {
	date: LocalDate;
	requests: number;
	booked: number;
	/** Requests refused (each once, whatever the number of reasons). */
	rejected: number;
	cancelled: number;
	withdrawn: number;
	attended: number;
	notAttended: number;
	/** Places (open and closed) in the visits on this day, and how many were booked. */
	capacity: number;
	placesBooked: number;
}

export interface ReportSlot {
	weekday: number;
	start: TimeOfDay;
	capacity: number;
	booked: number;
}

export interface Report extends ReportCounts {
	prisonId: string;
	from: LocalDate;
	to: LocalDate;
	/** Median hours from a request to staff's (or the system's) decision; null with no decisions. */
	medianHoursToDecision: number | null;
	/** The same in whole minutes, for a service that decides within the hour. */
	medianMinutesToDecision: number | null;
	/** Booked visits on the range's days by how they went at the gate, and those not attended. */
	outcomes: Record<GateOutcome | 'not_attended', number>;
	/** Booked places / places over the range, 0..1; null when there were no places. */
	utilisation: number | null;
	days: ReportDay[];
	slots: ReportSlot[];
}

export interface ReportWeek {
	/** The Monday the week starts on. */
	week: LocalDate;
	booked: number;
	rejected: number;
}

export function mondayOf(date: LocalDate): LocalDate {
	return addDays(date, 1 - isoWeekday(date));
}

export function weeksOf(days: readonly ReportDay[]): ReportWeek[] {
	const weeks = new Map<LocalDate, ReportWeek>();
	for (const day of days) {
		const week = mondayOf(day.date);
		const entry = weeks.get(week) ?? { week, booked: 0, rejected: 0 };
		entry.booked += day.booked;
		entry.rejected += day.rejected;
		weeks.set(week, entry);
	}
	return [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
}

export const REPORT_CSV_COLUMNS = [
	'date',
	'requests',
	'booked',
	'rejected',
	'cancelled',
	'withdrawn',
	'attended',
	'notAttended',
	'capacity',
	'placesBooked',
	'utilisation'
] as const;

export function utilisationOf(booked: number, capacity: number): number | null {
	return capacity > 0 ? Math.round((booked / capacity) * 1000) / 1000 : null;
}

/** The report by day as CSV (RFC 4180: CRLF line ends; no field needs quoting). */
export function reportCsv(report: Pick<Report, 'days'>): string {
	const lines = [REPORT_CSV_COLUMNS.join(',')];
	for (const day of report.days) {
		const utilisation = utilisationOf(day.placesBooked, day.capacity);
		lines.push(
			[
				day.date,
				day.requests,
				day.booked,
				day.rejected,
				day.cancelled,
				day.withdrawn,
				day.attended,
				day.notAttended,
				day.capacity,
				day.placesBooked,
				utilisation ?? ''
			].join(',')
		);
	}
	return `${lines.join('\r\n')}\r\n`;
}
