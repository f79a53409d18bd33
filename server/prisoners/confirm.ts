// What the prisoner's record does to a confirm and a cancellation, inside the deciding transaction:
// a confirm over a ban or an empty allowance needs an override naming each flag it goes past, with a
// reason (audited, and kept with the booking for the day's list and the gate); a banned lead visitor
// may be left out only if another adult comes to lead; a confirm uses one visit of a tracked
// allowance, and a cancellation gives it back.
import { sql, type Transaction } from 'kysely';
import { t } from '../../src/lib/shared/i18n';
import { ageOn } from '../../src/lib/shared/rules/dates';
import { blockingFlagsForConfirm, type Allowance, type Flag } from '../../src/lib/shared/rules/flags';
import type { OverrideInput } from '../../src/lib/shared/schemas';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import { Conflict, RuleProblems } from '../domain-errors';
import type { Actor } from '../actor';
import { loadAllowancesAndBans, keyOf, type PrisonerKey } from './repository';

export interface ConfirmAgainstRecord {
	requestId: string;
	prisonId: string;
	/** The prisoner number as stored on the request; null once purged (nothing to check). */
	prisonerNumber: string | null;
	date: string;
	excludedVisitors: readonly number[];
	override?: OverrideInput | undefined;
	actor: Actor;
	now: Date;
	/** The request's visitors in order, when the caller has them already (one round trip fewer). */
	visitors?: { firstName: string; lastName: string; dateOfBirth: string }[];
}

/**
 * 409 `flagged`: what stands in the way, and that an override naming those flags, with a reason,
 * lets the officer go ahead. `flags` are the ones the override (if any) did not name.
 */
export function flaggedError(flags: Flag[], override?: OverrideInput): Conflict {
	return new Conflict('api.flagged', {
		params: { flags: flags.map((f) => f.message).join(' ') },
		code: 'flagged',
		details: { flags },
		fields: override
			? { 'override.codes': t('journeys.field.overrideCodes.missing', { flags: flags.map((f) => t(`flags.tag.${f.code}`)).join(', ') }) }
			: { 'override.reason': t('prisoners.field.overrideReason.required') }
	});
}

/**
 * The lead visitor (0) left out of a visit: another adult must still be coming to lead it. Checked
 * against the prison's adult age on the visit's date; 422 on `excludedVisitors` otherwise.
 */
async function assertSomeoneLeads(trx: Transaction<Database>, confirm: ConfirmAgainstRecord, visitors: readonly { dateOfBirth: string }[]) {
	if (!confirm.excludedVisitors.includes(0)) return;
	const prison = await trx.selectFrom('prisons').select('adultAge').where('id', '=', confirm.prisonId).executeTakeFirstOrThrow();
	const leader = visitors.some(
		(visitor, position) => !confirm.excludedVisitors.includes(position) && ageOn(visitor.dateOfBirth, confirm.date) >= prison.adultAge
	);
	if (!leader) throw new RuleProblems('journeys.api.leadExcluded', { field: 'excludedVisitors', params: { age: prison.adultAge } });
}

/**
 * Takes one visit of the prisoner's allowance when it is tracked, with one guarded statement
 * (`remaining > 0`), so concurrent confirms in any number of processes never take it below 0.
 * Refuses (409 flagged) a banned visitor still coming or an allowance at 0, unless an override names
 * that flag; an override is audited with the flags it went past and kept with the booking (one row
 * per request: a later confirm of the same request replaces it). Throwing rolls the whole decision back.
 */
export async function confirmAgainstRecord(trx: Transaction<Database>, confirm: ConfirmAgainstRecord): Promise<void> {
	if (confirm.excludedVisitors.includes(0)) {
		const visitors =
			confirm.visitors ??
			(await trx
				.selectFrom('requestVisitors')
				.select('dateOfBirth')
				.where('requestId', '=', confirm.requestId)
				.orderBy('position')
				.execute());
		await assertSomeoneLeads(trx, confirm, visitors);
	}
	if (!confirm.prisonerNumber) return;
	const key = { prisonId: confirm.prisonId, prisonerNumber: confirm.prisonerNumber };
	const used = await trx
		.updateTable('prisonerAllowances')
		.set((eb) => ({ remaining: eb('remaining', '-', 1), version: eb('version', '+', 1), updatedAt: confirm.now }))
		.where('prisonId', '=', key.prisonId)
		.where('prisonerNumber', '=', key.prisonerNumber)
		.where('remaining', '>', 0)
		.returning('remaining')
		.executeTakeFirst();
	// Read after the guarded update: its row lock means this sees the allowance as it now stands.
	const flags = await blockingFlags(trx, confirm, key, (stored) => ({
		// Having used one, there was a visit to use; otherwise 0 is none left and null (or no row) is not tracked.
		remaining: used ? (used.remaining ?? 0) + 1 : (stored?.remaining ?? null),
		renewsOn: stored?.renewsOn ?? null
	}));
	await passFlags(trx, confirm, flags);
	if (used) await trx.updateTable('visitRequests').set({ allowanceUsed: true }).where('id', '=', confirm.requestId).execute();
}

