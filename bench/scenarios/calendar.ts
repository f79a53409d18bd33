// GET /api/prisons/:id/slots for 28 days, warm: full answers, and revalidations that get 304.
import { load, type LoadFigures } from '../load';
import { calendarRange } from '../visit-request';
import { CONNECTIONS } from './control';

export interface CalendarFigures {
	full: LoadFigures;
	notModified: LoadFigures;
}

export async function runCalendar(serverUrl: string, prisonId: string, seconds: number): Promise<CalendarFigures> {
	const { from, to } = calendarRange();
	const url = `${serverUrl}/api/prisons/${prisonId}/slots?from=${from}&to=${to}`;
	const first = await fetch(url);
	const body = (await first.json()) as { days?: unknown[] };
	if (first.status !== 200 || body.days?.length !== 28) throw new Error(`calendar answered ${first.status} with ${body.days?.length} days`);
	const etag = first.headers.get('etag') ?? '';

	const full = await load(url, { connections: CONNECTIONS, seconds, warmupSeconds: 1 });
	// What devices mostly send: the ETag of the copy they hold.
	const notModified = await load(url, { connections: CONNECTIONS, seconds: Math.max(2, seconds / 2), headers: { 'if-none-match': etag } });
	return { full, notModified };
}
