import './zod-setup';
import type { z } from 'zod';
import { SlotRef } from './schemas';

/*
 * The waiting list for a full slot: POST and DELETE /api/prisons/:prisonId/waitlist
 * take the slot, `{"date","start"}`, the same shape as a request's slot choice.
 */
export const WaitlistInput = SlotRef;
export type WaitlistInput = z.output<typeof WaitlistInput>;

/** One slot a device waits for, as GET /api/waitlist lists it. */
export interface WaitlistEntry {
	id: string;
	prisonId: string;
	prisonName: string;
	date: string;
	start: string;
	/** The slot's end, from the timetable (the start when the slot has gone from it). */
	end: string;
	createdAt: string;
}

export { waitlistBookingPath } from './waitlist-path';

/** The push payload's `status` for "a place came up" (its `requestId` is the entry's id). */
export const PLACE_PUSH_STATUS = 'place';
