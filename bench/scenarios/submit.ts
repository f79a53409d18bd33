// POST /api/visit-requests with a new body (new device-made id) every time, spread over many
// registered devices so the per-device limit (a burst of 20) is never what is measured.
import { load } from '../load';
import type { LoadRun } from '../side-by-side';
import { bookableDates, visitRequestBody } from '../visit-request';
import { CONNECTIONS } from './control';

/** One load run per call; the count of requests sent carries over, so every body and device turn is new. */
export function submitLoad(serverUrl: string, prisonId: string, deviceSecrets: string[]): LoadRun {
	const dates = bookableDates();
	let sent = 0;
	return async (seconds, warmupSeconds) => {
		const figures = await load(`${serverUrl}/api/visit-requests`, {
			connections: CONNECTIONS,
			seconds,
			warmupSeconds,
			requests: [
				{
					method: 'POST',
					setupRequest: (request) => {
						const n = sent++;
						// Round robin: no device sends more than its burst unless the bench makes 20× as many requests as devices.
						const secret = deviceSecrets[n % deviceSecrets.length]!;
						// Three chosen slots, as in the write-limit yardstick (write-limit.ts).
						const body = visitRequestBody(
							prisonId,
							[0, 1, 2].map((k) => ({ date: dates[(n + k) % dates.length]!, start: '14:00' }))
						);
						return {
							...request,
							headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
							body: JSON.stringify(body)
						};
					}
				}
			]
		});
		if (sent > deviceSecrets.length * 20)
			throw new Error(`submit sent ${sent} requests over ${deviceSecrets.length} devices: raise the device count`);
		return figures;
	};
}
