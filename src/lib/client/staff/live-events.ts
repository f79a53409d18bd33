/*
 * The server's staff events (GET /api/staff/events, server-sent): while the page is online, a new
 * or changed request elsewhere makes the page fetch again. Offline there is nothing to hear, and
 * what happened meanwhile is fetched once the device is back (refreshWhenBack, onReconnect).
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

export interface WatchOptions {
	/**
	 * Runs each time the stream (re)connects (the server says `ready` on every connection): what
	 * changed before it was listening (between the page's first fetch and the stream opening, or
	 * while it was away) was not heard, so a page fetches again then.
	 */
	onReady?: () => void;
	url?: string;
	/** After the browser gave up on the stream (an error answer), how long before a new one. */
	reopenAfterMs?: number;
}

/**
 * Listens until the returned function is called. Does nothing where EventSource is missing.
 * EventSource reconnects by itself after a dropped connection, but gives up for good after an
 * error answer (a proxy's 502 while the server restarts): then a new one is opened, at once when
 * the device comes back online, else after `reopenAfterMs`.
 */
export function watchStaffEvents(onEvent: (event: StaffEvent) => void, options: WatchOptions = {}): () => void {
	if (typeof EventSource === 'undefined') return () => {};
	let source: EventSource | undefined;
	let stopped = false;
	let reopenTimer: ReturnType<typeof setTimeout> | undefined;

	const open = () => {
		clearTimeout(reopenTimer);
		if (stopped) return;
		source?.close();
		// Same origin: the session cookie goes with it without withCredentials.
		const current = new EventSource(options.url ?? apiPaths.staff.events.$path());
		source = current;
		for (const name of STAFF_EVENT_NAMES) {
			current.addEventListener(name, (message: MessageEvent) => {
				const event = parseStaffEvent(name, String(message.data));
				if (event) onEvent(event);
			});
		}
		current.addEventListener(STAFF_EVENTS_READY, () => options.onReady?.());
		current.addEventListener('error', () => {
			if (current.readyState !== EventSource.CLOSED || stopped) return;
			reopenTimer = setTimeout(open, options.reopenAfterMs ?? 10_000);
		});
	};
	const onOnline = () => {
		if (source?.readyState === EventSource.CLOSED) open();
	};

	open();
	addEventListener('online', onOnline);
	return () => {
		stopped = true;
		clearTimeout(reopenTimer);
		removeEventListener('online', onOnline);
		source?.close();
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
