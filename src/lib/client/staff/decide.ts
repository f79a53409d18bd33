import type { BookAPrisonVisitDb, OutboxItem } from '../db';
import type { PrisonSettingCommand, StaffDecisionCommand } from '../commands';
import { dismissRefused, queueItem } from '../outbox';

/*
 * Queuing a staff change so it works offline. The outbox keeps a refused item at the head of its
 * order key and holds back what follows it, so acting again after a refusal (a full slot, someone
 * else's decision) first closes the refused item: the officer has seen it and decided anew.
 */

export type StaffDecisionKind = StaffDecisionCommand['kind'];

/** Queues a staff decision, built by commands.confirm / reject / staffCancel (so its body is the route's input type). */
export async function enqueueStaffDecision(
	db: BookAPrisonVisitDb,
	decision: StaffDecisionCommand,
	now: number = Date.now()
): Promise<OutboxItem> {
	return db.transaction('rw', db.staffRequests, db.outbox, async () => {
		await db.staffRequests.update(decision.requestId, { pendingAction: decision.kind, lastError: undefined });
		return queueItem(db, decision, now);
	});
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
		await dismissRefused(db, requestId);
		return { item: await enqueueStaffDecision(db, decision), queued: true };
	});
}

/** Queues a timetable or closure change (commands.replaceTimetable / addClosure / removeClosure); one prison's changes go in the order made. */
export async function queuePrisonSetting(db: BookAPrisonVisitDb, setting: PrisonSettingCommand): Promise<OutboxItem> {
	await dismissRefused(db, setting.orderKey);
	return queueItem(db, setting);
}
