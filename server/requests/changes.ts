// Changing a booked visit (issue #20, docs/change-and-waitlist.md). The visit stays `booked` at its
// old time while a change waits; staff confirm one of the asked-for times (the booking moves in
// one transaction: the old place given back, the new one taken under the same guard as a confirm)
// or refuse (the old booking stands). The visitor may withdraw a change that is still pending.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ActorType, RequestStatus } from '../../src/lib/shared/domain';
import { formatInstant } from '../../src/lib/shared/format';
import { t, type MessageKey } from '../../src/lib/shared/i18n';
import { hasErrors } from '../../src/lib/shared/rules/field-errors';
import { closureFor, findTimetableSlot, hasStarted } from '../../src/lib/shared/rules/calendar';
import { checkRules, mergeRequestErrors } from '../../src/lib/shared/rules/visit-request';
import { slotKey, type SlotRef } from '../../src/lib/shared/schemas';
import type { ChangeConfirmInput, ChangeInput, ChangeRejectInput } from '../../src/lib/shared/schemas-change';
import type { VisitRequest } from '../../src/lib/shared/types';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import { assertPrisonAccess, type StaffIdentity } from '../auth/staff-identity';
import { Conflict, NotFound, RuleProblems, type DomainError } from '../domain-errors';
import { notifyVisitor, type NotifyChannels } from '../lifecycle/notify';
import { releaseVisitPlace, takeVisitPlace } from '../prisons/closed-visits';
import { lockPrison } from '../prisons/lock';
import { assertOnlineBooking } from '../prisons/online-booking';
import { bumpCalendarVersion, findPrison, loadClosures, loadTimetable, loadUsage, rulesOf, type PrisonRecord } from '../prisons/repository';
import { ownedBy } from './claims';
import { lastChange, requestsQuery, toVisitRequest, type RequestRow } from './repository';

type ChangeRow = Awaited<ReturnType<ReturnType<typeof changesQuery>['executeTakeFirstOrThrow']>>;

function changesQuery(trx: Transaction<Database>) {
	return trx
		.selectFrom('visitChanges')
		.select(['id', 'requestId', 'status', 'slots', 'fromDate', 'fromStart', 'requestedAt', 'decidedAt', 'decidedByName']);
}

/** The pending change, else the latest one (what a late action ran into). */
async function latestChange(trx: Transaction<Database>, requestId: string): Promise<ChangeRow | undefined> {
	return changesQuery(trx).where('requestId', '=', requestId).orderBy('requestedAt', 'desc').orderBy('id').executeTakeFirst();
}

interface VisitorChange {
	requestId: string;
	deviceId: string;
	now: Date;
}

/** A device's own request, locked; anyone else's looks like it does not exist (404). */
async function lockOwnRequest(trx: Transaction<Database>, requestId: string, deviceId: string): Promise<RequestRow> {
	const row = await requestsQuery(trx).where('id', '=', requestId).where(ownedBy(deviceId)).forUpdate().executeTakeFirst();
	if (!row) throw new NotFound('api.request.notFound');
	return row;
}

async function loadPrison(trx: Transaction<Database>, prisonId: string): Promise<PrisonRecord> {
	const prison = await findPrison(trx, prisonId);
	if (!prison) throw new NotFound('api.prison.notFound');
	return prison;
}

async function answer(trx: Transaction<Database>, requestId: string): Promise<VisitRequest> {
	return toVisitRequest(trx, await requestsQuery(trx).where('id', '=', requestId).executeTakeFirstOrThrow());
}

/** 409 for a request that is not (any longer) a booked visit: what it is, who made it so, when. */
async function notBooked(trx: Transaction<Database>, row: RequestRow, timeZone: string): Promise<DomainError> {
	const change = await lastChange(trx, row.id);
	const status = row.status as RequestStatus;
	const key: MessageKey = status === 'cancelled' ? 'api.change.visitCancelled' : 'api.change.notBooked';
	const params = {
		status: t(`status.${status}` as MessageKey),
		actor: describeActor(change?.actorType, change?.actorName),
		at: formatInstant(change?.at ?? row.updatedAt, timeZone)
	};
	return new Conflict(key, {
		params,
		code: status === 'cancelled' ? 'visit_cancelled' : 'state_conflict',
		details: { status, by: change?.actorName ?? null, byType: change?.actorType ?? null, at: change?.at ?? null }
	});
}

