// Reads of the prisoner's record: allowance and bans per (prison, prisoner number), and the
// prisoner's other requests, for one prisoner or for a whole page of requests in a fixed number of queries.
import type { Kysely, Transaction } from 'kysely';
import type { Allowance, Ban, FlagRecord, NonAssociated, OtherRequest } from '../../src/lib/shared/rules/flags';
import type { RequestStatus } from '../../src/lib/shared/domain';
import type { Database } from '../db/schema';

export type Db = Kysely<Database> | Transaction<Database>;

export interface PrisonerKey {
	prisonId: string;
	prisonerNumber: string;
}

export const keyOf = (key: PrisonerKey): string => `${key.prisonId}/${key.prisonerNumber}`;

export interface StoredAllowance extends Allowance {
	/** 0 when the prisoner has no allowance row yet. */
	version: number;
}

const UNTRACKED: StoredAllowance = { remaining: null, renewsOn: null, version: 0 };

function narrow<T extends PrisonerKey>(rows: T[], keys: ReadonlySet<string>): T[] {
	return rows.filter((row) => keys.has(keyOf(row)));
}

/** Allowances and bans of every prisoner named, as maps by keyOf(). Two queries, whatever the number of prisoners. */
export async function loadAllowancesAndBans(
	db: Db,
	keys: readonly PrisonerKey[]
): Promise<{ allowances: Map<string, StoredAllowance>; bans: Map<string, Ban[]> }> {
	const allowances = new Map<string, StoredAllowance>();
	const bans = new Map<string, Ban[]>();
	if (keys.length === 0) return { allowances, bans };
	const wanted = new Set(keys.map(keyOf));
	const prisonIds = [...new Set(keys.map((k) => k.prisonId))];
	const numbers = [...new Set(keys.map((k) => k.prisonerNumber))];
	const [allowanceRows, banRows] = await Promise.all([
		db
			.selectFrom('prisonerAllowances')
			.select(['prisonId', 'prisonerNumber', 'remaining', 'renewsOn', 'version'])
			.where('prisonId', 'in', prisonIds)
			.where('prisonerNumber', 'in', numbers)
			.execute(),
		db
			.selectFrom('prisonerBans')
			.select(['id', 'prisonId', 'prisonerNumber', 'firstName', 'lastName', 'dateOfBirth', 'until', 'reason', 'restrictionId'])
			.where('prisonId', 'in', prisonIds)
			.where('prisonerNumber', 'in', numbers)
			.orderBy('createdAt')
			.orderBy('id')
			.execute()
	]);
	for (const row of narrow(allowanceRows, wanted)) {
		allowances.set(keyOf(row), { remaining: row.remaining, renewsOn: row.renewsOn, version: row.version });
	}
	for (const row of narrow(banRows, wanted)) {
		const list = bans.get(keyOf(row)) ?? [];
		list.push({
			id: row.id,
			firstName: row.firstName,
			lastName: row.lastName,
			dateOfBirth: row.dateOfBirth,
			until: row.until,
			reason: row.reason,
			restrictionId: row.restrictionId
		});
		bans.set(keyOf(row), list);
	}
	return { allowances, bans };
}

