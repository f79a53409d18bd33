// Long-lived responses (the staff event stream) that must end the moment their session does.
// In-process only: a stream held by another server process learns of the sign-out at its next
// keep-alive check (STAFF_EVENTS_KEEPALIVE_SECONDS), which stays the fallback across processes.
import { sha256Hex } from './tokens';

const open = new Map<string, Set<() => void>>();

/** Calls `end` when the session of `token` is destroyed in this process; answers the unregister. */
export function onSessionEnd(token: string, end: () => void): () => void {
	const key = sha256Hex(token);
	let ends = open.get(key);
	if (!ends) open.set(key, (ends = new Set()));
	ends.add(end);
	return () => {
		ends.delete(end);
		if (ends.size === 0 && open.get(key) === ends) open.delete(key);
	};
}

/** Ends every stream registered for the session with this token hash. */
export function endSessionStreams(idHash: string): void {
	const ends = open.get(idHash);
	if (!ends) return;
	open.delete(idHash);
	for (const end of ends) end();
}
