// GET /api/prisons/:id/slots for 28 days, warm: full answers, and revalidations that get 304.
import { load } from '../load';
import type { LoadRun } from '../side-by-side';
import { calendarRange } from '../visit-request';
import { CONNECTIONS } from './control';

export interface CalendarLoads {
	full: LoadRun;
	/** What devices mostly send: the ETag of the copy they hold. */
	notModified: LoadRun;
}

/** Checks the calendar answers as the PWA expects before it is measured. */
export async function calendarLoads(serverUrl: string, prisonId: string): Promise<CalendarLoads> {
	const { from, to } = calendarRange();
	const url = `${serverUrl}/api/prisons/${prisonId}/slots?from=${from}&to=${to}`;
	const first = await fetch(url);
	const body = (await first.json()) as { days?: unknown[] };
	if (first.status !== 200 || body.days?.length !== 28) throw new Error(`calendar answered ${first.status} with ${body.days?.length} days`);
	const etag = first.headers.get('etag');
	if (!etag) throw new Error('calendar answered without an ETag');
	const revalidated = await fetch(url, { headers: { 'if-none-match': etag } });
	if (revalidated.status !== 304) throw new Error(`calendar revalidation answered ${revalidated.status}, not 304`);

	return {
		full: (seconds, warmupSeconds) => load(url, { connections: CONNECTIONS, seconds, warmupSeconds }),
		notModified: (seconds, warmupSeconds) =>
			load(url, { connections: CONNECTIONS, seconds, warmupSeconds, headers: { 'if-none-match': etag } })
	};
}