/**
 * What stands in the way of this booking on its date, from the prisoner's record (bans, and the
 * allowance as `allowanceOf` says it stands) and the request's visitors.
 */
async function blockingFlags(
	trx: Transaction<Database>,
	confirm: ConfirmAgainstRecord,
	key: PrisonerKey,
	allowanceOf: (stored: Allowance | undefined) => Allowance
): Promise<Flag[]> {
	const [{ allowances, bans }, visitors] = await Promise.all([
		loadAllowancesAndBans(trx, [key]),
		confirm.visitors ??
			trx
				.selectFrom('requestVisitors')
				.select(['firstName', 'lastName', 'dateOfBirth'])
				.where('requestId', '=', confirm.requestId)
				.orderBy('position')
				.execute()
	]);
	const record = { allowance: allowanceOf(allowances.get(keyOf(key))), bans: bans.get(keyOf(key)) ?? [] };
	return blockingFlagsForConfirm({ visitors }, record, confirm.date, confirm.excludedVisitors);
}

/** Refuses (409 flagged) a confirm that blocking flags stand in the way of, unless overridden; audits an override. */
async function passFlags(trx: Transaction<Database>, confirm: ConfirmAgainstRecord, flags: Flag[]): Promise<void> {
	if (flags.length === 0) return;
	const override = confirm.override;
	if (!override) throw flaggedError(flags);
	const unnamed = flags.filter((flag) => !(override.codes as readonly string[]).includes(flag.code));
	if (unnamed.length > 0) throw flaggedError(unnamed, override);
	const codes = [...new Set(override.codes.filter((code) => flags.some((f) => f.code === code)))];
	const bannedVisitors = flags.flatMap((f) => f.visitors ?? []);
	const staffId = confirm.actor.type === 'staff' ? confirm.actor.id : null;
	const staffName = confirm.actor.type === 'staff' ? confirm.actor.name : null;
	const row = {
		prisonId: confirm.prisonId,
		codes: jsonb(codes),
		visitors: jsonb(bannedVisitors),
		reason: override.reason,
		staffId,
		staffName,
		at: confirm.now
	};
	await trx
		.insertInto('visitOverrides')
		.values({ requestId: confirm.requestId, ...row })
		.onConflict((oc) => oc.column('requestId').doUpdateSet(row))
		.execute();
	await trx
		.insertInto('auditLog')
		.values({
			staffId,
			prisonId: confirm.prisonId,
			action: 'request.override',
			target: confirm.requestId,
			detail: jsonb({ reason: override.reason, flags: codes, visitors: bannedVisitors }),
			at: confirm.now
		})
		.execute();
}

/**
 * Moving a booked visit to another date (a change confirmed): a banned visitor still coming on the
 * new date stands in the way as at a confirm (409 flagged, or an audited override). The allowance
 * is not asked again: the visit used it when it was booked, and a move uses no other.
 */
export async function changeAgainstRecord(trx: Transaction<Database>, change: ConfirmAgainstRecord): Promise<void> {
	if (!change.prisonerNumber) return;
	// The allowance is not asked again: untracked, it never stands in the way.
	const key = { prisonId: change.prisonId, prisonerNumber: change.prisonerNumber };
	const flags = await blockingFlags(trx, change, key, () => ({ remaining: null, renewsOn: null }));
	await passFlags(trx, change, flags);
}

/** Gives back the allowance visit a booking used, when it used one and the allowance is still tracked. */
export async function giveBackAllowance(trx: Transaction<Database>, requestId: string, now: Date): Promise<void> {
	const row = await trx
		.updateTable('visitRequests')
		.set({ allowanceUsed: false })
		.where('id', '=', requestId)
		.where('allowanceUsed', '=', true)
		.returning(['prisonId', 'prisonerNumber'])
		.executeTakeFirst();
	if (!row?.prisonerNumber) return;
	await trx
		.updateTable('prisonerAllowances')
		.set({ remaining: sql<number>`remaining + 1`, version: sql<number>`version + 1`, updatedAt: now })
		.where('prisonId', '=', row.prisonId)
		.where('prisonerNumber', '=', row.prisonerNumber)
		.where('remaining', 'is not', null)
		.execute();
}
