// Booking on a visitor's behalf (a family phones, comes in, emails, or the prisoner asks): staff
// book one slot at once, under the same rules as a visitor's request (the staff window starts
// today), the same capacity guard, and the prisoner's record (flags, allowance).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { t } from '../../src/lib/shared/i18n';
import { hasErrors } from '../../src/lib/shared/rules/field-errors';
import { findTimetableSlot } from '../../src/lib/shared/rules/calendar';
import { makeReference } from '../../src/lib/shared/rules/reference';
import { checkVisitRequest } from '../../src/lib/shared/rules/visit-request';
import type { VisitRequestInput } from '../../src/lib/shared/schemas';
import type { StaffBookingInput } from '../../src/lib/shared/schemas-prisoners';
import type { VisitRequest } from '../../src/lib/shared/answers';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import { NotFound, RuleProblems } from '../domain-errors';
import { bumpCalendarVersion, findPrison, loadClosures, loadTimetable, loadUsage, rulesOf } from '../prisons/repository';
import { confirmAgainstRecord } from '../prisoners/confirm';
import { takeVisitPlace } from './places';
import { actorColumns, type Actor } from '../actor';
import { canonicalJson } from './canonical-json';
import type { StaffIdentity } from '../auth/staff-identity';
import type { DecisionHook } from './decisions';
import { insertVisitorsAndSlots, requestsQuery, toVisitRequest } from './repository';

export interface OnBehalfOptions {
	prisonId: string;
	staff: StaffIdentity;
	now: Date;
	input: StaffBookingInput;
	/** Runs in the booking's transaction, like a decision's hook (the visitor's notification). */
	onBooked?: DecisionHook;
}

class ReferenceTaken extends Error {}

/** The booked request. 422 for a broken rule, 409 `flagged` (no override), `slot_full` or `closed_full`; nothing is stored then. */
export async function bookOnBehalf(db: Kysely<Database>, options: OnBehalfOptions): Promise<VisitRequest> {
	const { input, now } = options;
	const prison = await findPrison(db, options.prisonId);
	if (!prison) throw new NotFound('api.prison.notFound');

	const request: VisitRequestInput = {
		id: randomUUID(),
		prisonId: prison.id,
		prisoner: input.prisoner,
		visitors: input.visitors,
		slots: input.slots ?? [input.slot],
		...(input.additionalSupport ? { additionalSupport: input.additionalSupport } : {})
	};
	const { date, start } = input.slot;
	const [timetable, closures, usage] = await Promise.all([
		loadTimetable(db, prison.id),
		loadClosures(db, prison.id, date, date),
		loadUsage(db, prison.id, date, date)
	]);
	// The slot booked is the one the rules judge; staff may book from today (no lead time).
	const problems = checkVisitRequest(
		{ ...request, slots: [input.slot] },
		{ prison: { ...rulesOf(prison), leadDays: 0 }, timetable, closures, usage, now }
	);
	const fields = Object.fromEntries(Object.entries(problems).map(([path, text]) => [path === 'slots.0' ? 'slot' : path, text]));
	if (hasErrors(fields)) throw new RuleProblems('api.booking.rulesBroken', { fields });
	const slot = findTimetableSlot(timetable, date, start);
	if (!slot) throw new RuleProblems('api.booking.rulesBroken', { fields: { slot: t('validation.slot.unknown') } });

	const actor: Actor = { type: 'staff', id: options.staff.id, name: options.staff.name };
	const bodyHash = createHash('sha256').update(canonicalJson(request)).digest('hex');
	for (let attempt = 0; attempt < 5; attempt += 1) {
		try {
			return await db.transaction().execute(async (trx) => {
				await insertBooked(trx, request, { bodyHash, prisonId: prison.id, slot: input.slot, method: input.method, actor, now });
				await confirmAgainstRecord(trx, {
					requestId: request.id,
					prisonId: prison.id,
					prisonerNumber: request.prisoner.prisonerNumber,
					date,
					excludedVisitors: [],
					override: input.override,
					actor,
					now
				});
				// As a confirm takes it: a closed table for a closed-visits-only prisoner.
				await takeVisitPlace(
					trx,
					{ id: request.id, prisonerNumber: request.prisoner.prisonerNumber },
					{ prisonId: prison.id, date, start },
					slot
				);
				await bumpCalendarVersion(trx, prison.id);
				const booked = await toVisitRequest(trx, await requestsQuery(trx).where('id', '=', request.id).executeTakeFirstOrThrow());
				await options.onBooked?.(trx, booked);
				return booked;
			});
		} catch (error) {
			if (!(error instanceof ReferenceTaken)) throw error;
		}
	}
	throw new Error('Could not find a free booking reference after 5 attempts');
}

async function insertBooked(
	trx: Transaction<Database>,
	request: VisitRequestInput,
	booking: { bodyHash: string; prisonId: string; slot: { date: string; start: string }; method: string; actor: Actor; now: Date }
): Promise<void> {
	const { now, slot } = booking;
	// A request belongs to a device; one booked by staff gets a device of its own whose secret nobody
	// holds, until a visitor's phone claims it by reference (request_devices).
	const device = await trx
		.insertInto('visitorDevices')
		.values({ secretHash: createHash('sha256').update(randomBytes(32)).digest('hex'), createdAt: now, lastSeenAt: now })
		.returning('id')
		.executeTakeFirstOrThrow();
	const row = await trx
		.insertInto('visitRequests')
		.values({
			id: request.id,
			prisonId: booking.prisonId,
			deviceId: device.id,
			reference: makeReference((n) => randomBytes(n)),
			status: 'booked',
			bodyHash: booking.bodyHash,
			prisonerFirstName: request.prisoner.firstName,
			prisonerLastName: request.prisoner.lastName,
			prisonerDateOfBirth: request.prisoner.dateOfBirth,
			prisonerNumber: request.prisoner.prisonerNumber,
			additionalSupport: request.additionalSupport ?? null,
			firstDate: [...request.slots.map((s) => s.date)].sort()[0] ?? slot.date,
			bookedDate: slot.date,
			bookedStart: slot.start,
			decidedAt: now,
			decidedBy: booking.actor.type === 'staff' ? booking.actor.id : null,
			bookingMethod: booking.method as StaffBookingInput['method'],
			createdAt: now,
			updatedAt: now
		})
		.onConflict((oc) => oc.column('reference').doNothing())
		.returning('id')
		.executeTakeFirst();
	if (!row) throw new ReferenceTaken();
	await insertVisitorsAndSlots(trx, request.id, request.visitors, request.slots);
	await trx
		.insertInto('stateChanges')
		.values({
			requestId: request.id,
			fromStatus: null,
			toStatus: 'booked',
			...actorColumns(booking.actor),
			at: now,
			detail: jsonb({ method: booking.method, slot })
		})
		.execute();
}
