// A prison's report for a range of dates (PRODUCT.md "Running the service"). Everything is read from
// what the retention purge keeps (server/requests/retention.ts): the request rows with their status,
// reasons and decision times, and the usage counters. So the counts are the same before and after a
// purge. Requests are counted by the day they were made; places by the day of the visit.
//
// Attendance (the gate): booked visits on the range's days with an arrival recorded are counted by
// the outcome the gate gave them (`attended` unless the officer said otherwise: refused entry, left
// early, ended by staff, the prisoner declined); those whose slot has ended with none are not
// attended (derived on read, as the day's list does). These are counted by the day of the visit,
// like places. "Booked" counts requests that are booked now: one cancelled later counts as cancelled.
import { sql, type Kysely } from 'kysely';
import { GATE_OUTCOMES, type GateOutcome } from '../../src/lib/shared/domain';
import { utilisationOf, type Report, type ReportDay, type ReportSlot } from '../../src/lib/shared/report';
import { closureFor, timetableFor, timetableInForce } from '../../src/lib/shared/rules/calendar';
import { addDays, eachDate, instantOf, isoWeekday, type LocalDate } from '../../src/lib/shared/rules/dates';
import type { Database } from '../db/schema';
import { NotFound } from '../domain-errors';
import { findPrison, loadClosures, loadPastTimetables, loadTimetable } from '../prisons/repository';

interface DayRow {
	day: string;
	requests: number;
	booked: number;
	rejected: number;
	cancelled: number;
	withdrawn: number;
}