function describeActor(type: ActorType | undefined, name: string | null | undefined): string {
	if (type === 'staff' && name) return t('actor.staff', { name });
	if (type === 'device') return t('actor.visitor');
	return t('actor.system');
}

/** 409 for acting on a change that has already ended: how it ended, by whom, when. */
function changeEnded(change: ChangeRow | undefined, timeZone: string): DomainError {
	if (!change) return new Conflict('api.change.none', { code: 'no_change' });
	const at = formatInstant(change.decidedAt ?? change.requestedAt, timeZone);
	const by = change.decidedByName
		? t('actor.staff', { name: change.decidedByName })
		: change.status === 'withdrawn'
			? t('actor.visitor')
			: t('actor.system');
	return new Conflict(`api.change.already.${change.status}` as MessageKey, {
		params: { actor: by, at },
		code: 'change_decided',
		details: { status: change.status, by: change.decidedByName, at: new Date(change.decidedAt ?? change.requestedAt).toISOString() }
	});
}

/**
 * The visitor asks to move a booked visit to one of up to three new times. The same id sent again
 * (the outbox never saw the answer) returns the request as it stands; one pending change at a time.
 */
export async function requestChange(
	db: Kysely<Database>,
	action: VisitorChange,
	input: ChangeInput
): Promise<{ created: boolean; request: VisitRequest }> {
	return db.transaction().execute(async (trx) => {
		const row = await lockOwnRequest(trx, action.requestId, action.deviceId);
		const prison = await loadPrison(trx, row.prisonId);
		if (input.id) {
			const replay = await trx.selectFrom('visitChanges').select(['requestId', 'slots']).where('id', '=', input.id).executeTakeFirst();
			if (replay) {
				const same = replay.requestId === row.id && replay.slots.map(slotKey).join() === input.slots.map(slotKey).join();
				if (!same) throw new Conflict('api.request.idConflict', { code: 'id_conflict' });
				return { created: false, request: await answer(trx, row.id) };
			}
		}
		if (row.status !== 'booked' || !row.bookedDate || !row.bookedStart) throw await notBooked(trx, row, prison.timeZone);
		if (hasStarted(row.bookedDate, row.bookedStart, prison.timeZone, action.now)) {
			throw new Conflict('api.change.visitStarted', { code: 'visit_started' });
		}
		const pending = await changesQuery(trx).where('requestId', '=', row.id).where('status', '=', 'pending').executeTakeFirst();
		if (pending) {
			throw new Conflict('api.change.pending', {
				params: { at: formatInstant(pending.requestedAt, prison.timeZone) },
				code: 'change_pending'
			});
		}
		assertOnlineBooking(prison);

		const problems = await changeProblems(trx, row, prison, input.slots, action.now);
		if (hasErrors(problems)) throw new RuleProblems('api.request.rulesBroken', { fields: mergeRequestErrors({}, problems) });

		await trx
			.insertInto('visitChanges')
			.values({
				id: input.id ?? randomUUID(),
				requestId: row.id,
				slots: jsonb(input.slots),
				fromDate: row.bookedDate,
				fromStart: row.bookedStart,
				requestedAt: action.now
			})
			.execute();
		await trx.updateTable('visitRequests').set({ updatedAt: action.now }).where('id', '=', row.id).execute();
		return { created: true, request: await answer(trx, row.id) };
	});
}

/**
 * The rules a new request's choices meet (rules/visit-request.ts: timetable, closures, not past,
 * booking window, not full; the party judged on the first new date), plus: not the time already booked.
 */
