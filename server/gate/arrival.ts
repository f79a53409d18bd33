import type { Kysely } from 'kysely';
import type { RequestStatus } from '../../src/lib/shared/domain';
import { formatDate } from '../../src/lib/shared/format';
import { clockTime, localDateOf, type VisitArrival } from '../../src/lib/shared/gate/attendance';
import type { ArrivalAnswer } from '../../src/lib/shared/gate/types';
import { t, type MessageKey } from '../../src/lib/shared/i18n';
import type { ArrivalInput } from '../../src/lib/shared/schemas-gate';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import type { StaffIdentity } from '../auth/staff-identity';
import { Conflict, RuleProblems } from '../domain-errors';
import { lockRequestForStaff } from '../requests/staff-lock';

/*
 * Recording that a booked visit's visitors came through the gate. Once per visit: the request row
 * is locked and visit_arrivals has one row per request, so a second scan (another tablet, or the
 * outbox sending again after a lost answer) is told "already arrived at 13:52" and changes nothing.
 * Every recorded arrival is in the audit log with the officer.
 */

export interface ArrivalContext {
	requestId: string;
	now: Date;
}

export async function recordArrival(
	db: Kysely<Database>,
	context: ArrivalContext,
	staff: StaffIdentity,
	input: ArrivalInput
): Promise<ArrivalAnswer> {
	return db.transaction().execute(async (trx) => {
		const { row, prison } = await lockRequestForStaff(trx, context.requestId, staff);

		const existing = await trx
			.selectFrom('visitArrivals')
			.select(['arrivedAt', 'visitors', 'recordedByName'])
			.where('requestId', '=', row.id)
			.executeTakeFirst();
		if (existing) {
			const arrival = toArrival(existing);
			const time = clockTime(arrival.arrivedAt, prison.timeZone);
			return {
				requestId: row.id,
				reference: row.reference,
				alreadyArrived: true,
				message: t('gate.api.alreadyArrived', { time }),
				arrival
			};
		}

		if (row.status !== 'booked' || !row.bookedDate) {
			const status = t(`status.${row.status}` as MessageKey);
			throw new Conflict('gate.api.notBooked', {
				params: { status },
				code: 'not_booked',
				details: { status: row.status as RequestStatus }
			});
		}

		// Every problem with the body in one answer.
		const fields: Record<string, string> = {};
		const arrivedAt = input.arrivedAt ? new Date(input.arrivedAt) : context.now;
		if (localDateOf(arrivedAt, prison.timeZone) !== row.bookedDate) {
			fields.arrivedAt = t('gate.api.wrongDay', { date: formatDate(row.bookedDate) });
		}
		const visitorCount = await trx
			.selectFrom('requestVisitors')
			.select((eb) => eb.fn.countAll<number>().as('count'))
			.where('requestId', '=', row.id)
			.executeTakeFirstOrThrow();
		const excluded = new Set(row.excludedVisitors as number[]);
		const booked = [...Array(Number(visitorCount.count)).keys()].filter((p) => !excluded.has(p));
		const visitors = input.visitors ?? booked;
		visitors.forEach((position, index) => {
			if (!booked.includes(position)) fields[`visitors.${index}`] = t('gate.api.noSuchVisitor');
		});
		if (visitors.length === 0) fields.visitors = t('gate.validation.visitors');
		if (Object.keys(fields).length > 0) throw new RuleProblems('platform.error.unprocessable', { fields });

		await trx
			.insertInto('visitArrivals')
			.values({
				requestId: row.id,
				prisonId: row.prisonId,
				arrivedAt,
				visitors: jsonb(visitors),
				recordedBy: staff.id,
				recordedByName: staff.name,
				recordedAt: context.now
			})
			.execute();
		await trx
			.insertInto('auditLog')
			.values({
				staffId: staff.id,
				prisonId: row.prisonId,
				action: 'visit.arrival',
				target: row.id,
				detail: jsonb({ arrivedAt: arrivedAt.toISOString(), visitors }),
				at: context.now
			})
			.execute();
		const arrival: VisitArrival = { arrivedAt: arrivedAt.toISOString(), visitors, recordedBy: staff.name };
		const time = clockTime(arrivedAt, prison.timeZone);
		return { requestId: row.id, reference: row.reference, alreadyArrived: false, message: t('gate.api.arrived', { time }), arrival };
	});
}

export function toArrival(row: { arrivedAt: Date | string; visitors: unknown; recordedByName: string | null }): VisitArrival {
	return {
		arrivedAt: new Date(row.arrivedAt).toISOString(),
		visitors: (row.visitors as number[]) ?? [],
		recordedBy: row.recordedByName
	};
}
