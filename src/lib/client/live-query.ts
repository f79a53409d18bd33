import { liveQuery } from 'dexie';

/**
 * Runs a query of the device's store now and again whenever what it read changes (in this tab,
 * another tab or the service worker), calling `next` with each result. Returns the function that
 * stops it. Pages watch the device's data through this, never through Dexie itself.
 */
export function subscribeQuery<T>(query: () => Promise<T>, next: (value: T) => void): () => void {
	const subscription = liveQuery(query).subscribe({ next, error: (error) => console.error(error) });
	return () => subscription.unsubscribe();
}
