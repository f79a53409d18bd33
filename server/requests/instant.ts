// Booking at once (PRODUCT.md Round 3, "Book at once when nothing stands in the way"): in a prison
// whose bookingMode is 'instant', a new request is checked against the prisoner's record in its
// submit transaction and, when nothing needs a person, booked there by `system` with the same
// place-taking and allowance rule as a staff confirm (requests/places.ts takeVisitPlace,
// prisoners/confirm.ts). A flag is a reason for review, nothing more: the
// request then waits for staff as in a 'request' prison, carrying its reasons.
import type { Transaction } from 'kysely';
import { closureFor, findTimetableSlot } from '../../src/lib/shared/rules/calendar';
import { flagsFor, NO_RECORD, type Flag } from '../../src/lib/shared/rules/flags';
import { t } from '../../src/lib/shared/i18n';
import type { VisitRequestInput } from '../../src/lib/shared/schemas';
import type { VisitRequest } from '../../src/lib/shared/answers';
import type { Database } from '../db/schema';
import { Conflict, RuleProblems } from '../domain-errors';
import { queueNotice, type ServiceChannels } from '../messages/notices';
import { closedVisitFlags } from '../prisons/closed-visits';
import { takeVisitPlace } from './places';
import { lockPrisonForConfirm } from '../prisons/lock';
import { bumpCalendarVersion } from '../prisons/repository';
import { confirmAgainstRecord } from '../prisoners/confirm';
import { keyOf, loadFlagRecords } from '../prisoners/repository';
import { jsonb } from '../db/json';
import { readRequest } from './repository';
import { applyTransition } from './state-change';
import type { InsertedRequest } from './submit-statements';

const SYSTEM = { type: 'system' } as const;

/** Every flag a new request would show staff, from the prisoner's record as it is now (under the prisoner's lock). */
export async function flagsOfNewRequest(trx: Transaction<Database>, prisonId: string, input: VisitRequestInput): Promise<Flag[]> {
	const key = { prisonId, prisonerNumber: input.prisoner.prisonerNumber };
	const [records, closed] = await Promise.all([loadFlagRecords(trx, [key]), closedVisitFlags(trx, prisonId, key.prisonerNumber)]);
	const subject = {
		id: input.id,
		status: 'requested' as const,
		visitors: input.visitors,
		slots: input.slots,
		bookedSlot: null,
		excludedVisitors: []
	};
	return [...flagsFor(subject, records.get(keyOf(key)) ?? NO_RECORD), ...closed];
}

/**
 * Books a request just stored (still `requested`, in this transaction) in the first chosen slot
 * with a place. Answers the request as it now stands, or the flags the confirm's own check found
 * when the record changed in the meantime (a staff confirm of another request used the last of the
 * allowance): the request then waits for staff like a flagged one. No chosen slot with a place left → 422 naming each slot as full, as a submit that read them
 * full would have: the transaction rolls back and the device asks to choose again.
 */
export async function bookAtOnce(
	trx: Transaction<Database>,
	stored: InsertedRequest,
	input: VisitRequestInput,
	context: { channels: ServiceChannels; now: Date }
): Promise<{ booked: VisitRequest } | { flags: Flag[] }> {
	const row = stored.row;
	const prisonId = row.prisonId;
	try {
		// Before a place is taken: a record that changed under us leaves nothing to give back.
		const chosen = input.slots[0]!;
		await confirmAgainstRecord(trx, {
			requestId: row.id,
			prisonId,
			prisonerNumber: row.prisonerNumber,
			date: chosen.date,
			excludedVisitors: [],
			actor: SYSTEM,
			now: context.now,
			visitors: input.visitors
		});
	} catch (error) {
		if (error instanceof Conflict && error.code === 'flagged') return { flags: (error.details?.flags ?? []) as Flag[] };
		throw error;
	}

	let booked: { date: string; start: string } | undefined;
	for (const slot of input.slots) {
		// The confirm's lock and read of the timetable and closures: a closure saved at this moment
		// commits wholly before (and this slot is skipped) or after (and finds the new booking).
		const rules = await lockPrisonForConfirm(trx, prisonId, slot.date);
		const timetableSlot = rules && findTimetableSlot(rules.timetable, slot.date, slot.start);
		if (!timetableSlot || closureFor(rules.closures, slot.date, slot.start)) continue;
		try {
			await takeVisitPlace(trx, row, { prisonId, date: slot.date, start: slot.start }, timetableSlot);
		} catch (error) {
			// A full choice is no failure here: the next choice may have a place. The guard refused in
			// plain code (no statement failed), so the transaction goes on.
			if (error instanceof Conflict && error.code === 'slot_full') continue;
			throw error;
		}
		booked = slot;
		break;
	}
	if (!booked) {
		const fields = Object.fromEntries(input.slots.map((_, index) => [`slots.${index}`, t('validation.slot.full')]));
		throw new RuleProblems('api.request.rulesBroken', { fields });
	}
	// The allowance was taken against the first choice's date; a ban on a later choice's date is a
	// flag already (flags cover every chosen date), so there is nothing more to check for it.
	await applyTransition(
		trx,
		row,
		'booked',
		SYSTEM,
		context.now,
		{ bookedDate: booked.date, bookedStart: booked.start, excludedVisitors: jsonb<number[]>([]), decidedAt: context.now, decidedBy: null },
		{ slot: booked, excludedVisitors: [], instant: true }
	);
	await bumpCalendarVersion(trx, prisonId);
	// The family's one notice: booked (the 'sent' one was not queued).
	await queueNotice(trx, row.id, 'booked', context.channels, context.now);
	return { booked: await readRequest(trx, row.id) };
}
