/**
 * Shares one database read among callers who ask for the same key at about the same time, without
 * ever giving a caller an answer older than its question: a caller joins only a read that starts
 * after it asked. While a read for a key is running, every new caller waits for one shared read
 * that starts when the running one ends, so a key has at most one read running and one waiting.
 *
 * This is what lets the calendar cache check, on every request, that no process has changed a
 * prison's availability (its calendar version) at the cost of one query per batch of requests
 * rather than one per request.
 */
export function coalesceReads<K, V>(read: (key: K) => Promise<V>): (key: K) => Promise<V> {
	const running = new Map<K, Promise<V>>();
	const waiting = new Map<K, Promise<V>>();
	const ignore = () => undefined;

	const start = (key: K): Promise<V> => {
		const reading = read(key);
		running.set(key, reading);
		const finished = () => {
			if (running.get(key) === reading) running.delete(key);
		};
		reading.then(finished, finished);
		return reading;
	};

	return (key) => {
		const queued = waiting.get(key);
		if (queued) return queued;
		const current = running.get(key);
		// A read already running may have begun before a write this caller has seen was committed.
		if (!current) return start(key);
		const next = current.then(ignore, ignore).then(() => {
			waiting.delete(key);
			return start(key);
		});
		waiting.set(key, next);
		return next;
	};
}
