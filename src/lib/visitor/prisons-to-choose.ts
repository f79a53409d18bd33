import { browser } from '$app/environment';
import type { Prison } from '../shared/answers';
import type { PrisonRow } from '../client/db';
import { prisonFromRow } from './prison';

/**
 * The prisons a visitor chooses from: on the device its own copy (no wait for the network, offline
 * too), else the service's list. In the page the server sends, the list is the server's, so the
 * page's largest content is in the first response; the app then takes the page over with that
 * same answer, which SvelteKit replays from the page rather than asking again. Null when there is
 * neither (no signal and no copy): the page then waits for the device's own refresh.
 */
export async function prisonsToChoose(fetch: typeof globalThis.fetch): Promise<Prison[] | null> {
	if (browser) {
		const [{ deviceDb }, { cachedPrisons }] = await Promise.all([import('../client/db'), import('../client/cached-reads')]);
		const copy = await cachedPrisons(deviceDb());
		if (copy.length > 0) return copy.map(prisonFromRow);
	}
	try {
		const response = await fetch('/api/prisons');
		if (!response.ok) return null;
		const { prisons } = (await response.json()) as { prisons: PrisonRow[] };
		return prisons.map(prisonFromRow);
	} catch {
		return null;
	}
}
