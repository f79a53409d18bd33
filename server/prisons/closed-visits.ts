// Closed visits (behind glass): a slot's closedCapacity, a prisoner marked closedVisitsOnly (kept
// here by prison and prisoner number, beside the prisoner record of issue #14), and the confirm
// path's place-taking: such a prisoner's visit takes a closed place, never an open one, with the
// same one-statement guard as open places (requests/capacity.ts) on its own counter.
import type { Kysely, Transaction } from 'kysely';
import { t } from '../../src/lib/shared/i18n';
import type { ClosedVisitsInput } from '../../src/lib/shared/schemas-admin';
import type { Flag } from '../../src/lib/shared/rules/flags';
import type { TimetableSlot } from '../../src/lib/shared/types';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import { Conflict } from '../domain-errors';
import { releasePlace, takePlace } from '../requests/capacity';
import type { StaffIdentity } from '../auth/staff-identity';
import { tellWaiting } from '../waitlist/freed';

type Db = Kysely<Database> | Transaction<Database>;

interface SlotAt {
	prisonId: string;
	date: string;
	start: string;
}

export interface ClosedVisitsRecord {
	prisonerNumber: string;
	closedVisitsOnly: boolean;
	reason: string | null;
}

export async function closedVisitsOf(db: Db, prisonId: string, prisonerNumber: string): Promise<ClosedVisitsRecord> {
	const row = await db
		.selectFrom('prisonerClosedVisits')
		.select('reason')
		.where('prisonId', '=', prisonId)
		.where('prisonerNumber', '=', prisonerNumber)
		.executeTakeFirst();
	return { prisonerNumber, closedVisitsOnly: row !== undefined, reason: row?.reason ?? null };
}

/** The closed-visits-only prisoners among these numbers, with why. */
export async function closedVisitReasons(db: Db, prisonId: string, prisonerNumbers: readonly string[]): Promise<Map<string, string>> {
	if (prisonerNumbers.length === 0) return new Map();
	const rows = await db
		.selectFrom('prisonerClosedVisits')
		.select(['prisonerNumber', 'reason'])
		.where('prisonId', '=', prisonId)
		.where('prisonerNumber', 'in', [...new Set(prisonerNumbers)])
		.execute();
	return new Map(rows.map((row) => [row.prisonerNumber, row.reason]));
}

export async function setClosedVisits(
	db: Kysely<Database>,
	action: { prisonId: string; staff: StaffIdentity; now: Date },
	prisonerNumber: string,
	input: ClosedVisitsInput
): Promise<ClosedVisitsRecord> {
	return db.transaction().execute(async (trx) => {
		const before = await closedVisitsOf(trx, action.prisonId, prisonerNumber);
		if (input.closedVisitsOnly) {
			await trx
				.insertInto('prisonerClosedVisits')
				.values({ prisonId: action.prisonId, prisonerNumber, reason: input.reason!, updatedBy: action.staff.id, updatedAt: action.now })
				.onConflict((oc) =>
					oc
						.columns(['prisonId', 'prisonerNumber'])
						.doUpdateSet({ reason: input.reason!, updatedBy: action.staff.id, updatedAt: action.now })
				)
				.execute();
		} else {
			await trx
				.deleteFrom('prisonerClosedVisits')
				.where('prisonId', '=', action.prisonId)
				.where('prisonerNumber', '=', prisonerNumber)
				.execute();
		}
		await trx
			.insertInto('auditLog')
			.values({
				staffId: action.staff.id,
				prisonId: action.prisonId,
				action: 'prisoner.closed-visits',
				target: prisonerNumber,
				detail: jsonb({ before: { closedVisitsOnly: before.closedVisitsOnly, reason: before.reason }, after: input }),
				at: action.now
			})
			.execute();
		return closedVisitsOf(trx, action.prisonId, prisonerNumber);
	});
}

/**
 * Takes the place a confirm needs: a closed one for a closed-visits-only prisoner (409 closed_full
 * when none is left), else an open one. False: the slot's open places are all taken.
 */
export async function takeVisitPlace(
	trx: Transaction<Database>,
	request: { id: string; prisonerNumber: string | null },
	slot: SlotAt,
	timetableSlot: Pick<TimetableSlot, 'capacity' | 'closedCapacity'>
): Promise<boolean> {
	const closed = request.prisonerNumber ? (await closedVisitReasons(trx, slot.prisonId, [request.prisonerNumber])).size > 0 : false;
	if (!closed) return takePlace(trx, slot, timetableSlot.capacity);
	const capacity = timetableSlot.closedCapacity ?? 0;
	const taken =
		capacity >= 1 &&
		(await trx
			.insertInto('slotClosedUsage')
			.values({ prisonId: slot.prisonId, date: slot.date, startTime: slot.start, booked: 1 })
			.onConflict((oc) =>
				oc
					.columns(['prisonId', 'date', 'startTime'])
					.doUpdateSet((eb) => ({ booked: eb('slotClosedUsage.booked', '+', 1) }))
					.where('slotClosedUsage.booked', '<', capacity)
			)
			.returning('booked')
			.executeTakeFirst()) !== undefined;
	if (!taken) {
		throw new Conflict(capacity >= 1 ? 'admin.closed.full' : 'admin.closed.none', { code: 'closed_full', field: 'slot' });
	}
	await trx
		.insertInto('closedBookings')
		.values({ requestId: request.id, prisonId: slot.prisonId, date: slot.date, startTime: slot.start })
		.execute();
	return true;
}

/**
 * Gives back the place a booked visit held: closed if it took a closed one, else open. An open
 * place given back tells the slot's waiting list, in this transaction (waitlist/freed.ts): every
 * way a booked visit leaves its slot (cancelled by the visitor, by staff or by a closure, or
 * moved by a change) comes through here.
 */
export async function releaseVisitPlace(trx: Transaction<Database>, requestId: string, slot: SlotAt, now?: Date): Promise<void> {
	const closed = await trx.deleteFrom('closedBookings').where('requestId', '=', requestId).returning('requestId').executeTakeFirst();
	if (!closed) {
		await releasePlace(trx, slot);
		await tellWaiting(trx, slot.prisonId, { date: slot.date, start: slot.start }, now);
		return;
	}
	await trx
		.updateTable('slotClosedUsage')
		.set((eb) => ({ booked: eb('booked', '-', 1) }))
		.where('prisonId', '=', slot.prisonId)
		.where('date', '=', slot.date)
		.where('startTime', '=', slot.start)
		.where('booked', '>', 0)
		.execute();
}

/** Closed places taken per slot in a date range (the staff calendar and the report). */
export async function loadClosedUsage(db: Db, prisonId: string, from: string, to: string): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('slotClosedUsage')
		.select(['date', 'startTime', 'booked'])
		.where('prisonId', '=', prisonId)
		.where('date', '>=', from)
		.where('date', '<=', to)
		.execute();
	return new Map(rows.map((row) => [`${row.date}T${row.startTime}`, row.booked]));
}

/** The `closed_visit` flag of a request whose prisoner has closed visits only (none otherwise). */
export async function closedVisitFlags(db: Db, prisonId: string, prisonerNumber: string | null): Promise<Flag[]> {
	if (!prisonerNumber) return [];
	const reason = (await closedVisitReasons(db, prisonId, [prisonerNumber])).get(prisonerNumber);
	return reason === undefined ? [] : [{ code: 'closed_visit', message: t('admin.closed.flag', { reason }), blocking: false }];
}