async function changeProblems(trx: Transaction<Database>, row: RequestRow, prison: PrisonRecord, slots: readonly SlotRef[], now: Date) {
	const dates = slots.map((s) => s.date).sort();
	const from = dates[0] as string;
	const to = dates.at(-1) as string;
	const [timetable, closures, usage, visitors] = await Promise.all([
		loadTimetable(trx, prison.id),
		loadClosures(trx, prison.id, from, to),
		loadUsage(trx, prison.id, from, to),
		trx.selectFrom('requestVisitors').select('dateOfBirth').where('requestId', '=', row.id).orderBy('position').execute()
	]);
	const problems = checkRules(
		{ slots, prisoner: { dateOfBirth: row.prisonerDateOfBirth ?? '' }, visitors: visitors.map((v) => ({ dateOfBirth: v.dateOfBirth })) },
		{ prison: rulesOf(prison), timetable, closures, usage, now }
	);
	slots.forEach((slot, index) => {
		if (slot.date === row.bookedDate && slot.start === row.bookedStart) problems[`slots.${index}`] = t('api.change.sameAsBooked');
	});
	return problems;
}

/** The visitor takes back a pending change. Withdrawing twice is harmless (a resend from the outbox). */
export async function withdrawChange(db: Kysely<Database>, action: VisitorChange): Promise<VisitRequest> {
	return db.transaction().execute(async (trx) => {
		const row = await lockOwnRequest(trx, action.requestId, action.deviceId);
		const prison = await loadPrison(trx, row.prisonId);
		const change = await latestChange(trx, row.id);
		if (change?.status === 'withdrawn') return answer(trx, row.id);
		if (change?.status !== 'pending') {
			if (row.status !== 'booked') throw await notBooked(trx, row, prison.timeZone);
			throw changeEnded(change, prison.timeZone);
		}
		await trx.updateTable('visitChanges').set({ status: 'withdrawn', decidedAt: action.now }).where('id', '=', change.id).execute();
		await trx.updateTable('visitRequests').set({ updatedAt: action.now }).where('id', '=', row.id).execute();
		return answer(trx, row.id);
	});
}

interface StaffChangeContext {
	requestId: string;
	now: Date;
	channels: NotifyChannels;
}

/**
 * Locks the request (then, for a confirm, the prison: prisons/lock.ts's order), checks the officer
 * works at its prison and that a change is pending, runs `decide`, audits it and tells the family.
 */
async function decideChange(
	db: Kysely<Database>,
	context: StaffChangeContext,
	staff: StaffIdentity,
	action: 'visit.change.confirm' | 'visit.change.reject',
	decide: (
		trx: Transaction<Database>,
		row: RequestRow & { bookedDate: string; bookedStart: string },
		prison: PrisonRecord,
		change: ChangeRow
	) => Promise<Record<string, unknown>>
): Promise<VisitRequest> {
	return db.transaction().execute(async (trx) => {
		const row = await requestsQuery(trx).where('id', '=', context.requestId).forUpdate().executeTakeFirst();
		if (!row) throw new NotFound('api.request.notFound');
		assertPrisonAccess(staff, row.prisonId);
		const prison = await loadPrison(trx, row.prisonId);
		if (row.status !== 'booked' || !row.bookedDate || !row.bookedStart) throw await notBooked(trx, row, prison.timeZone);
		const change = await latestChange(trx, row.id);
		if (change?.status !== 'pending') throw changeEnded(change, prison.timeZone);
		const detail = await decide(trx, { ...row, bookedDate: row.bookedDate, bookedStart: row.bookedStart }, prison, change);
		await trx
			.insertInto('auditLog')
			.values({
				staffId: staff.id,
				prisonId: prison.id,
				action,
				target: row.id,
				detail: jsonb({ changeId: change.id, ...detail }),
				at: context.now
			})
			.execute();
		await notifyVisitor(
			trx,
			row.id,
			action === 'visit.change.confirm' ? 'change_booked' : 'change_rejected',
			context.channels,
			context.now
		);
		return answer(trx, row.id);
	});
}

