import { t, tPlural } from '../shared/i18n';
import type { LocalVisitRequest } from './db';
import type { SyncStatus } from './sync';

/* The words pages show for the sync state, so every page says the same thing. */

/** One line for a status banner, or null when there is nothing to say. */
export function describeSyncStatus(status: SyncStatus): string | null {
	if (status.staffSignInNeeded) return t('sync.status.staffSignIn');
	if (!status.online) return status.pending > 0 ? tPlural('sync.status.offlineWaiting', status.pending) : t('sync.status.offline');
	if (status.pending > 0) return status.syncing ? t('sync.status.sending') : tPlural('sync.status.waiting', status.pending);
	if (status.failed > 0) return tPlural('sync.status.failed', status.failed);
	// A question waiting on the page (close the day and cancel its visits?) is not a refusal.
	if (status.asking > 0) return tPlural('journeys.sync.asking', status.asking);
	return null;
}

/** What a request's card says about its delivery, or null once the server has it and nothing waits. */
export function describeRequestSync(request: LocalVisitRequest): string | null {
	if (request.supersededBy) return t('sync.request.superseded');
	if (request.syncState === 'pending') return t('sync.request.waiting');
	if (request.syncState === 'rejected') return t('sync.request.rejected');
	if (request.pendingAction === 'withdraw') return t('sync.request.withdrawWaiting');
	if (request.pendingAction === 'cancel') return t('sync.request.cancelWaiting');
	return null;
}
