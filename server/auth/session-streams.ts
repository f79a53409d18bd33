// Long-lived responses (the staff event stream) that must end the moment their session does, or
// the moment their officer is deactivated.
// In-process only: a stream held by another server process learns of the sign-out or deactivation
// at its next keep-alive check (STAFF_EVENTS_KEEPALIVE_SECONDS), which stays the fallback across processes.
import { sha256Hex } from './tokens';

const bySession = new Map<string, Set<() => void>>();
const byStaff = new Map<string, Set<() => void>>();

function add(map: Map<string, Set<() => void>>, key: string, end: () => void): () => void {
	let ends = map.get(key);
	if (!ends) map.set(key, (ends = new Set()));
	ends.add(end);
	return () => {
		ends.delete(end);
		if (ends.size === 0 && map.get(key) === ends) map.delete(key);
	};
}

function endAll(map: Map<string, Set<() => void>>, key: string): void {
	const ends = map.get(key);
	if (!ends) return;
	map.delete(key);
	for (const end of ends) end();
}

/** Calls `end` when the session of `token`, or every session of `staffId`, is ended in this process; answers the unregister. */
export function onSessionEnd(session: { token: string; staffId: string }, end: () => void): () => void {
	const stopSession = add(bySession, sha256Hex(session.token), end);
	const stopStaff = add(byStaff, session.staffId, end);
	return () => {
		stopSession();
		stopStaff();
	};
}

/** Ends every stream registered for the session with this token hash. */
export function endSessionStreams(idHash: string): void {
	endAll(bySession, idHash);
}

/** Ends every stream of this officer, whichever session opened it (deactivation, a new password). */
export function endStaffStreams(staffId: string): void {
	endAll(byStaff, staffId);
}
