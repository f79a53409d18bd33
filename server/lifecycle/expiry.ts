import type { Kysely } from 'kysely';
import { closureFor, hasStarted } from '../../src/lib/shared/rules/calendar';
import { addDays } from '../../src/lib/shared/rules/dates';
import type { Database } from '../db/schema';
import { findPrison, loadClosures } from '../prisons/repository';
import { lockRequest } from '../requests/repository';
import type { ServiceChannels } from '../messages/notices';
import { rejectBySystem } from './system-reject';

/*
 * A request still `requested` none of whose chosen slots can be booked any more (each has
 * started or is closed) is rejected by the system with `slot_unavailable`, and the visitor told.
 *
 * Safe in every process at once: each request is re-read under its row lock in its own
 * transaction and rejected only if still `requested` and still unbookable, so a second process
 * (or a staff confirm that got there first) finds nothing to do.
 */

export interface Changed {
	requestId: string;
	prisonId: string;
}

/** Requests that may have run out of choices: every chosen slot after tomorrow (UTC) is closed. */
async function candidates(db: Kysely<Database>, now: Date): Promise<Changed[]> {
	const horizon = addDays(now.toISOString().slice(0, 10), 1);
	return db
		.selectFrom('visitRequests as r')
		.select(['r.id as requestId', 'r.prisonId'])
		.where('r.status', '=', 'requested')
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('requestSlots as s')
						.select('s.requestId')
						.whereRef('s.requestId', '=', 'r.id')
						.where('s.date', '>', horizon)
						.where(({ not, exists, selectFrom }) =>
							not(
								exists(
									selectFrom('closures as c')
										.select('c.id')
										.whereRef('c.prisonId', '=', 'r.prisonId')
										.whereRef('c.date', '=', 's.date')
										.where((eb) => eb.or([eb('c.startTime', 'is', null), eb('c.startTime', '=', eb.ref('s.startTime'))]))
								)
							)
						)
				)
			)
		)
		.limit(500)
		.execute();
}

export async function expireRequests(db: Kysely<Database>, now: Date, channels: ServiceChannels): Promise<Changed[]> {
	const expired: Changed[] = [];
	for (const candidate of await candidates(db, now)) {
		const done = await db.transaction().execute(async (trx) => {
			const row = await lockRequest(trx, candidate.requestId);
			if (!row || row.status !== 'requested') return false;
			const prison = await findPrison(trx, row.prisonId);
			if (!prison) return false;
			const slots = await trx.selectFrom('requestSlots').select(['date', 'startTime']).where('requestId', '=', row.id).execute();
			if (slots.length === 0) return false;
			const dates = slots.map((s) => s.date).sort();
			const closures = await loadClosures(trx, prison.id, dates[0]!, dates.at(-1)!);
			const bookable = slots.some(
				(s) => !hasStarted(s.date, s.startTime, prison.timeZone, now) && !closureFor(closures, s.date, s.startTime)
			);
			if (bookable) return false;
			await rejectBySystem(trx, row, ['slot_unavailable'], channels, now, { detail: { expired: true } });
			return true;
		});
		if (done) expired.push(candidate);
	}
	return expired;
}
