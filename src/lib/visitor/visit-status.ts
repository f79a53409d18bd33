import type { LocalVisitRequest } from '../client/db';
import type { MessageKey } from '../shared/i18n';
import { hasStarted } from '../shared/rules/calendar';
import type { VisitRequest } from '../shared/answers';

/**
 * A local request with the decision fields typed as the server sends them (the device keeps the
 * server's object as it came, so they are otherwise unknown).
 */
export type ShownRequest = LocalVisitRequest &
	Partial<Pick<VisitRequest, 'bookedSlot' | 'rejectionReasons' | 'cancellationReason' | 'message' | 'excludedVisitors' | 'decidedAt'>>;

export type StatusColour = 'grey' | 'blue' | 'green' | 'red' | 'orange' | 'yellow';

/** The tag a request shows: delivery first (the server may not have it yet), then its state. */
export function statusTag(request: Pick<LocalVisitRequest, 'syncState' | 'status'>): { key: MessageKey; colour: StatusColour } {
	if (request.syncState === 'pending') return { key: 'visitor.requestStatus.waiting', colour: 'yellow' };
	if (request.syncState === 'rejected') return { key: 'visitor.requestStatus.notSent', colour: 'red' };
	switch (request.status) {
		case 'requested':
			return { key: 'visitor.requestStatus.requested', colour: 'blue' };
		case 'booked':
			return { key: 'visitor.requestStatus.booked', colour: 'green' };
		case 'rejected':
			return { key: 'visitor.requestStatus.rejected', colour: 'red' };
		case 'withdrawn':
			return { key: 'visitor.requestStatus.withdrawn', colour: 'grey' };
		case 'cancelled':
			return { key: 'visitor.requestStatus.cancelled', colour: 'orange' };
	}
}

type Actionable = Pick<ShownRequest, 'syncState' | 'status' | 'pendingAction' | 'bookedSlot'>;

/** Withdraw: a request still waiting for a decision (queued ones too: the withdraw follows the submit). */
export function canWithdraw(request: Actionable): boolean {
	return request.syncState !== 'rejected' && request.status === 'requested' && !request.pendingAction;
}

/** Cancel: a booked visit that has not started yet, in the prison's time zone. */
export function canCancel(request: Actionable, timeZone: string, now: Date): boolean {
	const slot = request.bookedSlot;
	if (request.status !== 'booked' || request.pendingAction || !slot) return false;
	return !hasStarted(slot.date, slot.start, timeZone, now);
}
