/*
 * Fetching again once the device has signal back, used by the staff pages (their queue and
 * visit lists) and the visitor's saved prison list and calendars alike.
 */

/**
 * Fetch again when the device is back: on `online`, when the page is shown again, and when
 * `now()` is called (the event stream reconnected). The network often is not usable yet the
 * moment `online` fires (Wi-Fi associated, no route yet), so a fetch that fails for want of a
 * network is tried again a few times, further apart. Returns `now` and `stop`.
 */
export function refreshWhenBack(
	refresh: () => Promise<{ status?: number } | null | undefined>,
	retryDelaysMs: readonly number[] = [1_000, 3_000, 10_000, 30_000]
): { now: () => void; stop: () => void } {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let round = 0;
	let stopped = false;
	const attempt = async (retry: number) => {
		if (stopped) return;
		const mine = round;
		const failure = await refresh().catch(() => ({ status: 0 }));
		const delay = retryDelaysMs[retry];
		// A network failure (status 0) is worth another try; a newer round takes over from this one.
		if (failure?.status === 0 && delay !== undefined && mine === round && !stopped)
			timer = setTimeout(() => void attempt(retry + 1), delay);
	};
	const now = () => {
		round += 1;
		clearTimeout(timer);
		void attempt(0);
	};
	const onVisible = () => {
		if (document.visibilityState === 'visible') now();
	};
	addEventListener('online', now);
	document.addEventListener('visibilitychange', onVisible);
	return {
		now,
		stop: () => {
			stopped = true;
			clearTimeout(timer);
			removeEventListener('online', now);
			document.removeEventListener('visibilitychange', onVisible);
		}
	};
}
