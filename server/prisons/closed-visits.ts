// Closed visits (behind glass): a slot's closedCapacity, a prisoner marked closedVisitsOnly (kept
// here by prison and prisoner number, beside the prisoner record) and the closed places taken. A
// booking takes its place through requests/places.ts, which reads the marker from here.
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { ClosedVisitsAnswer } from '../openapi/answers';
import { t } from '../../src/lib/shared/i18n';
import type { ClosedVisitsInput } from '../../src/lib/shared/schemas-admin';
import type { Flag } from '../../src/lib/shared/rules/flags';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import type { StaffIdentity } from '../auth/staff-identity';

type Db = Kysely<Database> | Transaction<Database>;

/** A prisoner's closed-visits marker as staff read it: the type of the answer's schema (server/openapi/answers.ts). */
export type ClosedVisitsRecord = z.output<typeof ClosedVisitsAnswer>;

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

/** Closed places taken per slot in a date range (the staff calendar and the report). */
export async function loadClosedVisitUsage(db: Db, prisonId: string, from: string, to: string): Promise<Map<string, number>> {
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
	return reason === undefined ? [] : [{ code: 'closed_visit', message: t('admin.closedVisits.flag', { reason }), blocking: false }];
}
