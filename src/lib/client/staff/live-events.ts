/*
 * The server's staff events (GET /api/staff/events, server-sent): while the page is online, a new
 * or changed request elsewhere makes the page fetch again. Offline there is nothing to hear;
 * EventSource reconnects by itself when the connection returns.
 */

import { STAFF_EVENT_NAMES, type StaffEvent, type StaffEventName } from '../../shared/staff-events';
import { apiPaths } from '../api';

export type { StaffEvent, StaffEventName };

export function parseStaffEvent(name: StaffEventName, data: string): StaffEvent | null {
	try {
		const parsed = JSON.parse(data) as { prisonId?: unknown; requestId?: unknown };
		if (typeof parsed.prisonId !== 'string') return null;
		return { name, prisonId: parsed.prisonId, ...(typeof parsed.requestId === 'string' ? { requestId: parsed.requestId } : {}) };
	} catch {
		return null;
	}
}

/** Listens until the returned function is called. Does nothing where EventSource is missing. */
export function watchStaffEvents(onEvent: (event: StaffEvent) => void, url = apiPaths.staff.events.$path()): () => void {
	if (typeof EventSource === 'undefined') return () => {};
	// Same origin: the session cookie goes with it without withCredentials.
	const source = new EventSource(url);
	const listeners = STAFF_EVENT_NAMES.map((name) => {
		const listener = (message: MessageEvent) => {
			const event = parseStaffEvent(name, String(message.data));
			if (event) onEvent(event);
		};
		source.addEventListener(name, listener);
		return [name, listener] as const;
	});
	return () => {
		for (const [name, listener] of listeners) source.removeEventListener(name, listener);
		source.close();
	};
}

/** Many events in a burst (a bulk change) cause one refetch, not one each. */
export function coalesce(run: () => void, waitMs = 300): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	return () => {
		clearTimeout(timer);
		timer = setTimeout(run, waitMs);
	};
}
