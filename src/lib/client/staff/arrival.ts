import type { VisitArrival } from '../../shared/gate/attendance';
import type { ArrivalAnswer } from '../../shared/gate/answers';
import type { ArrivalInputRaw } from '../../shared/schemas-gate';
import { apiPaths, params } from '../api';
import { commands, type ArrivalBody, type OutcomeBody } from '../commands';
import type { BookAPrisonVisitDb, LocalError, OutboxItem } from '../db';
import { queueItem } from '../outbox';

/*
 * Arrivals recorded at the gate go through the staff outbox like any decision: queued on the
 * tablet first (so no signal loses nothing), sent once, in order with other changes to the same
 * request. Recording again while one is queued or sent returns that one: a visit is checked in
 * once, however often its pass is scanned. The server answers a repeat with "already arrived".
 */

export const arrivalPath = (requestId: string) => apiPaths.staff.requests[':id'].arrival.$path({ param: params({ id: requestId }) });

/** An arrival this tablet holds: waiting to send, sent, or refused by the server. */
export interface LocalArrival extends VisitArrival {
	state: 'waiting' | 'sent' | 'refused';
	itemId: number;
	error?: LocalError;
	/** The server's words once it answered ("Arrival recorded at 13:52", "Already arrived at 13:50"). */
	message?: string;
}

function localArrival(item: OutboxItem): LocalArrival {
	const body = (item.body ?? {}) as ArrivalInputRaw;
	const answer = item.result as Partial<ArrivalAnswer> | undefined;
	const state = item.state === 'done' ? 'sent' : item.state === 'failed' ? 'refused' : 'waiting';
	return {
		// The server's record wins once it answered (a colleague may have checked them in first).
		arrivedAt: answer?.arrival?.arrivedAt ?? body.arrivedAt ?? new Date(item.createdAt).toISOString(),
		visitors: answer?.arrival?.visitors ?? body.visitors ?? [],
		recordedBy: answer?.arrival?.recordedBy ?? null,
		outcome: answer?.arrival?.outcome ?? body.outcome ?? 'attended',
		note: answer?.arrival?.note ?? body.note ?? null,
		state,
		itemId: item.id!,
		...(item.lastError && state === 'refused' ? { error: item.lastError } : {}),
		...(answer?.message ? { message: answer.message } : {})
	};
}

/**
 * Every arrival this tablet recorded, by request; a refused one only until it is dismissed. A later
 * "what happened" this tablet told (sent or waiting) is shown over the arrival's own outcome.
 */
export async function localArrivals(db: BookAPrisonVisitDb): Promise<Map<string, LocalArrival>> {
	const items = await db.outbox
		.where('requestId')
		.above('')
		.filter((item) => item.kind === 'staff-arrival' || item.kind === 'staff-outcome')
		.sortBy('id');
	const arrivals = new Map<string, LocalArrival>();
	const outcomes = new Map<string, OutcomeBody>();
	for (const item of items) {
		if (!item.requestId) continue;
		// A dismissed refusal is `done` with no answer: it recorded nothing.
		if (item.state === 'done' && item.result === undefined) continue;
		if (item.kind === 'staff-outcome') {
			if (item.state !== 'failed') outcomes.set(item.requestId, item.body as OutcomeBody);
		} else arrivals.set(item.requestId, localArrival(item));
	}
	for (const [requestId, told] of outcomes) {
		const arrival = arrivals.get(requestId);
		if (arrival && told.outcome) arrivals.set(requestId, { ...arrival, outcome: told.outcome, note: told.note ?? null });
	}
	return arrivals;
}

/** Queues what happened at a visit that has arrived (sent in order after its arrival). */
export async function queueOutcome(db: BookAPrisonVisitDb, requestId: string, body: OutcomeBody, now: number = Date.now()): Promise<void> {
	await queueItem(db, commands.outcome(requestId, body), now);
}

/**
 * Queues an arrival unless this tablet already has one for the visit (then that one comes back,
 * `queued: false`). One Dexie transaction, so two taps at once cannot both queue.
 */
export async function queueArrival(
	db: BookAPrisonVisitDb,
	requestId: string,
	body: ArrivalBody,
	now: number = Date.now()
): Promise<{ arrival: LocalArrival; queued: boolean }> {
	return db.transaction('rw', db.outbox, async () => {
		const earlier = (await db.outbox.where('requestId').equals(requestId).toArray())
			.filter((item) => item.kind === 'staff-arrival' && item.state !== 'failed' && !(item.state === 'done' && item.result === undefined))
			.sort((a, b) => b.id! - a.id!)[0];
		if (earlier) return { arrival: localArrival(earlier), queued: false };
		// A refused attempt the officer acts on again is closed: they have seen it.
		await db.outbox
			.where('requestId')
			.equals(requestId)
			.filter((item) => item.kind === 'staff-arrival' && item.state === 'failed')
			.modify({ state: 'done', doneAt: now });
		const item = await queueItem(db, commands.arrival(requestId, body), now);
		return { arrival: localArrival(item), queued: true };
	});
}

/** The officer read why the server refused an arrival. */
export async function dismissArrival(db: BookAPrisonVisitDb, itemId: number, now: number = Date.now()): Promise<void> {
	await db.outbox
		.where('id')
		.equals(itemId)
		.filter((item) => item.state === 'failed')
		.modify({ state: 'done', doneAt: now });
}
