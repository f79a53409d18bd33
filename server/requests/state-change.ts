import { sql, type Transaction } from 'kysely';
import type { ActorType, RequestStatus } from '../../src/lib/shared/domain';
import { formatInstant } from '../../src/lib/shared/format';
import { t, type MessageKey } from '../../src/lib/shared/i18n';
import { canTransition } from '../../src/lib/shared/rules/transitions';
import { jsonb } from '../db/json';
import type { Database, VisitRequestUpdate } from '../db/schema';
import { Conflict } from '../domain-errors';
import { actorColumns, type Actor } from '../actor';
import { lastChange, type RequestRow } from './repository';

/**
 * Refuses a move the state machine does not allow, saying what happened instead, by whom and
 * when, so an officer whose queued decision lost the race sees why.
 */
export async function assertTransition(
	trx: Transaction<Database>,
	row: RequestRow,
	to: RequestStatus,
	actor: Actor,
	timeZone: string
): Promise<void> {
	const from = row.status as RequestStatus;
	if (canTransition(from, to, actor.type)) return;
	const change = await lastChange(trx, row.id);
	const status = t(`status.${from}` as MessageKey);
	const at = formatInstant(change?.at ?? row.updatedAt, timeZone);
	const details = { status: from, by: change?.actorName ?? null, byType: change?.actorType ?? null, at: change?.at ?? null };
	if (from === 'requested') {
		throw new Conflict('api.conflict.notAllowed', {
			params: { status, action: t(`action.${to}` as MessageKey) },
			code: 'state_conflict',
			details
		});
	}
	throw new Conflict('api.conflict.alreadyDecided', {
		params: { status, actor: describeActor(change?.actorType, change?.actorName), at },
		code: 'state_conflict',
		details
	});
}

function describeActor(type: ActorType | undefined, name: string | null | undefined): string {
	if (type === 'staff' && name) return t('actor.staff', { name });
	if (type === 'device') return t('actor.visitor');
	return t('actor.system');
}

/** Moves a request to a new state and records who did it, in the caller's transaction: one statement. */
export async function applyTransition(
	trx: Transaction<Database>,
	row: RequestRow,
	to: RequestStatus,
	actor: Actor,
	now: Date,
	updates: Omit<VisitRequestUpdate, 'status' | 'updatedAt'> = {},
	detail: Record<string, unknown> = {}
): Promise<void> {
	const { actorType, actorId, actorName } = actorColumns(actor);
	await trx
		.with('moved', (db) =>
			db
				.updateTable('visitRequests')
				.set({ ...updates, status: to, updatedAt: now })
				.where('id', '=', row.id)
				.returning('id')
		)
		.insertInto('stateChanges')
		.columns(['requestId', 'fromStatus', 'toStatus', 'actorType', 'actorId', 'actorName', 'at', 'detail'])
		.expression((eb) =>
			eb
				.selectFrom('moved')
				.select([
					'moved.id',
					sql<string | null>`${row.status}::text`.as('fromStatus'),
					sql<string>`${to}::text`.as('toStatus'),
					sql<string>`${actorType}::text`.as('actorType'),
					sql<string | null>`${actorId}::text`.as('actorId'),
					sql<string | null>`${actorName}::text`.as('actorName'),
					sql<Date>`${now}::timestamptz`.as('at'),
					jsonb(detail).as('detail')
				])
		)
		.execute();
}
