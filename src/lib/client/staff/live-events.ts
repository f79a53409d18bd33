/*
 * The server's staff events (GET /api/staff/events, server-sent): while the page is online, a new
 * or changed request elsewhere makes the page fetch again. Offline there is nothing to hear;
 * EventSource reconnects by itself when the connection returns.
 */

import { STAFF_EVENT_NAMES, STAFF_EVENTS_READY, type StaffEvent, type StaffEventName } from '../../shared/staff-events';
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

/**
 * Listens until the returned function is called. Does nothing where EventSource is missing.
 * `onReady` runs each time the stream (re)connects: what changed before it was listening (between
 * the page's first fetch and the stream opening, or while it was reconnecting) was not heard, so
 * a page fetches again then.
 */
export function watchStaffEvents(
	onEvent: (event: StaffEvent) => void,
	options: { onReady?: () => void; url?: string } = {}
): () => void {
	if (typeof EventSource === 'undefined') return () => {};
	// Same origin: the session cookie goes with it without withCredentials.
	const source = new EventSource(options.url ?? apiPaths.staff.events.$path());
	const listeners: [string, (message: MessageEvent) => void][] = STAFF_EVENT_NAMES.map((name) => {
		const listener = (message: MessageEvent) => {
			const event = parseStaffEvent(name, String(message.data));
			if (event) onEvent(event);
		};
		return [name, listener];
	});
	if (options.onReady) {
		const onReady = options.onReady;
		listeners.push([STAFF_EVENTS_READY, () => onReady()]);
	}
	for (const [name, listener] of listeners) source.addEventListener(name, listener);
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
