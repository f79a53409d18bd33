// The prisoner's record as staff see and change it: allowance, bans, non-associations, requests and
// visits. Every change is audited in the same transaction; a ban added or lifted opens or clears the
// review of the booked visits it covers (prisoners/review.ts).
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { randomUUID } from 'node:crypto';
import type { Ban } from '../../src/lib/shared/rules/flags';
import type { AllowanceInput, BanInput } from '../../src/lib/shared/schemas-prisoners';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import { Conflict, NotFound } from '../domain-errors';
import type { StaffIdentity } from '../auth/staff-identity';
import type { PrisonerRecordAnswer } from '../openapi/answers';
import { requestsQuery, toVisitRequests } from '../requests/repository';
import { keyOf, loadAllowance, loadAllowancesAndBans, type PrisonerKey } from './repository';
import { lockPrisoners } from './lock';
import { listNonAssociations } from './non-associations';
import { clearReviewCauses, reviewVisitsCoveredByBan } from './review';

/** The record as staff read it: the type of the answer's schema (server/openapi/answers.ts). */
export type PrisonerRecord = z.output<typeof PrisonerRecordAnswer>;
type PrisonerLocation = NonNullable<PrisonerRecord['location']>;

async function loadLocation(db: Kysely<Database> | Transaction<Database>, prisonerNumber: string): Promise<PrisonerLocation | null> {
	const row = await db
		.selectFrom('prisonerLocations')
		.leftJoin('prisons', 'prisons.code', 'prisonerLocations.prisonCode')
		.select(['prisonerLocations.status', 'prisonerLocations.prisonCode', 'prisons.name as prisonName', 'prisonerLocations.since'])
		.where('prisonerLocations.prisonerNumber', '=', prisonerNumber)
		.executeTakeFirst();
	return row
		? { status: row.status, prisonCode: row.prisonCode, prisonName: row.prisonName, since: new Date(row.since).toISOString() }
		: null;
}

export interface RecordAction extends PrisonerKey {
	staff: StaffIdentity;
	now: Date;
}

const MAX_REQUESTS = 200;

export async function loadRecord(db: Kysely<Database> | Transaction<Database>, key: PrisonerKey): Promise<PrisonerRecord> {
	const [{ allowances, bans }, nonAssociations, rows, location] = await Promise.all([
		loadAllowancesAndBans(db, [key]),
		listNonAssociations(db, key.prisonId, key.prisonerNumber),
		requestsQuery(db)
			.where('prisonId', '=', key.prisonId)
			.where('prisonerNumber', '=', key.prisonerNumber)
			.orderBy('createdAt', 'desc')
			.orderBy('id')
			.limit(MAX_REQUESTS)
			.execute(),
		loadLocation(db, key.prisonerNumber)
	]);
	const allowance = allowances.get(keyOf(key));
	const requests = await toVisitRequests(db, rows);
	const named = requests.find((r) => r.prisoner)?.prisoner;
	return {
		prisonerNumber: key.prisonerNumber,
		prisonId: key.prisonId,
		prisoner: named ? { firstName: named.firstName, lastName: named.lastName, dateOfBirth: named.dateOfBirth } : null,
		allowance: { remaining: allowance?.remaining ?? null, renewsOn: allowance?.renewsOn ?? null },
		version: allowance?.version ?? 0,
		bans: bans.get(keyOf(key)) ?? [],
		nonAssociations,
		requests,
		location
	};
}

async function audit(trx: Transaction<Database>, action: RecordAction, name: string, detail: Record<string, unknown>): Promise<void> {
	await trx
		.insertInto('auditLog')
		.values({
			staffId: action.staff.id,
			prisonId: action.prisonId,
			action: name,
			target: action.prisonerNumber,
			detail: jsonb(detail),
			at: action.now
		})
		.execute();
}

/**
 * Sets the visits left (null: not tracked) and when the allowance renews. With `version`, a change
 * someone else made since the officer read the record is a 409 that says what it is now, never an overwrite.
 */
export async function setAllowance(db: Kysely<Database>, action: RecordAction, input: AllowanceInput): Promise<PrisonerRecord> {
	return db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('prisonerAllowances')
			.select(['remaining', 'renewsOn', 'version'])
			.where('prisonId', '=', action.prisonId)
			.where('prisonerNumber', '=', action.prisonerNumber)
			.forUpdate()
			.executeTakeFirst();
		const current = before ?? (await loadAllowance(trx, action));
		if (input.version !== undefined && input.version !== current.version) {
			throw new Conflict('api.prisoners.recordChanged', {
				params: { remaining: current.remaining === null ? '-' : current.remaining },
				code: 'record_changed',
				details: { allowance: { remaining: current.remaining, renewsOn: current.renewsOn }, version: current.version }
			});
		}
		const renewsOn = input.renewsOn === undefined ? (before?.renewsOn ?? null) : input.renewsOn;
		await trx
			.insertInto('prisonerAllowances')
			.values({
				prisonId: action.prisonId,
				prisonerNumber: action.prisonerNumber,
				remaining: input.remaining,
				renewsOn,
				version: 1,
				updatedAt: action.now
			})
			.onConflict((oc) =>
				oc.columns(['prisonId', 'prisonerNumber']).doUpdateSet((eb) => ({
					remaining: input.remaining,
					renewsOn,
					version: eb('prisonerAllowances.version', '+', 1),
					updatedAt: action.now
				}))
			)
			.execute();
		await audit(trx, action, 'prisoner.allowance.set', {
			before: { remaining: current.remaining, renewsOn: current.renewsOn },
			after: { remaining: input.remaining, renewsOn }
		});
		return loadRecord(trx, action);
	});
}

export async function addBan(db: Kysely<Database>, action: RecordAction, input: BanInput): Promise<Ban> {
	return db.transaction().execute(async (trx) => {
		// An instant booking for this prisoner decided at this moment sees the ban, or the ban sees its visit.
		await lockPrisoners(trx, action.prisonId, [action.prisonerNumber]);
		const ban: Ban = {
			id: randomUUID(),
			firstName: input.firstName,
			lastName: input.lastName,
			dateOfBirth: input.dateOfBirth,
			until: input.until ?? null,
			reason: input.reason,
			restrictionId: null
		};
		await trx
			.insertInto('prisonerBans')
			.values({
				...ban,
				prisonId: action.prisonId,
				prisonerNumber: action.prisonerNumber,
				createdBy: action.staff.id,
				createdAt: action.now
			})
			.execute();
		await audit(trx, action, 'prisoner.ban.add', { banId: ban.id, until: ban.until, reason: ban.reason });
		await reviewVisitsCoveredByBan(trx, action, ban, action.now);
		return ban;
	});
}

export async function removeBan(db: Kysely<Database>, action: RecordAction, banId: string): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await lockPrisoners(trx, action.prisonId, [action.prisonerNumber]);
		const removed = await trx
			.deleteFrom('prisonerBans')
			.where('id', '=', banId)
			.where('prisonId', '=', action.prisonId)
			.where('prisonerNumber', '=', action.prisonerNumber)
			.returning(['id', 'until', 'reason'])
			.executeTakeFirst();
		if (!removed) throw new NotFound('api.prisoners.banNotFound');
		await audit(trx, action, 'prisoner.ban.remove', { banId: removed.id, until: removed.until, reason: removed.reason });
		// The visits it made need review need it no more (for this cause).
		await clearReviewCauses(trx, 'visitor_banned', removed.id, action.now);
	});
}
