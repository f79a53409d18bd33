import { refreshWhenBack } from './refresh-when-back';

/*
 * A page that shows the family's requests ("Your visits", a request's own page) asks the server
 * again: when it opens, when it is shown again or focused, when the phone is back online, and
 * every half minute while it is on screen. A family who did not turn on notifications (or whose
 * push was lost) sees a decision within that half minute of looking, instead of never.
 */

/** How often a page on screen asks again: often enough for a decision to show while it is looked at. */
export const REQUESTS_FRESH_EVERY_MS = 30_000;

/**
 * Runs `refresh` now and whenever the requests may have changed unseen; a round already running
 * is not started twice (focus and visibilitychange come together). Returns a stop function.
 * `refresh` answers null, or a failure whose status 0 (no network) is tried again a few times.
 */
export function keepRequestsFresh(
	refresh: () => Promise<{ status?: number } | null | undefined>,
	options: { everyMs?: number; retryDelaysMs?: readonly number[] } = {}
): () => void {
	let running: Promise<{ status?: number } | null | undefined> | undefined;
	const once = () => {
		running ??= refresh().finally(() => (running = undefined));
		return running;
	};
	const back = refreshWhenBack(once, options.retryDelaysMs);
	const onFocus = () => back.now();
	addEventListener('focus', onFocus);
	// Only while it is looked at: a page in a background tab asks when it is shown again.
	const timer = setInterval(() => {
		if (document.visibilityState === 'visible') back.now();
	}, options.everyMs ?? REQUESTS_FRESH_EVERY_MS);
	back.now();
	return () => {
		back.stop();
		removeEventListener('focus', onFocus);
		clearInterval(timer);
	};
}
