/*
 * What GET /api/staff/events sends (server-sent events). The server and the staff pages agree on
 * these names; the data is JSON `{ prisonId, requestId? }` and never personal details, so a page
 * that hears one fetches what changed through the ordinary, scoped API.
 */
export const STAFF_EVENT_NAMES = ['request.created', 'request.changed', 'calendar.changed'] as const;
export type StaffEventName = (typeof STAFF_EVENT_NAMES)[number];

export interface StaffEvent {
	name: StaffEventName;
	prisonId: string;
	requestId?: string;
}

/** Sent first on every stream: the server now listens for this officer (tests wait for it). */
export const STAFF_EVENTS_READY = 'ready';