/** The waiting and booked requests of every prisoner named, with their chosen slots: one query. */
export async function loadLiveRequests(db: Db, keys: readonly PrisonerKey[]): Promise<Map<string, OtherRequest[]>> {
	const byPrisoner = new Map<string, OtherRequest[]>();
	if (keys.length === 0) return byPrisoner;
	const wanted = new Set(keys.map(keyOf));
	const rows = await db
		.selectFrom('visitRequests')
		.leftJoin('requestSlots', 'requestSlots.requestId', 'visitRequests.id')
		.select([
			'visitRequests.id',
			'visitRequests.reference',
			'visitRequests.status',
			'visitRequests.prisonId',
			'visitRequests.prisonerNumber',
			'visitRequests.bookedDate',
			'visitRequests.bookedStart',
			'requestSlots.date',
			'requestSlots.startTime'
		])
		.where('visitRequests.prisonId', 'in', [...new Set(keys.map((k) => k.prisonId))])
		.where('visitRequests.prisonerNumber', 'in', [...new Set(keys.map((k) => k.prisonerNumber))])
		.where('visitRequests.status', 'in', ['requested', 'booked'])
		.orderBy('visitRequests.createdAt')
		.orderBy('visitRequests.id')
		.orderBy('requestSlots.preference')
		.execute();
	const byId = new Map<string, OtherRequest>();
	for (const row of rows) {
		if (!row.prisonerNumber) continue;
		const key = keyOf({ prisonId: row.prisonId, prisonerNumber: row.prisonerNumber });
		if (!wanted.has(key)) continue;
		let request = byId.get(row.id);
		if (!request) {
			request = {
				id: row.id,
				reference: row.reference,
				status: row.status as RequestStatus,
				slots: [],
				bookedSlot: row.bookedDate && row.bookedStart ? { date: row.bookedDate, start: row.bookedStart } : null
			};
			byId.set(row.id, request);
			byPrisoner.set(key, [...(byPrisoner.get(key) ?? []), request]);
		}
		if (row.date && row.startTime) request.slots.push({ date: row.date, start: row.startTime });
	}
	return byPrisoner;
}

/**
 * Each named prisoner's non-associations at the prison, with the dates the other prisoner has a
 * visit booked there (from today on is the caller's concern: past dates match no new request).
 */
export async function loadNonAssociations(db: Db, keys: readonly PrisonerKey[]): Promise<Map<string, NonAssociated[]>> {
	const byPrisoner = new Map<string, NonAssociated[]>();
	if (keys.length === 0) return byPrisoner;
	const wanted = new Set(keys.map(keyOf));
	const rows = await db
		.selectFrom('prisonerNonAssociations as n')
		.leftJoin('visitRequests as r', (join) =>
			join.onRef('r.prisonId', '=', 'n.prisonId').onRef('r.prisonerNumber', '=', 'n.otherNumber').on('r.status', '=', 'booked')
		)
		.select(['n.prisonId', 'n.prisonerNumber', 'n.otherNumber', 'r.bookedDate'])
		.where('n.prisonId', 'in', [...new Set(keys.map((k) => k.prisonId))])
		.where('n.prisonerNumber', 'in', [...new Set(keys.map((k) => k.prisonerNumber))])
		.orderBy('n.otherNumber')
		.orderBy('r.bookedDate')
		.execute();
	for (const row of rows) {
		const key = keyOf(row);
		if (!wanted.has(key)) continue;
		const list = byPrisoner.get(key) ?? [];
		let other = list.find((o) => o.prisonerNumber === row.otherNumber);
		if (!other) {
			other = { prisonerNumber: row.otherNumber, bookedDates: [] };
			list.push(other);
			byPrisoner.set(key, list);
		}
		if (row.bookedDate) (other.bookedDates as string[]).push(row.bookedDate);
	}
	return byPrisoner;
}

/** The flag records of every prisoner named: four queries in all. */
export async function loadFlagRecords(db: Db, keys: readonly PrisonerKey[]): Promise<Map<string, FlagRecord>> {
	const [{ allowances, bans }, requests, nonAssociations] = await Promise.all([
		loadAllowancesAndBans(db, keys),
		loadLiveRequests(db, keys),
		loadNonAssociations(db, keys)
	]);
	const records = new Map<string, FlagRecord>();
	for (const key of new Set(keys.map(keyOf))) {
		const allowance = allowances.get(key) ?? UNTRACKED;
		records.set(key, {
			allowance: { remaining: allowance.remaining, renewsOn: allowance.renewsOn },
			bans: bans.get(key) ?? [],
			requests: requests.get(key) ?? [],
			nonAssociations: nonAssociations.get(key) ?? []
		});
	}
	return records;
}

export async function loadAllowance(db: Db, key: PrisonerKey): Promise<StoredAllowance> {
	const { allowances } = await loadAllowancesAndBans(db, [key]);
	return allowances.get(keyOf(key)) ?? UNTRACKED;
}
