// What the prisoner's record does to a confirm and a cancellation, inside the deciding transaction:
// a confirm over a ban or an empty allowance needs an override reason (audited), a confirm uses one
// visit of a tracked allowance, and a cancellation gives it back.
import { sql, type Transaction } from 'kysely';
import { t } from '../../src/lib/shared/i18n';
import { blockingFlagsForConfirm, type Flag } from '../../src/lib/shared/rules/flags';
import type { OverrideInput } from '../../src/lib/shared/schemas';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import { Conflict } from '../domain-errors';
import type { Actor } from '../requests/actor';
import { loadAllowancesAndBans, keyOf } from './repository';

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

/** 409 `flagged`: what stands in the way, and that a reason lets the officer go ahead. */
export function flaggedError(flags: Flag[]): Conflict {
	return new Conflict('api.flagged', {
		params: { flags: flags.map((f) => f.message).join(' ') },
		code: 'flagged',
		details: { flags },
		fields: { 'override.reason': t('prisoners.field.overrideReason.required') }
	});
}

/**
 * Takes one visit of the prisoner's allowance when it is tracked, with one guarded statement
 * (`remaining > 0`), so concurrent confirms in any number of processes never take it below 0.
 * Refuses (409 flagged) a banned visitor still coming or an allowance at 0, unless overridden;
 * an override is audited with the flags it went past. Throwing rolls the whole decision back.
 */
export async function confirmAgainstRecord(trx: Transaction<Database>, confirm: ConfirmAgainstRecord): Promise<void> {
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
	const stored = allowances.get(keyOf(key));
	// Having used one, there was a visit to use; otherwise 0 is none left and null (or no row) is not tracked.
	const allowance = { remaining: used ? (used.remaining ?? 0) + 1 : (stored?.remaining ?? null), renewsOn: stored?.renewsOn ?? null };
	const flags = blockingFlagsForConfirm(
		{ visitors },
		{ allowance, bans: bans.get(keyOf(key)) ?? [] },
		confirm.date,
		confirm.excludedVisitors
	);
	if (flags.length > 0) {
		if (!confirm.override) throw flaggedError(flags);
		await trx
			.insertInto('auditLog')
			.values({
				staffId: confirm.actor.type === 'staff' ? confirm.actor.id : null,
				prisonId: confirm.prisonId,
				action: 'request.override',
				target: confirm.requestId,
				detail: jsonb({
					reason: confirm.override.reason,
					flags: flags.map((f) => f.code),
					visitors: flags.flatMap((f) => f.visitors ?? [])
				}),
				at: confirm.now
			})
			.execute();
	}
	if (used) await trx.updateTable('visitRequests').set({ allowanceUsed: true }).where('id', '=', confirm.requestId).execute();
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
