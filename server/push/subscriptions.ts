import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Locale } from '../../src/lib/shared/i18n';
import type { PushSubscriptionInput } from '../../src/lib/shared/schemas-push';
import type { Database } from '../db/schema';
import { inTransaction } from './in-transaction';

/** Who a subscription belongs to: a visitor device, or a staff user (optionally opted in to a prison's new requests). */
export type PushOwner = { deviceId: string } | { staffId: string; prisonId?: string | null };

function ownerColumns(owner: PushOwner) {
	return 'deviceId' in owner
		? { deviceId: owner.deviceId, staffId: null, prisonId: null }
		: { deviceId: null, staffId: owner.staffId, prisonId: owner.prisonId ?? null };
}

export interface SavedSubscription {
	id: string;
	/** false when the endpoint was already registered (keys refreshed, or moved to this owner). */
	created: boolean;
}

/**
 * Registers a browser's push subscription for an owner (upsert by endpoint).
 *
 * An endpoint is one browser profile's address at its push service. If it is already registered
 * to ANOTHER owner, this call moves it: the same browser legitimately comes back under a new
 * identity (site data cleared so the device made a new secret, or a staff user signing in on a
 * tablet that had subscribed as a visitor). Only that browser knows its endpoint, and the
 * messages are encrypted to the keys given here, so moving it can't let anyone read another
 * owner's notifications. When it moves, it gets a new row: the previous owner's queued jobs
 * cascade away instead of being shown to the new owner.
 */
export async function saveSubscription(
	db: Kysely<Database>,
	owner: PushOwner,
	input: PushSubscriptionInput,
	/** The device's language (its Accept-Language): staff alerts to this browser are written in it. */
	language: Locale = 'en'
): Promise<SavedSubscription> {
	const row = () => ({
		id: randomUUID(),
		endpoint: input.endpoint,
		p256dh: input.keys.p256dh,
		auth: input.keys.auth,
		language,
		...ownerColumns(owner)
	});
	return inTransaction(db, async (trx) => {
		const sameOwner = await trx
			.insertInto('pushSubscriptions')
			.values(row())
			.onConflict((oc) =>
				oc
					.column('endpoint')
					.doUpdateSet({
						p256dh: (eb) => eb.ref('excluded.p256dh'),
						auth: (eb) => eb.ref('excluded.auth'),
						prisonId: (eb) => eb.ref('excluded.prisonId'),
						language: (eb) => eb.ref('excluded.language')
					})
					.where(sql<boolean>`push_subscriptions.device_id is not distinct from excluded.device_id`)
					.where(sql<boolean>`push_subscriptions.staff_id is not distinct from excluded.staff_id`)
			)
			// xmax = 0 only on a freshly inserted row: tells a new subscription from a refresh.
			.returning(['id', sql<boolean>`(xmax = 0)`.as('inserted')])
			.executeTakeFirst();
		if (sameOwner) return { id: sameOwner.id, created: sameOwner.inserted };

		// Registered to someone else: move it (see above). The row lock taken by the conflict
		// check is held until commit, so a concurrent save of the same endpoint waits here.
		await trx.deleteFrom('pushSubscriptions').where('endpoint', '=', input.endpoint).execute();
		const moved = await trx.insertInto('pushSubscriptions').values(row()).returning('id').executeTakeFirstOrThrow();
		return { id: moved.id, created: false };
	});
}

/**
 * Removes an owner's subscription. Returns false when this owner has no such endpoint (the route
 * answers 404), so nobody can unsubscribe someone else's browser by knowing its endpoint.
 */
export async function deleteSubscription(db: Kysely<Database>, owner: PushOwner, endpoint: string): Promise<boolean> {
	let query = db.deleteFrom('pushSubscriptions').where('endpoint', '=', endpoint);
	query = 'deviceId' in owner ? query.where('deviceId', '=', owner.deviceId) : query.where('staffId', '=', owner.staffId);
	const result = await query.executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}
