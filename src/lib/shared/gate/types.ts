import type { VisitRequest } from '../types';
import type { AttendanceCounts, AttendanceState, VisitArrival } from './attendance';
import type { PassPublicKey } from './pass';

/** The answers of the gate's API (server/routes/staff/gate.ts), as the tablet receives them. */

export type { AttendanceCounts, AttendanceState, PassPublicKey, VisitArrival };

export type AttendedVisit = VisitRequest & { arrival: VisitArrival | null; attendance: AttendanceState };

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
