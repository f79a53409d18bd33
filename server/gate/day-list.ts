import type { Kysely } from 'kysely';
import { attendanceState, countAttendance } from '../../src/lib/shared/gate/attendance';
import type { AttendedVisit, GateDayList, VisitOverride } from '../../src/lib/shared/gate/answers';
import type { DayVisitList } from '../../src/lib/shared/answers';
import type { Database } from '../db/schema';
import { NotFound } from '../domain-errors';
import { withFlags } from '../prisoners/flags';
import { findPrison } from '../prisons/repository';
import { toArrival } from './arrival';
import { prisonPassKey } from './keys';

/**
 * The day's list as the gate needs it offline: each visit's arrival, outcome and attendance (derived
 * at `now`), its flags as the prisoner's record stands now and the override it was booked through
 * (so a banned visitor let in is shown loudly), counts per slot, the day's cancelled visits (so their passes are refused by name), the
 * prison's time zone and its public pass key.
 */
export async function withGate(db: Kysely<Database>, list: DayVisitList, now: Date): Promise<GateDayList> {
	const prison = await findPrison(db, list.prisonId);
	if (!prison) throw new NotFound('api.prison.notFound');
	const ids = list.slots.flatMap((slot) => slot.visits.map((visit) => visit.id));
	const [arrivals, overrides, flagged, cancelled, key] = await Promise.all([
		ids.length === 0
			? Promise.resolve([])
			: db
					.selectFrom('visitArrivals')
					.select(['requestId', 'arrivedAt', 'visitors', 'recordedByName', 'outcome', 'note'])
					.where('requestId', 'in', ids)
					.execute(),
		ids.length === 0
			? Promise.resolve([])
			: db
					.selectFrom('visitOverrides')
					.select(['requestId', 'codes', 'visitors', 'reason', 'staffName', 'at'])
					.where('requestId', 'in', ids)
					.execute(),
		withFlags(
			db,
			list.slots.flatMap((slot) => slot.visits)
		),
		db
			.selectFrom('visitRequests')
			.select(['id', 'reference', 'bookedStart'])
			.where('prisonId', '=', list.prisonId)
			.where('status', '=', 'cancelled')
			.where('bookedDate', '=', list.date)
			.orderBy('bookedStart')
			.execute(),
		prisonPassKey(db, list.prisonId)
	]);
	const byRequest = new Map(arrivals.map((row) => [row.requestId, toArrival(row)]));
	const overrideOf = new Map(
		overrides.map((row): [string, VisitOverride] => [
			row.requestId,
			{ codes: row.codes, visitors: row.visitors, reason: row.reason, by: row.staffName, at: new Date(row.at).toISOString() }
		])
	);
	const flagsOf = new Map(flagged.map((visit) => [visit.id, visit.flags]));
	const slots = list.slots.map((slot) => {
		const visits: AttendedVisit[] = slot.visits.map((visit) => {
			const arrival = byRequest.get(visit.id) ?? null;
			return {
				...visit,
				arrival,
				attendance: attendanceState(arrival, { date: list.date, end: slot.end }, prison.timeZone, now),
				flags: flagsOf.get(visit.id) ?? [],
				override: overrideOf.get(visit.id) ?? null
			};
		});
		return { ...slot, visits, attendance: countAttendance(visits.map((v) => v.attendance)) };
	});
	return {
		...list,
		slots,
		timeZone: prison.timeZone,
		passKey: key.publicKey,
		cancelled: cancelled.map((row) => ({ id: row.id, reference: row.reference, start: row.bookedStart })),
		generatedAt: now.toISOString()
	};
}
