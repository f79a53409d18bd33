import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { BookAPrisonVisitDb } from '../../src/lib/client/db';
import type { VisitRequestInput } from '../../src/lib/shared/schemas';

/** A browser's IndexedDB in memory. Reopen a database with the same factory to "restart the browser". */
export function fakeBrowserStorage() {
	const indexedDB = new IDBFactory();
	let opened = 0;
	return {
		open(name = 'device-under-test'): BookAPrisonVisitDb {
			opened += 1;
			return new BookAPrisonVisitDb(name, { indexedDB, IDBKeyRange });
		},
		get opened() {
			return opened;
		}
	};
}

export const PRISON_ID = '6a1f3c2e-4b5d-4e6f-8a9b-0c1d2e3f4a5b';

/** A valid POST /api/visit-requests body. */
export function visitRequestInput(overrides: Partial<VisitRequestInput> = {}): VisitRequestInput {
	return {
		id: crypto.randomUUID(),
		prisonId: PRISON_ID,
		prisoner: { firstName: 'Sam', lastName: 'Smith', dateOfBirth: '1990-04-01', prisonerNumber: 'A1234BC' },
		visitors: [{ firstName: 'Alex', lastName: 'Smith', dateOfBirth: '1985-06-15', email: 'alex@example.com' }],
		slots: [{ date: '2030-01-12', start: '14:00' }],
		...overrides
	};
}
