import type { Kysely, Transaction } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { ClosureInput, ClosureRef, TimetableInput } from '../../src/lib/shared/schemas';
import type { Closure, TimetableSlot } from '../../src/lib/shared/answers';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import { NotFound } from '../domain-errors';
import type { HitVisit } from '../../src/lib/shared/answers';
import { assertTimetableKeepsVisits, cancelVisitsInClosure, lockBookedInClosure } from './hits';
import { queueNotice, type ServiceChannels } from '../messages/notices';
import type { StaffIdentity } from '../auth/staff-identity';
import { lockPrison } from '../prisons/lock';
import { bumpCalendarVersion, currentTimetableFrom, findPrison, loadTimetable, type PrisonRecord } from '../prisons/repository';
import { addDays, todayIn } from '../../src/lib/shared/rules/dates';
import { tellWaiting } from '../waitlist/freed';

interface StaffAction {
	prisonId: string;
	staff: StaffIdentity;
	now: Date;
}

async function audit(
	trx: Transaction<Database>,
	action: StaffAction,
	name: string,
	target: string | null,
	detail: Record<string, unknown>
): Promise<void> {
	await trx
		.insertInto('auditLog')
		.values({ staffId: action.staff.id, prisonId: action.prisonId, action: name, target, detail: jsonb(detail), at: action.now })
		.execute();
}

/** Locks the prison's row for this write (saves for one prison take turns) and reads it. */
async function lockedPrison(trx: Transaction<Database>, prisonId: string): Promise<PrisonRecord> {
	const prison = (await lockPrison(trx, prisonId, 'update')) ? await findPrison(trx, prisonId) : undefined;
	if (!prison) throw new NotFound('api.prison.notFound');
	return prison;
}

/**
 * Replaces the weekly timetable from today (in the prison's time zone) on. A change that removes a
 * slot with booked visits still to come, or lowers its capacity below what is booked on a coming
 * date, is refused (409 timetable_hits_visits, listing them) and nothing changes. The timetable it
 * replaces is kept with the days it was in force, so past weeks keep their places.
 */
export async function replaceTimetable(db: Kysely<Database>, action: StaffAction, input: TimetableInput): Promise<TimetableSlot[]> {
	return db.transaction().execute(async (trx) => {
		const prison = await lockedPrison(trx, action.prisonId);
		await assertTimetableKeepsVisits(trx, prison, input, action.now);
		const before = await loadTimetable(trx, action.prisonId);
		await keepReplacedTimetable(trx, action, prison.timeZone, before);
		await trx.deleteFrom('timetableSlots').where('prisonId', '=', action.prisonId).execute();
		if (input.slots.length > 0) {
			await trx
				.insertInto('timetableSlots')
				.values(
					input.slots.map((s) => ({
						id: randomUUID(),
						prisonId: action.prisonId,
						weekday: s.weekday,
						startTime: s.start,
						endTime: s.end,
						capacity: s.capacity,
						closedCapacity: s.closedCapacity ?? 0
					}))
				)
				.execute();
		}
		await audit(trx, action, 'timetable.replace', null, { before, after: input.slots });
		await bumpCalendarVersion(trx, action.prisonId);
		await tellWaiting(trx, action.prisonId, { weekly: raisedSlots(before, input.slots) }, action.now);
		return loadTimetable(trx, action.prisonId);
	});
}

/**
 * Keeps the timetable being replaced, in force until yesterday. One saved earlier today was in force
 * for no whole day: today's save simply takes its place.
 */
async function keepReplacedTimetable(
	trx: Transaction<Database>,
	action: StaffAction,
	timeZone: string,
	before: readonly TimetableSlot[]
): Promise<void> {
	const until = addDays(todayIn(timeZone, action.now), -1);
	const from = await currentTimetableFrom(trx, action.prisonId);
	if (from !== null && from > until) return;
	await trx
		.insertInto('timetableHistory')
		.values({
			id: randomUUID(),
			prisonId: action.prisonId,
			validFrom: from,
			validUntil: until,
			slots: jsonb([...before]),
			replacedAt: action.now,
			replacedBy: action.staff.id
		})
		.execute();
}

