// Non-associations on the prisoner's record (PRODUCT.md Round 3): two prisoners who must not meet.
// Stored both ways (a row per direction), audited, and checked where bookings are decided: a
// request clashing with one waits for staff (rules/flags.ts non_association), and a booked visit
// that clashes with one added later needs review until it is kept or the non-association ends.
import type { Kysely, Transaction } from 'kysely';
import { todayIn } from '../../src/lib/shared/rules/dates';
import type { NonAssociationInput } from '../../src/lib/shared/schemas-instant';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import { InvalidInput, NotFound } from '../domain-errors';
import { findPrison } from '../prisons/repository';
import { lockPrisoners } from './lock';
import { clearReviewCauses, openReviewCauses } from './review';

type Db = Kysely<Database> | Transaction<Database>;

export interface NonAssociation {
	prisonerNumber: string;
	reason: string;
	createdAt: string;
}

/** Who acts: an officer (audited under their id) or the system of record (an event, audited with its id). */
export interface NonAssociationAction {
	prisonId: string;
	staffId: string | null;
	now: Date;
	/** Extra audit detail (an event's id). */
	auditDetail?: Record<string, unknown>;
}

export async function listNonAssociations(db: Db, prisonId: string, prisonerNumber: string): Promise<NonAssociation[]> {
	const rows = await db
		.selectFrom('prisonerNonAssociations')
		.select(['otherNumber', 'reason', 'createdAt'])
		.where('prisonId', '=', prisonId)
		.where('prisonerNumber', '=', prisonerNumber)
		.orderBy('otherNumber')
		.execute();
	return rows.map((row) => ({ prisonerNumber: row.otherNumber, reason: row.reason, createdAt: new Date(row.createdAt).toISOString() }));
}

/**
 * Records that `prisonerNumber` and `input.prisonerNumber` must not meet (both ways; a reason given
 * again replaces the old one). Booked visits of either on a day the other has one booked need review.
 */
export async function addNonAssociation(
	trx: Transaction<Database>,
	action: NonAssociationAction,
	prisonerNumber: string,
	input: NonAssociationInput
): Promise<NonAssociation> {
	const other = input.prisonerNumber;
	if (other === prisonerNumber) throw new InvalidInput('instant.field.nonAssoc.self', { field: 'prisonerNumber' });
	await lockPrisoners(trx, action.prisonId, [prisonerNumber, other]);
	for (const [a, b] of [
		[prisonerNumber, other],
		[other, prisonerNumber]
	] as const) {
		await trx
			.insertInto('prisonerNonAssociations')
			.values({
				prisonId: action.prisonId,
				prisonerNumber: a,
				otherNumber: b,
				reason: input.reason,
				createdBy: action.staffId,
				createdAt: action.now
			})
			.onConflict((oc) => oc.columns(['prisonId', 'prisonerNumber', 'otherNumber']).doUpdateSet({ reason: input.reason }))
			.execute();
	}
	await trx
		.insertInto('auditLog')
		.values({
			staffId: action.staffId,
			prisonId: action.prisonId,
			action: 'prisoner.non-association.add',
			target: prisonerNumber,
			detail: jsonb({ otherNumber: other, reason: input.reason, ...action.auditDetail }),
			at: action.now
		})
		.execute();
	const clashes = await clashingVisits(trx, action, prisonerNumber, other);
	await openReviewCauses(trx, clashes, action.now);
	return (await listNonAssociations(trx, action.prisonId, prisonerNumber)).find((n) => n.prisonerNumber === other)!;
}

/** Ends a non-association (both ways) and clears the reviews it caused. False when there was none. */
export async function removeNonAssociation(
	trx: Transaction<Database>,
	action: NonAssociationAction,
	prisonerNumber: string,
	other: string
): Promise<boolean> {
	await lockPrisoners(trx, action.prisonId, [prisonerNumber, other]);
	const removed = await trx
		.deleteFrom('prisonerNonAssociations')
		.where('prisonId', '=', action.prisonId)
		.where((eb) =>
			eb.or([
				eb.and([eb('prisonerNumber', '=', prisonerNumber), eb('otherNumber', '=', other)]),
				eb.and([eb('prisonerNumber', '=', other), eb('otherNumber', '=', prisonerNumber)])
			])
		)
		.returning('reason')
		.execute();
	if (removed.length === 0) return false;
	await trx
		.insertInto('auditLog')
		.values({
			staffId: action.staffId,
			prisonId: action.prisonId,
			action: 'prisoner.non-association.remove',
			target: prisonerNumber,
			detail: jsonb({ otherNumber: other, reason: removed[0]!.reason, ...action.auditDetail }),
			at: action.now
		})
		.execute();
	// Each side's visits were flagged with the other's number as the source.
	for (const [mine, source] of [
		[prisonerNumber, other],
		[other, prisonerNumber]
	] as const) {
		const ids = await trx
			.selectFrom('visitRequests')
			.select('id')
			.where('prisonId', '=', action.prisonId)
			.where('prisonerNumber', '=', mine)
			.execute();
		await clearReviewCauses(
			trx,
			'non_association',
			source,
			action.now,
			ids.map((r) => r.id)
		);
	}
	return true;
}

/** Booked visits from today on of either prisoner on a date the other has a booked visit, each with the other's number. */
async function clashingVisits(trx: Transaction<Database>, action: NonAssociationAction, a: string, b: string) {
	const prison = await findPrison(trx, action.prisonId);
	if (!prison) return [];
	const rows = await trx
		.selectFrom('visitRequests')
		.select(['id', 'prisonerNumber', 'bookedDate'])
		.where('prisonId', '=', action.prisonId)
		.where('prisonerNumber', 'in', [a, b])
		.where('status', '=', 'booked')
		.where('bookedDate', '>=', todayIn(prison.timeZone, action.now))
		.execute();
	const datesOf = (number: string) => new Set(rows.filter((r) => r.prisonerNumber === number).map((r) => r.bookedDate));
	const [aDates, bDates] = [datesOf(a), datesOf(b)];
	return rows
		.filter((row) => (row.prisonerNumber === a ? bDates : aDates).has(row.bookedDate))
		.map((row) => ({ requestId: row.id, code: 'non_association', sourceId: row.prisonerNumber === a ? b : a }));
}

/** 404 for a non-association that is not there (the DELETE route). */
export function nonAssociationNotFound(): NotFound {
	return new NotFound('instant.nonAssoc.notFound');
}

/** The numbers of the prisoners who must not meet this one at the prison (read before their locks are taken). */
export async function nonAssociatedNumbers(trx: Transaction<Database>, prisonId: string, prisonerNumber: string): Promise<string[]> {
	const rows = await trx
		.selectFrom('prisonerNonAssociations')
		.select('otherNumber')
		.where('prisonId', '=', prisonId)
		.where('prisonerNumber', '=', prisonerNumber)
		.execute();
	return rows.map((row) => row.otherNumber);
}
