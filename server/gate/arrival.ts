import type { Kysely } from 'kysely';
import type { RequestStatus } from '../../src/lib/shared/domain';
import { formatDate } from '../../src/lib/shared/format';
import { clockTime, localDateOf, type VisitArrival } from '../../src/lib/shared/gate/attendance';
import type { ArrivalAnswer } from '../../src/lib/shared/gate/answers';
import { t, type MessageKey } from '../../src/lib/shared/i18n';
import type { ArrivalInput, OutcomeInput } from '../../src/lib/shared/schemas-gate';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import type { StaffIdentity } from '../auth/staff-identity';
import { Conflict, NotFound, RuleProblems } from '../domain-errors';
import { lockRequestForStaff } from '../requests/staff-lock';

/*
 * Recording that a booked visit's visitors came through the gate. Once per visit: the request row
 * is locked and visit_arrivals has one row per request, so a second scan (another tablet, or the
 * outbox sending again after a lost answer) is told "already arrived at 1:52pm" and changes nothing.
 * Every recorded arrival is in the audit log with the officer. An arrival carries how the visit went
 * (`attended` unless the officer says otherwise, with a note); the officer may change that later
 * (a visitor who left early), audited too.
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
			.select(['arrivedAt', 'visitors', 'recordedByName', 'outcome', 'note'])
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

		const outcome = input.outcome ?? 'attended';
		const note = input.note ?? null;
		await trx
			.insertInto('visitArrivals')
			.values({
				requestId: row.id,
				prisonId: row.prisonId,
				arrivedAt,
				visitors: jsonb(visitors),
				recordedBy: staff.id,
				recordedByName: staff.name,
				recordedAt: context.now,
				outcome,
				note
			})
			.execute();
		await trx
			.insertInto('auditLog')
			.values({
				staffId: staff.id,
				prisonId: row.prisonId,
				action: 'visit.arrival',
				target: row.id,
				detail: jsonb({ arrivedAt: arrivedAt.toISOString(), visitors, outcome, note }),
				at: context.now
			})
			.execute();
		const arrival: VisitArrival = { arrivedAt: arrivedAt.toISOString(), visitors, recordedBy: staff.name, outcome, note };
		const time = clockTime(arrivedAt, prison.timeZone);
		return { requestId: row.id, reference: row.reference, alreadyArrived: false, message: t('gate.api.arrived', { time }), arrival };
	});
}

/**
 * Changes how an arrived visit went (a visitor who left early, a visit ended by staff): 404 when no
 * arrival is recorded yet (`no_arrival`), audited with the outcome it replaced.
 */
export async function recordOutcome(
	db: Kysely<Database>,
	context: ArrivalContext,
	staff: StaffIdentity,
	input: OutcomeInput
): Promise<ArrivalAnswer> {
	return db.transaction().execute(async (trx) => {
		const { row, prison } = await lockRequestForStaff(trx, context.requestId, staff);
		const before = await trx.selectFrom('visitArrivals').select(['outcome']).where('requestId', '=', row.id).executeTakeFirst();
		if (!before) throw new NotFound('journeys.gate.api.noArrival', { code: 'no_arrival' });
		const note = input.note ?? null;
		const updated = await trx
			.updateTable('visitArrivals')
			.set({ outcome: input.outcome, note })
			.where('requestId', '=', row.id)
			.returning(['arrivedAt', 'visitors', 'recordedByName', 'outcome', 'note'])
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('auditLog')
			.values({
				staffId: staff.id,
				prisonId: row.prisonId,
				action: 'visit.outcome',
				target: row.id,
				detail: jsonb({ from: before.outcome, outcome: input.outcome, note }),
				at: context.now
			})
			.execute();
		const arrival = toArrival(updated);
		const outcome = t(`journeys.outcome.${input.outcome}` as MessageKey);
		return {
			requestId: row.id,
			reference: row.reference,
			alreadyArrived: true,
			message: t('journeys.gate.api.outcomeSaved', { outcome, time: clockTime(arrival.arrivedAt, prison.timeZone) }),
			arrival
		};
	});
}

export function toArrival(row: {
	arrivedAt: Date | string;
	visitors: unknown;
	recordedByName: string | null;
	outcome: VisitArrival['outcome'];
	note: string | null;
}): VisitArrival {
	return {
		arrivedAt: new Date(row.arrivedAt).toISOString(),
		visitors: (row.visitors as number[]) ?? [],
		recordedBy: row.recordedByName,
		outcome: row.outcome,
		note: row.note
	};
}
