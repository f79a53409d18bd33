import type { Transaction } from 'kysely';
import type { RejectionReason } from '../../src/lib/shared/domain';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import type { RequestRow } from '../requests/repository';
import { applyTransition } from '../requests/state-change';
import { queueNotice, type ServiceChannels } from '../messages/notices';

/**
 * The system's one way to refuse a waiting request (expiry, and facts from the prison's system of
 * record): the state change by actor `system` with its reasons, and the visitor told on their
 * channels in their language, in the caller's transaction. The caller holds the request's row lock
 * and has checked it is still `requested`.
 */
export async function rejectBySystem(
	trx: Transaction<Database>,
	row: RequestRow,
	reasons: RejectionReason[],
	channels: ServiceChannels,
	now: Date,
	options: { message?: string | null; detail?: Record<string, unknown> } = {}
): Promise<void> {
	await applyTransition(
		trx,
		row,
		'rejected',
		{ type: 'system' },
		now,
		{ rejectionReasons: jsonb<string[]>(reasons), decisionMessage: options.message ?? null, decidedAt: now, decidedBy: null },
		{ reasons, ...options.detail }
	);
	await queueNotice(trx, row.id, 'rejected', channels, now);
}