export async function prisonReport(
	db: Kysely<Database>,
	prisonId: string,
	from: LocalDate,
	to: LocalDate,
	now: Date = new Date()
): Promise<Report> {
	const prison = await findPrison(db, prisonId);
	if (!prison) throw new NotFound('api.prison.notFound');
	const tz = prison.timeZone;
	const start = instantOf(from, '00:00', tz).toISOString();
	const end = instantOf(addDays(to, 1), '00:00', tz).toISOString();
	const inRange = sql`prison_id = ${prisonId} and created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz`;

	const [dayRows, rejected, cancelled, median, usage, closedVisitUsage, timetable, past, closures, visits] = await Promise.all([
		sql<DayRow>`
			select to_char((created_at at time zone ${tz})::date, 'YYYY-MM-DD') as day,
				count(*)::int as requests,
				(count(*) filter (where status = 'booked'))::int as booked,
				(count(*) filter (where status = 'rejected'))::int as rejected,
				(count(*) filter (where status = 'cancelled'))::int as cancelled,
				(count(*) filter (where status = 'withdrawn'))::int as withdrawn
			from visit_requests where ${inRange}
			group by 1`.execute(db),
		sql<{ reason: string; n: number }>`
			select reason, count(*)::int as n
			from visit_requests, jsonb_array_elements_text(rejection_reasons) as reason
			where ${inRange} and status = 'rejected'
			group by reason`.execute(db),
		sql<{ reason: string | null; n: number }>`
			select cancellation_reason as reason, count(*)::int as n
			from visit_requests where ${inRange} and status = 'cancelled'
			group by cancellation_reason`.execute(db),
		sql<{ seconds: number | null }>`
			select (percentile_cont(0.5) within group (order by extract(epoch from decided_at - created_at)))::float8 as seconds
			from visit_requests where ${inRange} and decided_at is not null and status in ('booked', 'rejected', 'cancelled')`.execute(db),
		db
			.selectFrom('slotUsage')
			.select(['date', 'startTime', 'booked'])
			.where('prisonId', '=', prisonId)
			.where('date', '>=', from)
			.where('date', '<=', to)
			.execute(),
		db
			.selectFrom('slotClosedUsage')
			.select(['date', 'startTime', 'booked'])
			.where('prisonId', '=', prisonId)
			.where('date', '>=', from)
			.where('date', '<=', to)
			.execute(),
		loadTimetable(db, prisonId),
		loadPastTimetables(db, prisonId, from, to),
		loadClosures(db, prisonId, from, to),
		sql<{ date: string; start: string; outcome: GateOutcome | null; n: number }>`
			select to_char(r.booked_date, 'YYYY-MM-DD') as date, r.booked_start as start, a.outcome, count(*)::int as n
			from visit_requests r left join visit_arrivals a on a.request_id = r.id
			where r.prison_id = ${prisonId} and r.status = 'booked' and r.booked_date >= ${from} and r.booked_date <= ${to}
			group by 1, 2, 3`.execute(db)
	]);
	const outcomes = Object.fromEntries([...GATE_OUTCOMES, 'not_attended'].map((o) => [o, 0])) as Report['outcomes'];
	const attendance = new Map<string, { attended: number; notAttended: number }>();
	for (const row of visits.rows) {
		const entry = attendance.get(row.date) ?? { attended: 0, notAttended: 0 };
		if (row.outcome) {
			outcomes[row.outcome] += row.n;
			if (row.outcome === 'attended') entry.attended += row.n;
		} else {
			const end =
				timetableFor(timetableInForce(timetable, past, row.date), row.date).find((slot) => slot.start === row.start)?.end ?? row.start;
			if (instantOf(row.date, end, tz).getTime() <= now.getTime()) {
				entry.notAttended += row.n;
				outcomes.not_attended += row.n;
			}
		}
		attendance.set(row.date, entry);
	}

	const booked = new Map<string, number>();
	for (const row of [...usage, ...closedVisitUsage])
		booked.set(`${row.date}T${row.startTime}`, (booked.get(`${row.date}T${row.startTime}`) ?? 0) + row.booked);
	const byDay = new Map(dayRows.rows.map((row) => [row.day, row]));
	const slots = new Map<string, ReportSlot>();
	const days: ReportDay[] = eachDate(from, to).map((date) => {
		const row = byDay.get(date);
		let capacity = 0;
		let placesBooked = 0;
		// Places as the timetable in force that day had them (a later change keeps past weeks), less closed days and slots.
		for (const slot of timetableFor(timetableInForce(timetable, past, date), date)) {
			const taken = booked.get(`${date}T${slot.start}`) ?? 0;
			const places = closureFor(closures, date, slot.start) ? 0 : slot.capacity + (slot.closedCapacity ?? 0);
			capacity += places;
			placesBooked += taken;
			const key = `${isoWeekday(date)}T${slot.start}`;
			const entry = slots.get(key) ?? { weekday: isoWeekday(date), start: slot.start, capacity: 0, booked: 0 };
			entry.capacity += places;
			entry.booked += taken;
			slots.set(key, entry);
		}
		return {
			date,
			requests: row?.requests ?? 0,
			booked: row?.booked ?? 0,
			rejected: row?.rejected ?? 0,
			cancelled: row?.cancelled ?? 0,
			withdrawn: row?.withdrawn ?? 0,
			attended: attendance.get(date)?.attended ?? 0,
			notAttended: attendance.get(date)?.notAttended ?? 0,
			capacity,
			placesBooked
		};
	});

	const sum = (pick: (day: ReportDay) => number) => days.reduce((total, day) => total + pick(day), 0);
	const seconds = median.rows[0]?.seconds;
	const medianSeconds = seconds === null || seconds === undefined ? null : Number(seconds);
	return {
		prisonId,
		from,
		to,
		requests: sum((d) => d.requests),
		booked: sum((d) => d.booked),
		rejected: Object.fromEntries(rejected.rows.map((r) => [r.reason, r.n])),
		cancelled: Object.fromEntries(cancelled.rows.map((r) => [r.reason ?? 'other', r.n])),
		withdrawn: sum((d) => d.withdrawn),
		notAttended: sum((d) => d.notAttended),
		attended: sum((d) => d.attended),
		medianHoursToDecision: medianSeconds === null ? null : Math.round((medianSeconds / 3600) * 10) / 10,
		medianMinutesToDecision: medianSeconds === null ? null : Math.round(medianSeconds / 60),
		outcomes,
		utilisation: utilisationOf(
			sum((d) => d.placesBooked),
			sum((d) => d.capacity)
		),
		days,
		slots: [...slots.values()].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start))
	};
}
