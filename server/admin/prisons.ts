// Administrators' prisons: create one (service administrators only), and change its rules, address,
// visitor information and time zone (a prison administrator only their own prisons: scope.ts). Staff
// of the prison keep the timetable and closures (server/schedule/timetable.ts).
import type { Kysely } from 'kysely';
import { prisonRuleProblems, type PrisonInput, type PrisonUpdateInput } from '../../src/lib/shared/schemas-admin';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/errors';
import { Conflict, InvalidInput, NotFound } from '../domain-errors';
import { bumpCalendarVersion, findPrison, listPrisons, publicPrison } from '../prisons/repository';
import { auditAdmin } from './audit';
import { administersPrison, assertAdministersPrison, assertServiceAdmin, type Administrator, type AdministratorAction } from './scope';

function codeTaken(): Conflict {
	return new Conflict('admin.field.code.taken', { code: 'code_taken', field: 'code' });
}

/** The prisons the administrator administers: every one for a service administrator. */
export async function adminPrisons(db: Kysely<Database>, actor: Administrator) {
	return (await listPrisons(db)).filter((prison) => administersPrison(actor, prison.id)).map(publicPrison);
}

export async function createPrison(db: Kysely<Database>, action: AdministratorAction, input: PrisonInput) {
	assertServiceAdmin(action.staff, 'admin.prisons.serviceOnly');
	try {
		return await db.transaction().execute(async (trx) => {
			const { id } = await trx.insertInto('prisons').values(input).returning('id').executeTakeFirstOrThrow();
			await auditAdmin(trx, action, 'admin.prison.create', id, { after: input }, id);
			return publicPrison((await findPrison(trx, id))!);
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw codeTaken();
		throw error;
	}
}

export async function updatePrison(db: Kysely<Database>, action: AdministratorAction, prisonId: string, input: PrisonUpdateInput) {
	// Another prison answers 403 whether or not it exists, as on every staff route (prisons are public anyway).
	assertAdministersPrison(action.staff, prisonId);
	try {
		return await db.transaction().execute(async (trx) => {
			const before = await trx.selectFrom('prisons').selectAll().where('id', '=', prisonId).forUpdate().executeTakeFirst();
			if (!before) throw new NotFound('api.prison.notFound');
			const problems = prisonRuleProblems(input, before);
			if (Object.keys(problems).length > 0) throw new InvalidInput('platform.error.validation', { fields: problems });
			if (Object.keys(input).length > 0) await trx.updateTable('prisons').set(input).where('id', '=', prisonId).execute();
			const changed = Object.fromEntries(Object.keys(input).map((key) => [key, before[key as keyof typeof before]]));
			await auditAdmin(trx, action, 'admin.prison.update', prisonId, { before: changed, after: input }, prisonId);
			// The booking window and the time zone decide what the calendar shows.
			await bumpCalendarVersion(trx, prisonId);
			return publicPrison((await findPrison(trx, prisonId))!);
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw codeTaken();
		throw error;
	}
}