/** Moves the booking to one of the asked-for times: the old place given back, the new one taken, or nothing at all. */
export function confirmChange(
	db: Kysely<Database>,
	context: StaffChangeContext,
	staff: StaffIdentity,
	input: ChangeConfirmInput
): Promise<VisitRequest> {
	return decideChange(db, context, staff, 'visit.change.confirm', async (trx, row, prison, change) => {
		const { date, start } = input.slot;
		if (!change.slots.some((s) => s.date === date && s.start === start)) {
			throw new RuleProblems('api.change.slotNotAsked', { field: 'slot' });
		}
		if (hasStarted(row.bookedDate, row.bookedStart, prison.timeZone, context.now)) {
			throw new Conflict('api.change.visitStarted', { code: 'visit_started' });
		}
		// As a confirm: the request's row first, then the prison's, before reading timetable and closures.
		await lockPrison(trx, prison.id, 'confirm');
		const slot = findTimetableSlot(await loadTimetable(trx, prison.id), date, start);
		const closed = closureFor(await loadClosures(trx, prison.id, date, date), date, start);
		if (!slot || closed) throw new Conflict('api.conflict.slotClosed', { code: 'slot_closed', field: 'slot' });
		if (hasStarted(date, start, prison.timeZone, context.now)) {
			throw new Conflict('validation.slot.past', { code: 'slot_past', field: 'slot' });
		}
		const from = { date: row.bookedDate, start: row.bookedStart };
		// Given back first: a closed-visits booking holds one row per request (closed-visits.ts). If the
		// new place cannot be taken the transaction rolls back, and the old place is held again.
		await releaseVisitPlace(trx, row.id, { prisonId: prison.id, ...from });
		if (!(await takeVisitPlace(trx, row, { prisonId: prison.id, date, start }, slot))) {
			throw new Conflict('api.conflict.slotFull', { code: 'slot_full', field: 'slot' });
		}
		await trx
			.updateTable('visitRequests')
			.set({
				bookedDate: date,
				bookedStart: start,
				calendarSequence: sql<number>`calendar_sequence + 1`,
				// The day-before reminder is for the new day.
				remindedAt: null,
				updatedAt: context.now
			})
			.where('id', '=', row.id)
			.execute();
		await trx
			.updateTable('visitChanges')
			.set({
				status: 'confirmed',
				toDate: date,
				toStart: start,
				message: input.message ?? null,
				decidedAt: context.now,
				decidedBy: staff.id,
				decidedByName: staff.name
			})
			.where('id', '=', change.id)
			.execute();
		await bumpCalendarVersion(trx, prison.id);
		return { from, to: input.slot };
	});
}

/** Refuses the change: the old booking stands, and the family is told why. */
export function rejectChange(
	db: Kysely<Database>,
	context: StaffChangeContext,
	staff: StaffIdentity,
	input: ChangeRejectInput
): Promise<VisitRequest> {
	return decideChange(db, context, staff, 'visit.change.reject', async (trx, row, _prison, change) => {
		await trx
			.updateTable('visitChanges')
			.set({
				status: 'rejected',
				rejectionReasons: jsonb<string[]>(input.reasons),
				message: input.message ?? null,
				decidedAt: context.now,
				decidedBy: staff.id,
				decidedByName: staff.name
			})
			.where('id', '=', change.id)
			.execute();
		await trx.updateTable('visitRequests').set({ updatedAt: context.now }).where('id', '=', row.id).execute();
		return { reasons: input.reasons };
	});
}

/**
 * A cancelled visit can no longer move: its pending change ends with it (decisions.ts cancelBooking),
 * and its calendar entry's SEQUENCE goes up so the cancelling .ics replaces the event.
 */
export async function endChangesOfCancelled(trx: Transaction<Database>, requestId: string, now: Date): Promise<void> {
	await trx
		.updateTable('visitChanges')
		.set({ status: 'ended', decidedAt: now })
		.where('requestId', '=', requestId)
		.where('status', '=', 'pending')
		.execute();
	await trx
		.updateTable('visitRequests')
		.set({ calendarSequence: sql<number>`calendar_sequence + 1` })
		.where('id', '=', requestId)
		.execute();
}
