import type { BookAPrisonVisitDb, OutboxItem } from '../db';
import type { PrisonSettingCommand, StaffDecisionCommand } from '../commands';
import { dismissFailed, enqueuePrisonSetting, enqueueStaffDecision } from '../outbox';

/*
 * Queuing a staff change so it works offline. The outbox keeps a refused item at the head of its
 * order key and holds back what follows it, so acting again after a refusal (a full slot, someone
 * else's decision) first closes the refused item: the officer has seen it and decided anew.
 */

async function closeRefused(db: BookAPrisonVisitDb, orderKey: string): Promise<void> {
	const refused = await db.outbox
		.where('orderKey')
		.equals(orderKey)
		.filter((item) => item.state === 'failed')
		.toArray();
	for (const item of refused) await dismissFailed(db, item.id!);
}

/** The open (not yet acknowledged) item for a request, if any: the page is busy while there is one. */
export async function openDecision(db: BookAPrisonVisitDb, requestId: string): Promise<OutboxItem | undefined> {
	const items = await db.outbox.where('orderKey').equals(requestId).toArray();
	return items.filter((item) => item.state === 'pending' || item.state === 'sending').sort((a, b) => b.id! - a.id!)[0];
}

/**
 * Queues a decision unless one is already waiting for this request (a double tap, or a second
 * tab): then the waiting one is returned and nothing new is queued.
 */
export async function queueDecision(
	db: BookAPrisonVisitDb,
	decision: StaffDecisionCommand
): Promise<{ item: OutboxItem; queued: boolean }> {
	const { requestId } = decision;
	// One transaction, so two tabs deciding at the same moment cannot both find nothing waiting.
	return db.transaction('rw', db.outbox, db.requests, db.staffRequests, async () => {
		const waiting = await openDecision(db, requestId);
		if (waiting) return { item: waiting, queued: false };
		await closeRefused(db, requestId);
		return { item: await enqueueStaffDecision(db, decision), queued: true };
	});
}

export { prisonOrderKey } from '../commands';

export async function queuePrisonSetting(db: BookAPrisonVisitDb, setting: PrisonSettingCommand): Promise<OutboxItem> {
	await closeRefused(db, setting.orderKey);
	return enqueuePrisonSetting(db, setting);
}

/** The officer read why a change was refused and wants the message gone. */
export async function dismissRefused(db: BookAPrisonVisitDb, orderKey: string): Promise<void> {
	await closeRefused(db, orderKey);
}
