// The online booking switch (PRODUCT.md "Running the service"): staff of a prison turn visitor
// requests off with a message, e.g. when the prison is short of staff. Submits check it here.
import type { Kysely } from 'kysely';
import type { OnlineBookingInput } from '../../src/lib/shared/schemas-admin';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import { NotFound, RuleProblems } from '../domain-errors';
import type { StaffIdentity } from '../auth/staff-identity';
import { findPrison, publicPrison, type PrisonRecord } from './repository';

/** 422 online_booking_off, with the prison's message, while its online booking is off. */
export function assertOnlineBooking(prison: Pick<PrisonRecord, 'onlineBooking' | 'onlineBookingMessage'>): void {
	if (prison.onlineBooking) return;
	const message = prison.onlineBookingMessage ?? '';
	// The message is the answer's own (error.message); details stay for 409s, as elsewhere.
	throw message
		? new RuleProblems('admin.onlineBooking.refused', { params: { message }, code: 'online_booking_off' })
		: new RuleProblems('admin.onlineBooking.off', { code: 'online_booking_off' });
}

export async function setOnlineBooking(
	db: Kysely<Database>,
	action: { prisonId: string; staff: StaffIdentity; now: Date },
	input: OnlineBookingInput
) {
	return db.transaction().execute(async (trx) => {
		const before = await findPrison(trx, action.prisonId);
		if (!before) throw new NotFound('api.prison.notFound');
		// Turning booking back on keeps no stale message.
		const onlineBookingMessage = input.onlineBooking ? null : (input.onlineBookingMessage ?? null);
		await trx
			.updateTable('prisons')
			.set({ onlineBooking: input.onlineBooking, onlineBookingMessage })
			.where('id', '=', action.prisonId)
			.execute();
		await trx
			.insertInto('auditLog')
			.values({
				staffId: action.staff.id,
				prisonId: action.prisonId,
				action: 'prison.online-booking',
				target: action.prisonId,
				detail: jsonb({
					before: { onlineBooking: before.onlineBooking, onlineBookingMessage: before.onlineBookingMessage },
					after: { onlineBooking: input.onlineBooking, onlineBookingMessage }
				}),
				at: action.now
			})
			.execute();
		return publicPrison((await findPrison(trx, action.prisonId))!);
	});
}
