// Staff sessions. The cookie holds a random token; the database holds only its sha256, so a leaked
// database row cannot be replayed as a cookie. Sessions last 12 hours from the last request (sliding).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { StaffIdentity } from './staff-identity';
import { endSessionStreams } from './session-streams';
import { randomToken, sha256Hex } from './tokens';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
// Sliding the expiry on every request would write on every read; once a minute is plenty.
const SLIDE_AFTER_MS = 60 * 1000;

export interface NewSession {
	/** Goes in the cookie; never stored. */
	token: string;
	expiresAt: Date;
}

export interface SessionLookup {
	staff: StaffIdentity;
	expiresAt: Date;
	/** True when this lookup moved the expiry on, so the cookie should be re-sent with the new lifetime. */
	extended: boolean;
}

export async function createSession(db: Kysely<Database>, staffId: string, now: Date): Promise<NewSession> {
	const token = randomToken();
	const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
	await db
		.insertInto('staffSessions')
		.values({ idHash: sha256Hex(token), staffId, createdAt: now, lastSeenAt: now, expiresAt })
		.execute();
	return { token, expiresAt };
}

/**
 * The staff member behind a session token, or null when the token is unknown or expired.
 * Slides the expiry forward when the session is in use.
 */
export async function lookupSession(db: Kysely<Database>, token: string, now: Date): Promise<SessionLookup | null> {
	const idHash = sha256Hex(token);
	const row = await db
		.selectFrom('staffSessions as s')
		.innerJoin('staffUsers as u', 'u.id', 's.staffId')
		.select(['u.id', 'u.email', 'u.name', 'u.admin', 'u.serviceAdmin', 's.expiresAt', 's.lastSeenAt'])
		.where('s.idHash', '=', idHash)
		// Deactivating ends a user's sessions; this makes sure none outlives it.
		.where('u.deactivatedAt', 'is', null)
		.executeTakeFirst();
	if (!row || row.expiresAt.getTime() <= now.getTime()) return null;

	const prisons = await db.selectFrom('staffPrisons').select('prisonId').where('staffId', '=', row.id).execute();
	const staff: StaffIdentity = {
		id: row.id,
		email: row.email,
		name: row.name,
		prisonIds: prisons.map((p) => p.prisonId).sort(),
		admin: row.admin,
		serviceAdmin: row.serviceAdmin
	};

	if (now.getTime() - row.lastSeenAt.getTime() < SLIDE_AFTER_MS) {
		return { staff, expiresAt: row.expiresAt, extended: false };
	}
	const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
	await db.updateTable('staffSessions').set({ lastSeenAt: now, expiresAt }).where('idHash', '=', idHash).execute();
	return { staff, expiresAt, extended: true };
}

/** Ends the old session (if any) and starts a new one: call on login so a planted token is worthless. */
export async function rotateSession(db: Kysely<Database>, oldToken: string | undefined, staffId: string, now: Date): Promise<NewSession> {
	if (oldToken) await destroySession(db, oldToken);
	return createSession(db, staffId, now);
}

/** Ends a session; answers whose it was (null when there was none). */
export async function destroySession(db: Kysely<Database>, token: string): Promise<string | null> {
	const idHash = sha256Hex(token);
	const ended = await db.deleteFrom('staffSessions').where('idHash', '=', idHash).returning('staffId').executeTakeFirst();
	// Its open event streams in this process end now, not at their next keep-alive.
	endSessionStreams(idHash);
	return ended?.staffId ?? null;
}

export async function destroyAllSessionsOf(db: Kysely<Database> | Transaction<Database>, staffId: string): Promise<void> {
	await db.deleteFrom('staffSessions').where('staffId', '=', staffId).execute();
}

/** Run with the retention purge (requests/retention-job.ts); expired sessions are already refused by lookupSession. */
export async function deleteExpiredSessions(db: Kysely<Database>, now: Date): Promise<number> {
	const result = await db.deleteFrom('staffSessions').where('expiresAt', '<=', now).executeTakeFirst();
	return Number(result.numDeletedRows);
}

/**
 * The prisons of a session's officer if the session is still live, else null. Unlike
 * lookupSession it never moves the expiry: a page left open is not an officer at work.
 */
export async function liveSessionPrisons(db: Kysely<Database>, token: string, now: Date): Promise<string[] | null> {
	const session = await db
		.selectFrom('staffSessions')
		.innerJoin('staffUsers', 'staffUsers.id', 'staffSessions.staffId')
		.select(['staffSessions.staffId', 'staffSessions.expiresAt'])
		.where('staffSessions.idHash', '=', sha256Hex(token))
		.where('staffUsers.deactivatedAt', 'is', null)
		.executeTakeFirst();
	if (!session || session.expiresAt.getTime() <= now.getTime()) return null;
	const prisons = await db.selectFrom('staffPrisons').select('prisonId').where('staffId', '=', session.staffId).execute();
	return prisons.map((p) => p.prisonId);
}
