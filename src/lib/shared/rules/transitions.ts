import type { ActorType, RequestStatus } from '../domain';

/**
 * Who may move a request from one state to another. `requested` ends in a decision by staff or
 * a withdrawal by the visitor; `booked` can still be cancelled by either, before the visit starts.
 */
const ALLOWED: Record<RequestStatus, Partial<Record<RequestStatus, readonly ActorType[]>>> = {
	// The system rejects a request none of whose choices can be booked any more (server/lifecycle/expiry.ts),
	// and books one nothing stands in the way of in an instant prison (server/requests/instant.ts).
	requested: { booked: ['staff', 'system'], rejected: ['staff', 'system'], withdrawn: ['device'] },
	booked: { cancelled: ['device', 'staff'] },
	rejected: {},
	withdrawn: {},
	cancelled: {}
};

export function canTransition(from: RequestStatus, to: RequestStatus, actor: ActorType): boolean {
	return ALLOWED[from][to]?.includes(actor) ?? false;
}

export function isFinal(status: RequestStatus): boolean {
	return Object.keys(ALLOWED[status]).length === 0;
}
