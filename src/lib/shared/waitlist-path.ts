// Apart from schemas-waitlist.ts (which loads zod) so that the your-visits page, which links to it,
// paints without zod.

/** Where a "place came up" notification takes the visitor: the booking flow's calendar, on that slot. */
export function waitlistBookingPath(entry: { prisonId: string; date: string; start: string }): string {
	const query = new URLSearchParams({ prison: entry.prisonId, date: entry.date, start: entry.start });
	return `/book/slots?${query.toString()}`;
}
