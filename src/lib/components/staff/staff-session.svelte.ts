import { getContext, setContext } from 'svelte';
import { cachedPrisons, fetchPrisons } from '../../client/cached-reads';
import { isApiFailure } from '../../client/api-result';
import { deviceDb, type PrisonRow } from '../../client/db';
import { loadSession, signOut as endSession } from '../../client/staff/session';
import { STAFF_META, readStaffMeta, writeStaffMeta } from '../../client/staff/staff-meta';
import { DEFAULT_PRISON_RULES } from '../../shared/domain';
import type { StaffUser } from '../../shared/answers';

/** Prisons by id. Replaced whole when it changes (never changed in place), so a plain map in $state is reactive enough. */
function byId(prisons: readonly PrisonRow[]): ReadonlyMap<string, PrisonRow> {
	return new Map(prisons.map((p) => [p.id, p]));
}

/*
 * The staff layout's state, shared with every staff page through context: who is signed in, which
 * of their prisons is shown, and that prison's rules (time zone, adult age).
 */
export class StaffSession {
	user = $state<StaffUser | null>(null);
	/** 'cache': the server could not be asked; the officer as last seen on this device. */
	source = $state<'network' | 'cache'>('cache');
	ready = $state(false);
	/** What the browser says about the connection (pages then say they show the saved copy). */
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	prisonId = $state<string | null>(null);
	prisonRules = $state<ReadonlyMap<string, PrisonRow>>(byId([]));

	prison = $derived(this.user?.prisons.find((p) => p.id === this.prisonId) ?? this.user?.prisons[0] ?? null);
	timeZone = $derived((this.prison && this.prisonRules.get(this.prison.id)?.timeZone) ?? DEFAULT_PRISON_RULES.timeZone);
	adultAge = $derived((this.prison && this.prisonRules.get(this.prison.id)?.adultAge) ?? DEFAULT_PRISON_RULES.adultAge);

	async load(): Promise<void> {
		const db = deviceDb();
		const [session, chosen, prisons] = await Promise.all([
			loadSession(db),
			readStaffMeta<string>(db, STAFF_META.prisonId),
			cachedPrisons(db)
		]);
		this.user = session.user;
		this.source = session.source;
		this.prisonRules = byId(prisons);
		this.prisonId = session.user?.prisons.some((p) => p.id === chosen) ? chosen! : (session.user?.prisons[0]?.id ?? null);
		this.ready = true;
		// Time zones and ages live in the public prison list; a fresh copy is nice, not needed.
		const fresh = await fetchPrisons(db);
		if (!isApiFailure(fresh)) this.prisonRules = byId(fresh.prisons);
	}

	signedIn(user: StaffUser): void {
		this.user = user;
		this.source = 'network';
		if (!user.prisons.some((p) => p.id === this.prisonId)) this.prisonId = user.prisons[0]?.id ?? null;
	}

	async choosePrison(prisonId: string): Promise<void> {
		this.prisonId = prisonId;
		await writeStaffMeta(deviceDb(), STAFF_META.prisonId, prisonId);
	}

	async signOut(): Promise<void> {
		await endSession(deviceDb());
		this.user = null;
		this.prisonId = null;
	}
}

const KEY = Symbol('staff-session');

export function provideStaffSession(): StaffSession {
	return setContext(KEY, new StaffSession());
}

export function staffSession(): StaffSession {
	return getContext<StaffSession>(KEY);
}
