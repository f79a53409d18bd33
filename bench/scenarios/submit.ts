// POST /api/visit-requests with a new body (new device-made id) every time, spread over many
// registered devices so the per-device limit (a burst of 20) is never what is measured.
import { load, type LoadFigures } from '../load';
import { bookableDates, visitRequestBody } from '../visit-request';
import { CONNECTIONS } from './control';

export async function runSubmit(serverUrl: string, prisonId: string, deviceSecrets: string[], seconds: number): Promise<LoadFigures> {
	const dates = bookableDates();
	let sent = 0;
	const figures = await load(`${serverUrl}/api/visit-requests`, {
		connections: CONNECTIONS,
		seconds,
		warmupSeconds: 1,
		requests: [
			{
				method: 'POST',
				setupRequest: (request) => {
					const n = sent++;
					// Round robin: no device sends more than its burst unless the run makes 20× as many requests as devices.
					const secret = deviceSecrets[n % deviceSecrets.length]!;
					const body = visitRequestBody(prisonId, [{ date: dates[n % dates.length]!, start: '14:00' }]);
					return {
						...request,
						headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
						body: JSON.stringify(body)
					};
				}
			}
		]
	});
	if (sent > deviceSecrets.length * 20) throw new Error(`submit run sent ${sent} requests over ${deviceSecrets.length} devices: raise the device count`);
	return figures;
}
