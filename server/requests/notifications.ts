import type { Transaction } from 'kysely';
import { LOCALES } from '../../src/lib/shared/i18n';
import type { VisitRequest } from '../../src/lib/shared/types';
import type { Database } from '../db/schema';
import { findPrison } from '../prisons/repository';
import { deviceIdsOf } from './claims';
import { enqueueForRequest, serialisePayload } from '../push/jobs';
import { decisionPayload, newRequestPayload, type DecisionStatus } from '../push/messages';

/*
 * Push notifications are written to the push outbox inside the transaction that changes the
 * request, so a decision never commits without its notification, nor the other way round.
 */

const TELL_VISITOR: ReadonlySet<string> = new Set<DecisionStatus>(['booked', 'rejected', 'cancelled']);

/** After staff decide (or cancel): tell the visitor's subscribed browsers. */
export async function queueVisitorPush(trx: Transaction<Database>, request: VisitRequest): Promise<void> {
	if (!TELL_VISITOR.has(request.status)) return;
	const row = await trx.selectFrom('visitRequests').select(['language']).where('id', '=', request.id).executeTakeFirstOrThrow();
	const prison = await findPrison(trx, request.prisonId);
	// Every device the request belongs to: the one that sent it and any that claimed it by reference.
	for (const deviceId of await deviceIdsOf(trx, request.id)) {
		await enqueueForRequest(trx, {
			requestId: request.id,
			deviceId,
			payload: decisionPayload(
				request.status as DecisionStatus,
				{
					requestId: request.id,
					reference: request.reference,
					prisonName: prison?.name ?? '',
					date: request.bookedSlot?.date ?? null,
					start: request.bookedSlot?.start ?? null
				},
				row.language
			)
		});
	}
}

/**
 * After a visitor submits: what staff who opted in to this prison's new requests are told, per
 * staff browser language, serialised. The submit's one statement writes the jobs
 * (requests/submit-statements.ts), each browser getting its language's payload.
 */
export function staffPushPayloads(request: { id: string; reference: string }, prisonName: string): Record<string, string> {
	return Object.fromEntries(
		LOCALES.map((language) => [
			language,
			serialisePayload(newRequestPayload({ requestId: request.id, reference: request.reference, prisonName }, language))
		])
	);
}
