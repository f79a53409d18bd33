// An officer's write to one request (a decision, an arrival at the gate) starts the same way: lock the
// request, refuse it unless the officer works at its prison, and load the prison it belongs to.
import type { Transaction } from 'kysely';
import { assertPrisonAccess, type StaffIdentity } from '../auth/staff-identity';
import type { Database } from '../db/schema';
import { NotFound } from '../domain-errors';
import { findPrison, type PrisonRecord } from '../prisons/repository';
import { lockRequest, lockRequestWithDetails, type LockedRequest, type RequestRow } from './repository';

/** The request locked for this transaction and its prison: NotFound if either is missing, Forbidden for another prison's officer. */
export async function lockRequestForStaff(
	trx: Transaction<Database>,
	requestId: string,
	staff: StaffIdentity
): Promise<{ row: RequestRow; prison: PrisonRecord }> {
	return checked(trx, await lockRequest(trx, requestId), staff);
}

/** The same, with the request's visitors and slots read in the locking round trip (a decision needs them). */
export async function lockRequestWithDetailsForStaff(
	trx: Transaction<Database>,
	requestId: string,
	staff: StaffIdentity
): Promise<{ row: LockedRequest; prison: PrisonRecord }> {
	return checked(trx, await lockRequestWithDetails(trx, requestId), staff);
}

async function checked<Row extends RequestRow>(
	trx: Transaction<Database>,
	row: Row | undefined,
	staff: StaffIdentity
): Promise<{ row: Row; prison: PrisonRecord }> {
	if (!row) throw new NotFound('api.request.notFound');
	assertPrisonAccess(staff, row.prisonId);
	const prison = await findPrison(trx, row.prisonId);
	if (!prison) throw new NotFound('api.prison.notFound');
	return { row, prison };
}
