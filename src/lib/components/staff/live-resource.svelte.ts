import type { ApiFailure } from '../../client/api-result';
import { subscribeQuery } from '../../client/live-query';
import { refreshWhenBack } from '../../client/refresh-when-back';
import { coalesce, watchStaffEvents, type StaffEvent } from '../../client/staff/live-events';

/*
 * What a staff page shows, kept live: the device's stored copy (watched with subscribeQuery, so the page works the
 * same offline), fetched again from the server when what the page asks for changes, when another
 * officer's change is heard on the staff event stream, and when the device is back online. The staff
 * pages used to repeat these effects each; call this once in a page's script (it creates the effects).
 */

export interface LiveStaffResource {
	readonly refreshing: boolean;
	/** The last fetch's failure (status 0: no network), or null. */
	readonly failure: ApiFailure | null;
	/** Fetch now (the Refresh button, or after this page's own change reached the server). */
	refresh: () => Promise<ApiFailure | null>;
}

export interface LiveStaffResourceOptions<Stored> {
	/**
	 * The query of the device's copy, or null when there is nothing to show yet (no prison chosen). The
	 * page's values it reads (prison, date) subscribe it again when they change.
	 */
	stored: () => (() => Promise<Stored>) | null;
	onStored: (value: Stored) => void;
	/** Asks the server and stores its answer. The page's values it reads (before its first await) make it fetch again when they change. */
	fetch: () => Promise<ApiFailure | null>;
	/** Which staff events make the page fetch again, or null not to listen (no prison chosen). */
	hears: () => ((event: StaffEvent) => boolean) | null;
	/**
	 * `online` (default): fetch when the device comes online. `retry`: refreshWhenBack, which also
	 * fetches when the page is shown again and retries a fetch the network was not ready for.
	 */
	whenBack?: 'online' | 'retry';
	/** Fetch when the event stream (re)connects, for what was missed meanwhile (default true). */
	fetchOnReconnect?: boolean;
}

export function liveStaffResource<Stored>(options: LiveStaffResourceOptions<Stored>): LiveStaffResource {
	let refreshing = $state(false);
	let failure = $state<ApiFailure | null>(null);

	async function refresh(): Promise<ApiFailure | null> {
		refreshing = true;
		failure = await options.fetch();
		refreshing = false;
		return failure;
	}

	$effect(() => {
		const query = options.stored();
		if (!query) return;
		return subscribeQuery(query, options.onStored);
	});

	$effect(() => {
		void refresh();
	});

	$effect(() => {
		const hears = options.hears();
		if (!hears) return;
		const again = coalesce(() => void refresh());
		const onReconnect = options.fetchOnReconnect ?? true;
		if (options.whenBack === 'retry') {
			// Back after a break (online, shown again, the event stream (re)connected): fetch what was missed.
			const back = refreshWhenBack(refresh);
			const stop = watchStaffEvents((event) => hears(event) && again(), onReconnect ? { onReady: back.now } : {});
			return () => {
				stop();
				back.stop();
			};
		}
		const stop = watchStaffEvents((event) => hears(event) && again(), onReconnect ? { onReady: again } : {});
		const onOnline = () => void refresh();
		addEventListener('online', onOnline);
		return () => {
			stop();
			removeEventListener('online', onOnline);
		};
	});

	return {
		get refreshing() {
			return refreshing;
		},
		get failure() {
			return failure;
		},
		refresh
	};
}
