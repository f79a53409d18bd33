import type { Kysely } from 'kysely';
import type { GateReferenceAnswer } from '../../src/lib/shared/gate/answers';
import { normaliseReference } from '../../src/lib/shared/rules/reference';
import type { Database } from '../db/schema';
import { NotFound } from '../domain-errors';

/*
 * A reference the gate's list for today does not have: the officer's tablet asks which day (if
 * any) that visit is on, so the family can be told. Only the prison asked about is searched (the
 * route checks it is one of the officer's), and nothing personal is answered: the reference, its
 * state and its booked slot.
 */
export async function visitByReference(db: Kysely<Database>, prisonId: string, typed: string): Promise<GateReferenceAnswer> {
	const row = await db
		.selectFrom('visitRequests')
		.select(['id', 'reference', 'status', 'bookedDate', 'bookedStart'])
		.where('prisonId', '=', prisonId)
		.where('reference', '=', normaliseReference(typed))
		.executeTakeFirst();
	if (!row) throw new NotFound('api.request.notFound');
	return {
		id: row.id,
		reference: row.reference,
		status: row.status,
		bookedSlot: row.bookedDate && row.bookedStart ? { date: row.bookedDate, start: row.bookedStart } : null
	};
}
