// "Forget me" (PRODUCT.md, Privacy): in one transaction, with every request of the device locked,
// pending requests are withdrawn, future booked visits cancelled (their places given back), then the
// personal data of all its requests is erased by the retention purge's own function, its push
// subscriptions deleted (their queued jobs cascade) and its credential revoked.
//
// The row locks are what make a race with a staff confirm safe: a confirm that locked the row first
// commits `booked`, and this transaction then sees it booked and cancels it; one that comes second
// finds the request withdrawn and is refused. Never a booked visit with no personal data.
import { forgetAccountOf } from '../accounts/accounts';
import type { Kysely } from 'kysely';
import { hasStarted } from '../../src/lib/shared/rules/calendar';
import type { ForgetResult } from '../../src/lib/shared/schemas-privacy';
import type { Database } from '../db/schema';
import { findPrison, type PrisonRecord } from '../prisons/repository';
import type { Actor } from '../actor';
import { cancelBooking } from '../requests/decisions';
import { ownedBy } from '../accounts/ownership';
import { requestsQuery } from '../requests/repository';
import { erasePersonalData } from '../requests/retention';
import { applyTransition } from '../requests/state-change';

/** Status changes to announce to staff pages once the transaction has committed. */
export interface ForgetChange {
	requestId: string;
	prisonId: string;
	from: 'requested' | 'booked';
	to: 'withdrawn' | 'cancelled';
}

export async function forgetDevice(
	db: Kysely<Database>,
	deviceId: string,
	now: Date
): Promise<{ result: ForgetResult; changes: ForgetChange[] }> {
	return db.transaction().execute(async (trx) => {
		// The device row first, so two erases of one device queue up instead of interleaving.
		await trx.selectFrom('visitorDevices').select('id').where('id', '=', deviceId).forUpdate().executeTakeFirst();
		// Its waiting list goes first (with any email job about it), so the places its own cancellations
		// give back tell other families, not this device.
		await trx.deleteFrom('waitlistEntries').where('deviceId', '=', deviceId).execute();
		// In id order, the same order as any other multi-row lock, so no deadlock.
		// Its own requests and those it claimed by reference (a visit booked for the family by phone).
		const rows = await requestsQuery(trx).where(ownedBy(deviceId)).orderBy('id').forUpdate().execute();
		const actor: Actor = { type: 'device', id: deviceId };
		const prisons = new Map<string, PrisonRecord | undefined>();
		const changes: ForgetChange[] = [];
		for (const row of rows) {
			if (!prisons.has(row.prisonId)) prisons.set(row.prisonId, await findPrison(trx, row.prisonId));
			const prison = prisons.get(row.prisonId);
			if (!prison) continue;
			if (row.status === 'requested') {
				await applyTransition(trx, row, 'withdrawn', actor, now, {}, { reason: 'visitor_asked_to_be_forgotten' });
				changes.push({ requestId: row.id, prisonId: row.prisonId, from: 'requested', to: 'withdrawn' });
			} else if (
				row.status === 'booked' &&
				row.bookedDate &&
				row.bookedStart &&
				!hasStarted(row.bookedDate, row.bookedStart, prison.timeZone, now)
			) {
				await cancelBooking(trx, row, prison, actor, now, { cancellationReason: 'visitor_asked' });
				changes.push({ requestId: row.id, prisonId: row.prisonId, from: 'booked', to: 'cancelled' });
			}
		}
		const erased = await erasePersonalData(
			trx,
			rows.map((r) => r.id),
			now,
			'visitor_asked'
		);
		await trx.deleteFrom('requestDevices').where('deviceId', '=', deviceId).execute();
		// Signed in: the account's requests were among those above; its kept visitors and links go too.
		await forgetAccountOf(trx, deviceId);
		const subscriptions = await trx.deleteFrom('pushSubscriptions').where('deviceId', '=', deviceId).executeTakeFirst();
		await trx.updateTable('visitorDevices').set({ revokedAt: now }).where('id', '=', deviceId).execute();
		return {
			result: {
				withdrawn: changes.filter((c) => c.to === 'withdrawn').map((c) => c.requestId),
				cancelled: changes.filter((c) => c.to === 'cancelled').map((c) => c.requestId),
				erased: erased.requests,
				visitorsErased: erased.visitors,
				pushSubscriptionsDeleted: Number(subscriptions.numDeletedRows),
				credentialRevoked: true
			},
			changes
		};
	});
}
