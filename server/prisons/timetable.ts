import type { Kysely, Transaction } from 'kysely';
import { randomUUID } from 'node:crypto';
import { t } from '../../src/lib/shared/i18n';
import type { ClosureInput, ClosureRef, TimetableInput } from '../../src/lib/shared/schemas';
import type { Closure, TimetableSlot } from '../../src/lib/shared/types';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import { ApiError } from '../http/errors';
import type { StaffMember } from '../requests/decisions';
import { bumpCalendarVersion, loadTimetable } from './repository';

interface StaffAction {
	prisonId: string;
	staff: StaffMember;
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

/**
 * Replaces the weekly timetable. Visits already booked keep their places even where a slot's
 * capacity drops below them; only new confirmations see the new capacity.
 */
export async function replaceTimetable(db: Kysely<Database>, action: StaffAction, input: TimetableInput): Promise<TimetableSlot[]> {
	return db.transaction().execute(async (trx) => {
		const before = await loadTimetable(trx, action.prisonId);
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
		return loadTimetable(trx, action.prisonId);
	});
}

/** Closes a day, or one slot on a day. Closing what is already closed changes only the reason. */
export async function addClosure(db: Kysely<Database>, action: StaffAction, input: ClosureInput): Promise<Closure> {
	return db.transaction().execute(async (trx) => {
		const existing = await closureQuery(trx, action.prisonId, input).select('id').executeTakeFirst();
		if (existing) {
			await trx.updateTable('closures').set({ reason: input.reason }).where('id', '=', existing.id).execute();
		} else {
			await trx
				.insertInto('closures')
				.values({
					id: randomUUID(),
					prisonId: action.prisonId,
					date: input.date,
					startTime: input.start ?? null,
					reason: input.reason,
					createdBy: action.staff.id,
					createdAt: action.now
				})
				.execute();
		}
		await audit(trx, action, 'closure.add', closureTarget(input), { reason: input.reason });
		await bumpCalendarVersion(trx, action.prisonId);
		return input.start ? { date: input.date, start: input.start, reason: input.reason } : { date: input.date, reason: input.reason };
	});
}

export async function removeClosure(db: Kysely<Database>, action: StaffAction, ref: ClosureRef): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const removed = await closureQuery(trx, action.prisonId, ref).select('id').executeTakeFirst();
		if (!removed) throw ApiError.notFound(t('api.closure.notFound'));
		await trx.deleteFrom('closures').where('id', '=', removed.id).execute();
		await audit(trx, action, 'closure.remove', closureTarget(ref), {});
		await bumpCalendarVersion(trx, action.prisonId);
	});
}

function closureQuery(trx: Transaction<Database>, prisonId: string, ref: ClosureRef) {
	const query = trx.selectFrom('closures').where('prisonId', '=', prisonId).where('date', '=', ref.date);
	return ref.start ? query.where('startTime', '=', ref.start) : query.where('startTime', 'is', null);
}

function closureTarget(ref: ClosureRef): string {
	return ref.start ? `${ref.date}T${ref.start}` : ref.date;
}
