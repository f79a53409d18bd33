// The prisoner's record as staff see and change it: allowance, bans, requests and visits. Every
// change is audited in the same transaction.
import type { Kysely, Transaction } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Ban } from '../../src/lib/shared/rules/flags';
import type { AllowanceInput, BanInput } from '../../src/lib/shared/schemas-prisoners';
import type { Person, VisitRequest } from '../../src/lib/shared/types';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import { Conflict, NotFound } from '../domain-errors';
import type { StaffIdentity } from '../auth/staff-identity';
import { requestsQuery, toVisitRequests } from '../requests/repository';
import { keyOf, loadAllowance, loadAllowancesAndBans, type PrisonerKey } from './repository';

export interface PrisonerRecord {
	prisonerNumber: string;
	prisonId: string;
	/** The prisoner's name and date of birth as the latest request gave them; null when no request names them. */
	prisoner: Person | null;
	allowance: { remaining: number | null; renewsOn: string | null };
	/** Changes with every allowance change: send it back to be told of someone else's change. */
	version: number;
	bans: Ban[];
	/** Newest first. */
	requests: VisitRequest[];
}

export interface RecordAction extends PrisonerKey {
	staff: StaffIdentity;
	now: Date;
}

const MAX_REQUESTS = 200;

export async function loadRecord(db: Kysely<Database> | Transaction<Database>, key: PrisonerKey): Promise<PrisonerRecord> {
	const [{ allowances, bans }, rows] = await Promise.all([
		loadAllowancesAndBans(db, [key]),
		requestsQuery(db)
			.where('prisonId', '=', key.prisonId)
			.where('prisonerNumber', '=', key.prisonerNumber)
			.orderBy('createdAt', 'desc')
			.orderBy('id')
			.limit(MAX_REQUESTS)
			.execute()
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
		requests
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
		const ban: Ban = {
			id: randomUUID(),
			firstName: input.firstName,
			lastName: input.lastName,
			dateOfBirth: input.dateOfBirth,
			until: input.until ?? null,
			reason: input.reason
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
		return ban;
	});
}

export async function removeBan(db: Kysely<Database>, action: RecordAction, banId: string): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const removed = await trx
			.deleteFrom('prisonerBans')
			.where('id', '=', banId)
			.where('prisonId', '=', action.prisonId)
			.where('prisonerNumber', '=', action.prisonerNumber)
			.returning(['id', 'until', 'reason'])
			.executeTakeFirst();
		if (!removed) throw new NotFound('api.prisoners.banNotFound');
		await audit(trx, action, 'prisoner.ban.remove', { banId: removed.id, until: removed.until, reason: removed.reason });
	});
}
