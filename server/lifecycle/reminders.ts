import type { Kysely } from 'kysely';
import { hasStarted } from '../../src/lib/shared/rules/calendar';
import { addDays, instantOf } from '../../src/lib/shared/rules/dates';
import type { Database } from '../db/schema';
import type { Changed } from './expiry';
import { queueNotice, type ServiceChannels } from '../messages/notices';

/*
 * The day-before reminder of a booked visit: due from REMINDER_HOUR (prison time) on the day
 * before until the visit starts, so a server that was down at that hour still sends it when it
 * comes back. Sent once: `reminded_at` is set by a conditional update (only while still null)
 * in the transaction that queues the notification, so of N processes exactly one wins, and a
 * restart finds it already done.
 */

const pad = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

export function reminderDueAt(bookedDate: string, reminderHour: number, timeZone: string): Date {
	return instantOf(addDays(bookedDate, -1), pad(reminderHour), timeZone);
}

export async function sendReminders(db: Kysely<Database>, now: Date, reminderHour: number, channels: ServiceChannels): Promise<Changed[]> {
	const today = now.toISOString().slice(0, 10);
	const rows = await db
		.selectFrom('visitRequests as r')
		.innerJoin('prisons as p', 'p.id', 'r.prisonId')
		.select(['r.id', 'r.prisonId', 'r.bookedDate', 'r.bookedStart', 'p.timeZone'])
		.where('r.status', '=', 'booked')
		.where('r.remindedAt', 'is', null)
		.where('r.bookedDate', '>=', addDays(today, -1))
		.where('r.bookedDate', '<=', addDays(today, 2))
		.execute();
	const due = rows.filter(
		(row) =>
			row.bookedDate &&
			row.bookedStart &&
			reminderDueAt(row.bookedDate, reminderHour, row.timeZone).getTime() <= now.getTime() &&
			!hasStarted(row.bookedDate, row.bookedStart, row.timeZone, now)
	);
	const reminded: Changed[] = [];
	for (const row of due) {
		const won = await db.transaction().execute(async (trx) => {
			const claimed = await trx
				.updateTable('visitRequests')
				.set({ remindedAt: now })
				.where('id', '=', row.id)
				.where('status', '=', 'booked')
				.where('remindedAt', 'is', null)
				.returning('id')
				.executeTakeFirst();
			if (!claimed) return false;
			await queueNotice(trx, row.id, 'reminder', channels, now);
			return true;
		});
		if (won) reminded.push({ requestId: row.id, prisonId: row.prisonId });
	}
	return reminded;
}
