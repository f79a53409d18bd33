// The online booking switch (PRODUCT.md "Running the service"): staff of a prison turn visitor
// requests off with a message, e.g. when the prison is short of staff. Submits check it here.
// The same PATCH sets the prison's booking mode (instant or request).
import type { Kysely } from 'kysely';
import type { PrisonSettingsInput } from '../../src/lib/shared/schemas-admin';
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

/**
 * Staff of a prison set its online booking switch and its booking mode (either or both), audited
 * with what each was before. A field left out keeps its value.
 */
export async function setPrisonSettings(
	db: Kysely<Database>,
	action: { prisonId: string; staff: StaffIdentity; now: Date },
	input: PrisonSettingsInput
) {
	return db.transaction().execute(async (trx) => {
		const before = await findPrison(trx, action.prisonId);
		if (!before) throw new NotFound('api.prison.notFound');
		const audit = (name: string, detail: Record<string, unknown>) =>
			trx
				.insertInto('auditLog')
				.values({
					staffId: action.staff.id,
					prisonId: action.prisonId,
					action: name,
					target: action.prisonId,
					detail: jsonb(detail),
					at: action.now
				})
				.execute();
		if (input.onlineBooking !== undefined) {
			// Turning booking back on keeps no stale message.
			const onlineBookingMessage = input.onlineBooking ? null : (input.onlineBookingMessage ?? null);
			await trx
				.updateTable('prisons')
				.set({ onlineBooking: input.onlineBooking, onlineBookingMessage })
				.where('id', '=', action.prisonId)
				.execute();
			await audit('prison.online-booking', {
				before: { onlineBooking: before.onlineBooking, onlineBookingMessage: before.onlineBookingMessage },
				after: { onlineBooking: input.onlineBooking, onlineBookingMessage }
			});
		}
		if (input.bookingMode !== undefined) {
			await trx.updateTable('prisons').set({ bookingMode: input.bookingMode }).where('id', '=', action.prisonId).execute();
			await audit('prison.booking-mode', { before: before.bookingMode, after: input.bookingMode });
		}
		return publicPrison((await findPrison(trx, action.prisonId))!);
	});
}