export interface ClosureAdded {
	closure: Closure;
	/** The booked visits this closure cancelled (with cancelBooked: true). */
	cancelled: HitVisit[];
}

/**
 * Closes a day, or one slot on a day. Closing what is already closed changes only the reason.
 * Booked visits in what it closes make it a 409 (closure_hits_visits) unless `cancelBooked`; then
 * each is cancelled in this transaction and its visitor told.
 */
export async function addClosure(
	db: Kysely<Database>,
	action: StaffAction,
	input: ClosureInput,
	channels: ServiceChannels
): Promise<ClosureAdded> {
	return db.transaction().execute(async (trx) => {
		await lockBookedInClosure(trx, action.prisonId, input);
		const prison = await lockedPrison(trx, action.prisonId);
		const actor = { type: 'staff' as const, id: action.staff.id, name: action.staff.name };
		const existing = await closureQuery(trx, action.prisonId, input).select('id').executeTakeFirst();
		if (existing) {
			await trx
				.updateTable('closures')
				.set({ reason: input.reason, reasonCy: input.reasonCy ?? null })
				.where('id', '=', existing.id)
				.execute();
		} else {
			await trx
				.insertInto('closures')
				.values({
					id: randomUUID(),
					prisonId: action.prisonId,
					date: input.date,
					startTime: input.start ?? null,
					reason: input.reason,
					reasonCy: input.reasonCy ?? null,
					createdBy: action.staff.id,
					createdAt: action.now
				})
				.execute();
		}
		// After the closure is written: a visit it cancels gives its place back to a closed slot,
		// which its waiting list must not hear of as a place (waitlist/freed.ts reads the closures).
		const cancelled = await cancelVisitsInClosure(trx, prison, input, actor, action.now);
		for (const visit of cancelled) await queueNotice(trx, visit.id, 'cancelled', channels, action.now);
		await audit(trx, action, 'closure.add', closureTarget(input), {
			reason: input.reason,
			...(cancelled.length > 0 ? { cancelled: cancelled.map((visit) => visit.reference) } : {})
		});
		await bumpCalendarVersion(trx, action.prisonId);
		const closure = input.start
			? { date: input.date, start: input.start, reason: input.reason }
			: { date: input.date, reason: input.reason };
		return { closure, cancelled };
	});
}

export async function removeClosure(db: Kysely<Database>, action: StaffAction, ref: ClosureRef): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await lockedPrison(trx, action.prisonId);
		const removed = await closureQuery(trx, action.prisonId, ref).select('id').executeTakeFirst();
		if (!removed) throw new NotFound('api.closure.notFound');
		await trx.deleteFrom('closures').where('id', '=', removed.id).execute();
		await audit(trx, action, 'closure.remove', closureTarget(ref), {});
		await bumpCalendarVersion(trx, action.prisonId);
		// Places reopened: the waiting list of what the closure covered hears of it (if nothing else still closes it).
		await tellWaiting(trx, action.prisonId, ref.start ? { date: ref.date, start: ref.start } : { date: ref.date }, action.now);
	});
}

/** Weekly slots with more open places than before (new ones count from none): their waiting lists may hear of a place. */
function raisedSlots(before: readonly TimetableSlot[], after: TimetableInput['slots']): { weekday: number; start: string }[] {
	return after
		.filter((slot) => slot.capacity > (before.find((old) => old.weekday === slot.weekday && old.start === slot.start)?.capacity ?? 0))
		.map((slot) => ({ weekday: slot.weekday, start: slot.start }));
}

function closureQuery(trx: Transaction<Database>, prisonId: string, ref: ClosureRef) {
	const query = trx.selectFrom('closures').where('prisonId', '=', prisonId).where('date', '=', ref.date);
	return ref.start ? query.where('startTime', '=', ref.start) : query.where('startTime', 'is', null);
}

function closureTarget(ref: ClosureRef): string {
	return ref.start ? `${ref.date}T${ref.start}` : ref.date;
}
