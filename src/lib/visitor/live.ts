import { onDestroy } from 'svelte';
import { subscribeQuery } from '../client/live-query';

/**
 * Runs a Dexie query now and again whenever what it read changes (in this tab, another tab or
 * the service worker), calling `set` with each result. Call during component set-up.
 */
export function watchQuery<T>(query: () => Promise<T>, set: (value: T) => void): void {
	onDestroy(subscribeQuery(query, set));
}
