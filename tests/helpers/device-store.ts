import type { Page } from 'playwright-core';
import { waitUntil } from './wait-until';

/** The rows of one table of the device's IndexedDB (Dexie's `book-a-prison-visit`), read in the page. */
export async function deviceRows<T = Record<string, unknown>>(page: Page, table: string): Promise<T[]> {
	return page.evaluate(
		(name) =>
			new Promise<T[]>((resolve, reject) => {
				const open = indexedDB.open('book-a-prison-visit');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains(name)) {
						db.close();
						resolve([]);
						return;
					}
					const all = db.transaction(name, 'readonly').objectStore(name).getAll();
					all.onerror = () => reject(all.error);
					all.onsuccess = () => {
						db.close();
						resolve(all.result as T[]);
					};
				};
			}),
		table
	);
}

/**
 * Waits until nothing in the device's outbox is left to send (every item `done`): from then on the
 * page sends nothing more of what it queued, so a test can count what reached the server instead
 * of sleeping to let a duplicate arrive.
 */
export async function outboxSettled(page: Page, timeoutMs = 20_000): Promise<void> {
	await waitUntil(
		async () => (await deviceRows<{ state: string }>(page, 'outbox')).every((item) => item.state === 'done'),
		'the device to have nothing left to send',
		timeoutMs
	);
}
