import { isRealDate, isTimeOfDay } from '../shared/rules/dates';
import type { CalendarDay } from '../shared/answers';
import type { SlotRef } from '../shared/schemas';
import { booking } from './booking.svelte';
import { cachedPrison } from './current-prison';
import { sameSlot, toggleChoice } from './slot-choices';

/*
 * The link a "place came up" notification or email opens (waitlistBookingPath in
 * shared/schemas-waitlist.ts): /book/slots?prison=…&date=…&start=…. The booking flow takes it as
 * "this prison, this day, and tick this time if it can still be booked".
 */

export interface LinkedSlot extends SlotRef {
	prisonId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The slot the page was opened on, or null for a plain visit to the page (or a link that is not ours). */
export function linkedSlot(url: URL): LinkedSlot | null {
	const prisonId = url.searchParams.get('prison') ?? '';
	const date = url.searchParams.get('date') ?? '';
	const start = url.searchParams.get('start') ?? '';
	if (!UUID.test(prisonId) || !isRealDate(date) || !isTimeOfDay(start)) return null;
	return { prisonId, date, start };
}

/**
 * Points the draft at the linked prison (the device has it cached: it joined the waiting list
 * there). Times chosen at another prison do not apply there, so they go; the rest of the draft stays.
 */
export async function openLinkedSlot(linked: LinkedSlot): Promise<void> {
	await booking.load();
	if (booking.draft.prisonId === linked.prisonId) return;
	if (!(await cachedPrison(linked.prisonId))) return;
	booking.draft.prisonId = linked.prisonId;
	booking.draft.slots = [];
}

/** The choices with the linked time ticked, if the calendar says it can be booked now (else as they were). */
export function chooseLinkedSlot(choices: readonly SlotRef[], days: readonly CalendarDay[], linked: SlotRef): SlotRef[] {
	if (choices.some((choice) => sameSlot(choice, linked))) return [...choices];
	const slot = days.find((day) => day.date === linked.date)?.slots.find((s) => s.start === linked.start);
	return slot?.bookable ? toggleChoice(choices, linked, true) : [...choices];
}
