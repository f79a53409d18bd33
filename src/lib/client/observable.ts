/**
 * A value that can be watched: the Svelte store contract (`subscribe` calls back at once and on
 * every change, and returns an unsubscribe function), without importing Svelte, so the same
 * modules run in pages, the service worker and Node.
 */
export interface Readable<T> {
	subscribe(run: (value: T) => void): () => void;
}

export interface Observable<T> extends Readable<T> {
	get(): T;
	set(value: T): void;
	update(change: (value: T) => T): void;
}

export function observable<T>(initial: T): Observable<T> {
	let value = initial;
	const subscribers = new Set<(value: T) => void>();
	const set = (next: T) => {
		if (Object.is(next, value)) return;
		value = next;
		for (const run of [...subscribers]) run(value);
	};
	return {
		get: () => value,
		set,
		update: (change) => set(change(value)),
		subscribe(run) {
			subscribers.add(run);
			run(value);
			return () => subscribers.delete(run);
		}
	};
}
