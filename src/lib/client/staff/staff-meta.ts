import type { BookAPrisonVisitDb } from '../db';

/*
 * Staff-mode facts kept in the `meta` table beside META's keys. They live here until db.ts's META
 * gains them (asked for), prefixed so they can never collide with a device key.
 */
export const STAFF_META = {
	/** The signed-in officer as the server last described them (GET /api/staff/session): pages work offline with it. */
	user: 'staff:user',
	/** The prison the officer last chose in the switcher. */
	prisonId: 'staff:prisonId',
	/** `${prefix}${prisonId}|${date}`: the queue's counts per status and when they were fetched. */
	queuePrefix: 'staff:queue:',
	/** `${prefix}${prisonId}`: the timetable and closures as the server last sent them. */
	settingsPrefix: 'staff:settings:',
	/** `${prefix}${prisonId}|${prisonerNumber}`: the prisoner's record as the server last sent it. */
	prisonerPrefix: 'staff:prisoner:',
	/** After a copy's key: counts the changes to it the server acknowledged (answered-copies.ts). */
	acknowledgedSuffix: '#acknowledged'
} as const;

export async function readStaffMeta<T>(db: BookAPrisonVisitDb, key: string): Promise<T | undefined> {
	return (await db.meta.get(key))?.value as T | undefined;
}

export async function writeStaffMeta(db: BookAPrisonVisitDb, key: string, value: unknown): Promise<void> {
	await db.meta.put({ key, value });
}

/** Everything staff mode cached about people: removed on sign out (a prison tablet is shared). */
export async function forgetStaffData(db: BookAPrisonVisitDb): Promise<void> {
	await db.transaction('rw', db.meta, db.staffRequests, db.staffVisits, async () => {
		await db.staffRequests.clear();
		await db.staffVisits.clear();
		await db.meta.where('key').startsWith('staff:').delete();
	});
}
