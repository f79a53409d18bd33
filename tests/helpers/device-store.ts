import type { Page } from 'playwright-core';

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
