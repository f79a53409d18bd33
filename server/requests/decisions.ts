import type { Kysely, Transaction } from 'kysely';
import { closureFor, findTimetableSlot, hasStarted } from '../../src/lib/shared/rules/calendar';
import type { ConfirmInput, RejectInput, StaffCancelInput } from '../../src/lib/shared/schemas';
import type { VisitRequest } from '../../src/lib/shared/answers';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import type { StaffIdentity } from '../auth/staff-identity';
import { Conflict, RuleProblems } from '../domain-errors';
import { lockPrisonForConfirm } from '../prisons/lock';
import { releaseVisitPlace, takeVisitPlace } from './places';
import { bumpCalendarVersion, type PrisonRecord } from '../prisons/repository';
import { confirmAgainstRecord, giveBackAllowance } from '../prisoners/confirm';
import type { Actor } from '../actor';
import { readRequest, type LockedRequest, type RequestRow } from './repository';
import { lockRequestWithDetailsForStaff } from './staff-lock';
import { endChangesOfCancelled } from './changes';
import { applyTransition, assertTransition } from './state-change';

/** Runs after the state change, in the same transaction: queued pushes commit with the decision or not at all. */
export type DecisionHook = (trx: Transaction<Database>, request: VisitRequest) => Promise<void>;

interface DecisionContext {
	requestId: string;
	now: Date;
	onDecided?: DecisionHook;
}

/**
 * Locks the request, checks the officer may act for its prison, runs `decide` and answers the
 * request as it now stands. Everything happens in one transaction.
 */
async function decide(
	db: Kysely<Database>,
	context: DecisionContext,
	staff: StaffIdentity,
	decide: (trx: Transaction<Database>, row: LockedRequest, prison: PrisonRecord, actor: Actor) => Promise<void>
): Promise<VisitRequest> {
	return db.transaction().execute(async (trx) => {
		const { row, prison } = await lockRequestWithDetailsForStaff(trx, context.requestId, staff);
		await decide(trx, row, prison, { type: 'staff', id: staff.id, name: staff.name });
		const request = await readRequest(trx, row.id);
		await context.onDecided?.(trx, request);
		return request;
	});
}

/** Books one of the visitor's chosen slots, if it still has a place. */
export function confirmRequest(db: Kysely<Database>, context: DecisionContext, staff: StaffIdentity, input: ConfirmInput) {
	return decide(db, context, staff, async (trx, row, prison, actor) => {
		await assertTransition(trx, row, 'booked', actor, prison.timeZone);
		const { date, start } = input.slot;

		// The request's slots and visitors came with its locked row (lockRequestWithDetails).
		if (!row.slotRows.some((s) => s.date === date && s.startTime === start))
			throw new RuleProblems('api.decision.slotNotChosen', { field: 'slot' });
		const badPosition = input.excludedVisitors.findIndex((p) => p >= row.visitorRows.length);
		if (badPosition >= 0) {
			throw new RuleProblems('api.decision.noSuchVisitor', { field: `excludedVisitors.${badPosition}` });
		}

		// A closure or timetable save for this prison commits wholly before or after this (prisons/lock.ts);
		// the timetable and the day's closures are read under the lock, in the same round trip.
		const rules = await lockPrisonForConfirm(trx, prison.id, date);
		const slot = rules && findTimetableSlot(rules.timetable, date, start);
		const closure = rules && closureFor(rules.closures, date, start);
		if (!slot || closure) throw new Conflict('api.conflict.slotClosed', { code: 'slot_closed', field: 'slot' });
		if (hasStarted(date, start, prison.timeZone, context.now)) {
			throw new Conflict('validation.slot.past', { code: 'slot_past', field: 'slot' });
		}
		const { excludedVisitors, override } = input;
		const record = { requestId: row.id, prisonId: prison.id, prisonerNumber: row.prisonerNumber, date, excludedVisitors, override };
		await confirmAgainstRecord(trx, { ...record, actor, now: context.now, visitors: row.visitorRows });
		await takeVisitPlace(trx, row, { prisonId: prison.id, date, start }, slot);

		await applyTransition(
			trx,
			row,
			'booked',
			actor,
			context.now,
			{
				bookedDate: date,
				bookedStart: start,
				excludedVisitors: jsonb(input.excludedVisitors),
				decisionMessage: input.message ?? null,
				decidedAt: context.now,
				decidedBy: actor.type === 'staff' ? actor.id : null
			},
			{ slot: input.slot, excludedVisitors: input.excludedVisitors }
		);
		await bumpCalendarVersion(trx, prison.id);
	});
}

export function rejectRequest(db: Kysely<Database>, context: DecisionContext, staff: StaffIdentity, input: RejectInput) {
	return decide(db, context, staff, async (trx, row, prison, actor) => {
		await assertTransition(trx, row, 'rejected', actor, prison.timeZone);
		await applyTransition(
			trx,
			row,
			'rejected',
			actor,
			context.now,
			{
				rejectionReasons: jsonb<string[]>(input.reasons),
				decisionMessage: input.message ?? null,
				decidedAt: context.now,
				decidedBy: actor.type === 'staff' ? actor.id : null
			},
			{ reasons: input.reasons }
		);
	});
}

export function cancelByStaff(db: Kysely<Database>, context: DecisionContext, staff: StaffIdentity, input: StaffCancelInput) {
	return decide(db, context, staff, async (trx, row, prison, actor) => {
		await cancelBooking(trx, row, prison, actor, context.now, {
			cancellationReason: input.reason,
			decisionMessage: input.message ?? null
		});
	});
}

/** Cancels a booked visit before it starts and gives its place back. Shared by staff and visitors. */
export async function cancelBooking(
	trx: Transaction<Database>,
	row: RequestRow,
	prison: PrisonRecord,
	actor: Actor,
	now: Date,
	updates: { cancellationReason: string; decisionMessage?: string | null }
): Promise<void> {
	await assertTransition(trx, row, 'cancelled', actor, prison.timeZone);
	if (!row.bookedDate || !row.bookedStart) throw new Error('A booked request has no booked slot');
	if (hasStarted(row.bookedDate, row.bookedStart, prison.timeZone, now)) {
		throw new Conflict('api.conflict.visitStarted', { code: 'visit_started' });
	}
	await releaseVisitPlace(trx, row.id, { prisonId: prison.id, date: row.bookedDate, start: row.bookedStart }, now);
	await giveBackAllowance(trx, row.id, now);
	await applyTransition(trx, row, 'cancelled', actor, now, updates, { reason: updates.cancellationReason });
	await endChangesOfCancelled(trx, row.id, now);
	await bumpCalendarVersion(trx, prison.id);
}
