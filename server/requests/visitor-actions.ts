import type { Kysely } from 'kysely';
import type { VisitRequest } from '../../src/lib/shared/answers';
import type { Database } from '../db/schema';
import { NotFound } from '../domain-errors';
import { findPrison } from '../prisons/repository';
import type { Actor } from '../actor';
import { ownsRequest } from '../accounts/ownership';
import { cancelBooking, type DecisionHook } from './decisions';
import { lockRequest, requestsQuery, toVisitRequest } from './repository';
import { applyTransition, assertTransition } from './state-change';

interface VisitorAction {
	requestId: string;
	deviceId: string;
	now: Date;
	onChanged?: DecisionHook;
}

/**
 * A device acts only on requests it made; anyone else's look like they do not exist (404), so
 * request ids cannot be probed.
 */
async function actAsVisitor(
	db: Kysely<Database>,
	action: VisitorAction,
	change: (...args: Parameters<typeof cancelBooking>) => Promise<void>
): Promise<VisitRequest> {
	return db.transaction().execute(async (trx) => {
		const row = await lockRequest(trx, action.requestId);
		if (!row || !(await ownsRequest(trx, row, action.deviceId))) throw new NotFound('api.request.notFound');
		const prison = await findPrison(trx, row.prisonId);
		if (!prison) throw new NotFound('api.prison.notFound');
		const actor: Actor = { type: 'device', id: action.deviceId };
		await change(trx, row, prison, actor, action.now, { cancellationReason: 'visitor_asked' });
		const request = await toVisitRequest(trx, await requestsQuery(trx).where('id', '=', row.id).executeTakeFirstOrThrow());
		await action.onChanged?.(trx, request);
		return request;
	});
}

/**
 * Withdraws a request that has not been decided. Withdrawing twice is harmless: a device whose
 * first withdraw got no answer sends it again and gets the withdrawn request back.
 */
export function withdrawRequest(db: Kysely<Database>, action: VisitorAction): Promise<VisitRequest> {
	return actAsVisitor(db, action, async (trx, row, prison, actor, now) => {
		if (row.status === 'withdrawn') return;
		await assertTransition(trx, row, 'withdrawn', actor, prison.timeZone);
		await applyTransition(trx, row, 'withdrawn', actor, now);
	});
}

/** Cancels a booked visit before it starts; cancelling twice is harmless for the same reason. */
export function cancelByVisitor(db: Kysely<Database>, action: VisitorAction): Promise<VisitRequest> {
	return actAsVisitor(db, action, async (trx, row, prison, actor, now, updates) => {
		if (row.status === 'cancelled') return;
		await cancelBooking(trx, row, prison, actor, now, updates);
	});
}
