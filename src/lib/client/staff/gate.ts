import { formatDate } from '../../shared/format';
import type { AttendanceState, VisitArrival } from '../../shared/gate/attendance';
import { attendanceState, clockTime, countAttendance, type AttendanceCounts } from '../../shared/gate/attendance';
import { decodePass, verifyPass } from '../../shared/gate/pass';
import type { AttendedVisit, GateDayList } from '../../shared/gate/answers';
import { t } from '../../shared/i18n';
import { ageOn } from '../../shared/rules/dates';
import { normaliseReference } from '../../shared/rules/reference';
import type { LocalArrival } from './arrival';

/*
 * What the gate decides about a scanned or typed pass, from the day's list saved on the tablet
 * and nothing else, so it works with no signal. A scanned pass is accepted only if the prison's
 * key signed it, and it is for this prison, today, and a visit still booked.
 */

export type GateRefusal = 'garbage' | 'other_prison' | 'other_day' | 'signature' | 'cancelled' | 'not_listed';

export type GateCheck =
	| { ok: true; visit: AttendedVisit; slot: { start: string; end: string }; how: 'signed' | 'typed' }
	| { ok: false; reason: GateRefusal; message: string };

const refuse = (reason: GateRefusal, message: string): GateCheck => ({ ok: false, reason, message });

function findVisit(list: GateDayList, match: (visit: AttendedVisit) => boolean): Extract<GateCheck, { ok: true }> | null {
	for (const slot of list.slots) {
		const visit = slot.visits.find(match);
		if (visit) return { ok: true, visit, slot: { start: slot.start, end: slot.end }, how: 'typed' };
	}
	return null;
}

/** A code from the camera (or a scanner that types it). */
export async function checkScannedPass(text: string, context: { list: GateDayList; prisonId: string; today: string }): Promise<GateCheck> {
	const pass = decodePass(text);
	if (!pass) return refuse('garbage', t('gate.refused.garbage'));
	const { claims } = pass;
	if (claims.prisonId !== context.prisonId) return refuse('other_prison', t('gate.refused.otherPrison'));
	// The signature first: a forged pass is called forged, whatever else it claims.
	if (!(await verifyPass(pass, context.list.passKey))) return refuse('signature', t('gate.refused.signature'));
	if (claims.date !== context.today || context.list.date !== context.today) {
		return refuse('other_day', t('gate.refused.otherDay', { date: formatDate(claims.date) }));
	}
	if (context.list.cancelled.some((c) => c.id === claims.requestId))
		return refuse('cancelled', t('gate.refused.cancelled', { reference: claims.reference }));
	const found = findVisit(context.list, (visit) => visit.id === claims.requestId);
	if (!found || found.visit.bookedSlot?.start !== claims.start)
		return refuse('not_listed', t('gate.refused.notListed', { reference: claims.reference }));
	return { ...found, how: 'signed' };
}

export function checkTypedReference(typed: string, list: GateDayList): GateCheck {
	const reference = normaliseReference(typed);
	const cancelled = list.cancelled.find((c) => c.reference === reference);
	if (cancelled) return refuse('cancelled', t('gate.refused.cancelled', { reference }));
	return findVisit(list, (visit) => visit.reference === reference) ?? refuse('not_listed', t('gate.refused.notListed', { reference }));
}

/** The server's arrival, or this tablet's own while it waits to send. */
export function arrivalOf(visit: AttendedVisit, local: ReadonlyMap<string, LocalArrival>): (VisitArrival & { waiting?: boolean }) | null {
	if (visit.arrival) return visit.arrival;
	const mine = local.get(visit.id);
	if (!mine || mine.state === 'refused') return null;
	const { arrivedAt, visitors, recordedBy, outcome, note } = mine;
	return { arrivedAt, visitors, recordedBy, outcome, note, waiting: mine.state === 'waiting' };
}

export function alreadyArrivedMessage(arrival: VisitArrival, timeZone: string): string {
	return t('gate.alreadyArrived', { time: clockTime(arrival.arrivedAt, timeZone) });
}

export interface GateVisitor {
	position: number;
	name: string;
	age: number;
	child: boolean;
	excluded: boolean;
}

export function gateVisitors(visit: AttendedVisit, date: string, adultAge: number): GateVisitor[] {
	const excluded = new Set(visit.excludedVisitors ?? []);
	return visit.visitors.map((visitor, position) => {
		const age = ageOn(visitor.dateOfBirth, date);
		return { position, name: `${visitor.firstName} ${visitor.lastName}`, age, child: age < adultAge, excluded: excluded.has(position) };
	});
}

/** Positions of visitors a ban still covers (the server's flags), left-out visitors aside. */
export function bannedPositions(visit: AttendedVisit): Set<number> {
	const excluded = new Set(visit.excludedVisitors ?? []);
	return new Set(
		(visit.flags ?? [])
			.filter((flag) => flag.code === 'visitor_banned')
			.flatMap((flag) => flag.visitors ?? [])
			.filter((position) => !excluded.has(position))
	);
}

/** Flags on a visit, when the server sends them (the prisoner's record). */
export function visitFlags(visit: AttendedVisit): { code: string; message: string }[] {
	const flags = (visit as { flags?: unknown }).flags;
	return Array.isArray(flags) ? flags.filter((f): f is { code: string; message: string } => typeof f?.message === 'string') : [];
}

/**
 * Attendance as the tablet shows it now: the server's, with this tablet's arrivals that have not
 * reached the list yet, and "not attended" worked out again on the tablet's clock.
 */
export function attendanceNow(
	list: GateDayList,
	local: ReadonlyMap<string, LocalArrival>,
	now: Date
): {
	slots: {
		start: string;
		counts: AttendanceCounts;
		visits: { id: string; state: AttendanceState; arrival: ReturnType<typeof arrivalOf> }[];
	}[];
} {
	return {
		slots: list.slots.map((slot) => {
			const visits = slot.visits.map((visit) => {
				const arrival = arrivalOf(visit, local);
				return { id: visit.id, arrival, state: attendanceState(arrival, { date: list.date, end: slot.end }, list.timeZone, now) };
			});
			return { start: slot.start, counts: countAttendance(visits.map((v) => v.state)), visits };
		})
	};
}

/** The list holds what the gate needs (an older cached list from before the gate had none). */
export function isGateList(data: unknown): data is GateDayList {
	const list = data as Partial<GateDayList> | null;
	return (
		!!list &&
		typeof list === 'object' &&
		!!list.passKey &&
		Array.isArray(list.slots) &&
		Array.isArray(list.cancelled) &&
		typeof list.timeZone === 'string'
	);
}
