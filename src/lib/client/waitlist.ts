import type { WaitlistEntry } from '../shared/schemas-waitlist';
import { serverChannels } from './message-channels';
import { pushState } from './push';
import { commands, waitlistOrderKey } from './commands';
import { getMeta, META, setMeta, type BookAPrisonVisitDb, type LocalError, type OutboxItem } from './db';
import { queueItem } from './outbox';

/*
 * The device's waiting list. What the server holds comes with each refresh of the
 * visitor's requests and with each answer to a join or leave (waitlist-copy.ts); a join or leave made here goes
 * into the outbox, so it works offline and is sent exactly once. What "Your visits" and the
 * calendar show is the server's list with the outbox's queued changes laid over it.
 */

export type WaitlistState = 'waiting' | 'joining' | 'leaving' | 'refused';

export interface ShownWaitlistEntry {
	prisonId: string;
	date: string;
	start: string;
	/** From the server's copy; absent while a join is only queued. */
	end?: string;
	prisonName?: string;
	/** The prisoner the family was booking for when they joined, if they joined on this device. */
	prisonerName?: string;
	state: WaitlistState;
	/** Why the server refused a join (409 there are places, 422 the time cannot be booked). */
	error?: LocalError;
	/** The outbox item behind a queued or refused change. */
	itemId?: number;
}

const KINDS = new Set<OutboxItem['kind']>(['waitlist-join', 'waitlist-leave']);
const keyOf = (entry: { prisonId: string; date: string; start: string }) => waitlistOrderKey(entry.prisonId, entry);

async function openItems(db: BookAPrisonVisitDb): Promise<OutboxItem[]> {
	const items = await db.outbox.where('state').anyOf('pending', 'sending', 'failed').toArray();
	return items.filter((item) => KINDS.has(item.kind)).sort((a, b) => a.id! - b.id!);
}

/** The waiting list as this device should show it, soonest first. */
export async function shownWaitlist(db: BookAPrisonVisitDb): Promise<ShownWaitlistEntry[]> {
	// One read of the copy and the outbox together: an answer settled between two reads would show neither.
	return db.transaction('r', db.meta, db.outbox, () => shownWaitlistNow(db));
}

async function shownWaitlistNow(db: BookAPrisonVisitDb): Promise<ShownWaitlistEntry[]> {
	const server = (await getMeta<WaitlistEntry[]>(db, META.waitlist)) ?? [];
	const shown = new Map<string, ShownWaitlistEntry>();
	for (const entry of server) shown.set(keyOf(entry), { ...entry, state: 'waiting' });
	// Later items win: a leave queued after a join shows "leaving".
	for (const item of await openItems(db)) {
		const body = item.body as { date: string; start: string };
		const prisonId = item.path.split('/').at(-2) ?? '';
		const key = item.orderKey;
		const known = shown.get(key);
		if (item.kind === 'waitlist-join') {
			const state: WaitlistState = item.state === 'failed' ? 'refused' : 'joining';
			shown.set(key, {
				...known,
				prisonId,
				date: body.date,
				start: body.start,
				state,
				itemId: item.id!,
				...(item.lastError ? { error: item.lastError } : {})
			});
		} else if (item.state !== 'failed') {
			shown.set(key, { ...(known ?? { prisonId, date: body.date, start: body.start }), state: 'leaving', itemId: item.id! });
		}
	}
	const prisoners = (await getMeta<Record<string, string>>(db, META.waitlistPrisoners)) ?? {};
	return [...shown.values()]
		.map((entry) => {
			const prisonerName = prisoners[keyOf(entry)];
			return prisonerName ? { ...entry, prisonerName } : entry;
		})
		.sort((a, b) => `${a.date}T${a.start}`.localeCompare(`${b.date}T${b.start}`));
}

/** The one entry for a slot, if the device is on (or joining, or was refused) its list. */
export async function waitlistEntryFor(db: BookAPrisonVisitDb, prisonId: string, slot: { date: string; start: string }) {
	return (await shownWaitlist(db)).find((entry) => keyOf(entry) === waitlistOrderKey(prisonId, slot));
}

/**
 * Queues joining a full slot's waiting list. Twice (a double tap, two tabs) queues it once.
 * `prisonerName` is whom the family is booking for, kept on this device to name the entry.
 */
export async function queueJoin(
	db: BookAPrisonVisitDb,
	prisonId: string,
	slot: { date: string; start: string },
	prisonerName?: string,
	now: number = Date.now()
): Promise<void> {
	await db.transaction('rw', db.outbox, db.meta, async () => {
		if (prisonerName?.trim()) {
			const prisoners = (await getMeta<Record<string, string>>(db, META.waitlistPrisoners)) ?? {};
			await setMeta(db, META.waitlistPrisoners, { ...prisoners, [waitlistOrderKey(prisonId, slot)]: prisonerName.trim() });
		}
		const current = await waitlistEntryFor(db, prisonId, slot);
		if (current && (current.state === 'waiting' || current.state === 'joining')) return;
		// A refused join queued again replaces the refusal.
		if (current?.state === 'refused' && current.itemId !== undefined)
			await db.outbox.update(current.itemId, { state: 'done', doneAt: now });
		await queueItem(db, commands.joinWaitlist(prisonId, { date: slot.date, start: slot.start }), now);
	});
}

/**
 * Queues leaving a slot's waiting list. A join still queued is simply taken back (nothing was
 * sent); a refused one is put away; otherwise a DELETE goes after anything queued before it.
 */
export async function queueLeave(
	db: BookAPrisonVisitDb,
	prisonId: string,
	slot: { date: string; start: string },
	now: number = Date.now()
): Promise<void> {
	await db.transaction('rw', db.outbox, db.meta, async () => {
		const key = waitlistOrderKey(prisonId, slot);
		const items = (await openItems(db)).filter((item) => item.orderKey === key);
		const server = ((await getMeta<WaitlistEntry[]>(db, META.waitlist)) ?? []).some((entry) => keyOf(entry) === key);
		const unsent = items.filter((item) => item.state === 'pending' || item.state === 'failed');
		if (!server && items.length > 0 && unsent.length === items.length) {
			for (const item of unsent) await db.outbox.update(item.id!, { state: 'done', doneAt: now });
			return;
		}
		await queueItem(db, commands.leaveWaitlist(prisonId, { date: slot.date, start: slot.start }), now);
	});
}

/**
 * How this phone would hear that a place came up, as the server tells waiting devices
 * (lifecycle/notify.ts notifyWaitingVisitor): a push to this browser when it is subscribed, and an
 * email when the service sends email, to the lead visitor's address on this device's newest
 * request that has one. Never a text: the waiting list sends none.
 */
export async function waitlistReach(db: BookAPrisonVisitDb): Promise<{ push: boolean; email: string | null }> {
	const [push, channels, requests] = await Promise.all([pushState(db), serverChannels(db), db.requests.toArray()]);
	const newest = requests.filter((request) => request.input?.visitors?.[0]?.email).sort((a, b) => b.queuedAt - a.queuedAt)[0]?.input
		.visitors[0]?.email;
	return { push: push === 'on', email: channels.includes('email') ? (newest ?? null) : null };
}
