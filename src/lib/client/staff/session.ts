import type { StaffUser } from '../../shared/answers';
import type { LoginInput } from '../../shared/schemas';
import { callApi, type ApiOptions } from '../api';
import type { ApiFailure } from '../api-result';
import { META, deleteMeta, setMeta, type BookAPrisonVisitDb } from '../db';
import { endStaffAlerts } from '../push';
import { STAFF_META, forgetStaffData, readStaffMeta, writeStaffMeta } from './staff-meta';

/*
 * The officer's session. The server keeps it in an HttpOnly cookie (so it survives restarts and
 * script never sees it); the device keeps who signed in, so staff pages open offline.
 */

export type SessionState =
	| { user: StaffUser; source: 'network' | 'cache'; failure?: ApiFailure }
	/** Not signed in (the server said so, or nothing is cached and the server is out of reach). */
	| { user: null; source: 'network' | 'cache'; failure?: ApiFailure };

type Transport = Pick<ApiOptions, 'fetch' | 'baseUrl'>;

async function rememberUser(db: BookAPrisonVisitDb, user: StaffUser): Promise<void> {
	await writeStaffMeta(db, STAFF_META.user, user);
	// The service worker subscribes to push with the staff cookie rather than the device secret.
	await setMeta(db, META.staffMode, true);
}

export async function cachedStaffUser(db: BookAPrisonVisitDb): Promise<StaffUser | undefined> {
	return readStaffMeta<StaffUser>(db, STAFF_META.user);
}

/**
 * Who is signed in: the server's answer when it gives one, the cached officer when offline. Asks
 * GET /api/staff/session, which says "signed out" with a 200: a 401 from /api/staff/me would be a
 * console error on every first visit to the sign-in page.
 */
export async function loadSession(db: BookAPrisonVisitDb, transport: Transport = {}): Promise<SessionState> {
	const result = await callApi((api) => api.staff.session.$get(), { ...transport, auth: 'staff' });
	if (result.ok && result.data.signedIn) {
		await rememberUser(db, result.data.staff);
		return { user: result.data.staff, source: 'network' };
	}
	if (result.ok || result.status === 401) {
		// The cached name would now be a lie; queued decisions stay and wait for a new sign-in.
		await db.meta.delete(STAFF_META.user);
		return { user: null, source: 'network', ...(result.ok ? {} : { failure: result }) };
	}
	const cached = await cachedStaffUser(db);
	return cached ? { user: cached, source: 'cache', failure: result } : { user: null, source: 'cache', failure: result };
}

/** After a successful staff sign-in: decisions queued while signed out may go again. */
export async function markStaffSignedIn(db: BookAPrisonVisitDb): Promise<void> {
	await deleteMeta(db, META.staffSignInNeeded);
}

export type SignInResult = { ok: true; user: StaffUser } | { ok: false; failure: ApiFailure };

export async function signIn(db: BookAPrisonVisitDb, input: LoginInput, transport: Transport = {}): Promise<SignInResult> {
	const result = await callApi((api) => api.staff.login.$post({ json: input }), { ...transport, auth: 'staff' });
	if (!result.ok) return { ok: false, failure: result };
	const previous = await cachedStaffUser(db);
	// Another officer's cached requests must not show under this one's name.
	if (previous && previous.id !== result.data.id) await forgetStaffData(db);
	await rememberUser(db, result.data);
	await markStaffSignedIn(db);
	return { ok: true, user: result.data };
}

/** Ends the session on the server when it can be reached, and always on the device. */
export async function signOut(db: BookAPrisonVisitDb, transport: Transport = {}): Promise<void> {
	await endStaffAlerts(db, { transport });
	await callApi((api) => api.staff.logout.$post(), { ...transport, auth: 'staff' });
	await forgetStaffData(db);
	await deleteMeta(db, META.staffMode);
}

/** Decisions and settings changes still queued: signing out now would leave them for the next officer. */
export async function queuedStaffChanges(db: BookAPrisonVisitDb): Promise<number> {
	return db.outbox
		.where('state')
		.anyOf('pending', 'sending')
		.filter((item) => item.auth === 'staff')
		.count();
}
