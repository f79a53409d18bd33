import type { OverridableFlag, RequestStatus } from '../domain';
import type { Flag } from '../rules/flags';
import type { VisitRequest } from '../answers';
import type { AttendanceCounts, AttendanceState, VisitArrival } from './attendance';
import type { PassPublicKey } from './pass';

/** The answers of the gate's API (server/routes/staff/gate.ts), as the tablet receives them. */

export type { AttendanceCounts, AttendanceState, PassPublicKey, VisitArrival };

/** The override a booking went through: what it named, whom it let come, why, and who said so. */
export interface VisitOverride {
	codes: OverridableFlag[];
	/** Positions (0 = lead) of banned visitors it let come. */
	visitors: number[];
	reason: string;
	by: string | null;
	at: string;
}

export type AttendedVisit = VisitRequest & {
	arrival: VisitArrival | null;
	attendance: AttendanceState;
	/** The prisoner's record's flags as they stand now (a banned visitor still booked shows here). */
	flags: Flag[];
	override: VisitOverride | null;
};

export interface GateSlot {
	start: string;
	end: string;
	capacity: number;
	visits: AttendedVisit[];
	attendance: AttendanceCounts;
}

/** GET /api/staff/visits: the day's list with what the gate needs to work offline. */
export interface GateDayList {
	prisonId: string;
	date: string;
	slots: GateSlot[];
	timeZone: string;
	/** The prison's public key: passes are checked against it with no signal. */
	passKey: PassPublicKey;
	/** Visits of the day that were booked and then cancelled, so their passes are refused by name. */
	cancelled: { id: string; reference: string; start: string | null }[];
	/** When the server made the list: attendance was derived at this instant. */
	generatedAt: string;
}

/** POST /api/staff/requests/:id/arrival. */
export interface ArrivalAnswer {
	requestId: string;
	reference: string;
	/** True when the arrival had been recorded before: nothing changed. */
	alreadyArrived: boolean;
	message: string;
	arrival: VisitArrival;
}

/** GET /api/staff/prisons/:prisonId/visits/by-reference/:reference: which day a visit is on, nothing personal. */
export interface GateReferenceAnswer {
	id: string;
	reference: string;
	status: RequestStatus;
	/** The booked date and start; null when the request is not (or no longer) booked. */
	bookedSlot: { date: string; start: string } | null;
}
