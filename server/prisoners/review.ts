// Visits needing review (PRODUCT.md Round 3): a booked visit whose facts changed after it was
// booked is flagged, never silently kept. Each cause is a row (visit, code, source, since, cleared
// at) written by the code path that changes the fact (a ban added, a non-association added, an
// event) and cleared by the same path when the fact goes away; the list is a query over the rows.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import { t } from '../../src/lib/shared/i18n';
import { bannedOn, type Ban } from '../../src/lib/shared/rules/flags';
import { todayIn } from '../../src/lib/shared/rules/dates';
import type { ReviewDecisionInput } from '../../src/lib/shared/schemas-instant';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import { Conflict, NotFound } from '../domain-errors';
import { assertPrisonAccess, type StaffIdentity } from '../auth/staff-identity';
import { findPrison } from '../prisons/repository';
import type { ReviewListAnswer } from '../openapi/answers';

type Db = Kysely<Database> | Transaction<Database>;

export interface ReviewCause {
	requestId: string;
	code: string;
	sourceId: string;
}

/** Opens each cause not already open (an open one keeps its first `since`). */
export async function openReviewCauses(trx: Transaction<Database>, causes: readonly ReviewCause[], now: Date): Promise<void> {
	for (const cause of causes) {
		await trx
			.insertInto('reviewCauses')
			.values({ ...cause, since: now })
			.onConflict((oc) => oc.columns(['requestId', 'code', 'sourceId']).where('clearedAt', 'is', null).doNothing())
			.execute();
	}
}

/** Clears every open cause of this code and source (the fact went away), on whichever visits. */
export async function clearReviewCauses(
	trx: Transaction<Database>,
	code: string,
	sourceId: string,
	now: Date,
	requestIds?: readonly string[]
): Promise<void> {
	if (requestIds?.length === 0) return;
	let query = trx
		.updateTable('reviewCauses')
		.set({ clearedAt: now, clearedHow: 'gone' })
		.where('code', '=', code)
		.where('sourceId', '=', sourceId)
		.where('clearedAt', 'is', null);
	if (requestIds) query = query.where('requestId', 'in', requestIds);
	await query.execute();
}

/** The prisoner's booked visits at the prison from today on, with their visitors (lead first) and who was left out. */
export async function futureBookedVisits(trx: Db, prisonId: string, prisonerNumber: string, today: string) {
	const rows = await trx
		.selectFrom('visitRequests')
		.select(['id', 'bookedDate', 'excludedVisitors'])
		.where('prisonId', '=', prisonId)
		.where('prisonerNumber', '=', prisonerNumber)
		.where('status', '=', 'booked')
		.where('bookedDate', '>=', today)
		.execute();
	if (rows.length === 0) return [];
	const visitors = await trx
		.selectFrom('requestVisitors')
		.select(['requestId', 'firstName', 'lastName', 'dateOfBirth'])
		.where(
			'requestId',
			'in',
			rows.map((r) => r.id)
		)
		.orderBy('requestId')
		.orderBy('position')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		date: row.bookedDate as string,
		excluded: row.excludedVisitors as number[],
		visitors: visitors.filter((v) => v.requestId === row.id)
	}));
}

/** A ban just added: each booked visit from today on that it now covers (a visitor still coming, on its date) needs review. */
export async function reviewVisitsCoveredByBan(
	trx: Transaction<Database>,
	key: { prisonId: string; prisonerNumber: string },
	ban: Ban,
	now: Date
): Promise<void> {
	const prison = await findPrison(trx, key.prisonId);
	if (!prison) return;
	const visits = await futureBookedVisits(trx, key.prisonId, key.prisonerNumber, todayIn(prison.timeZone, now));
	const covered = visits.filter((visit) => bannedOn(visit.visitors, [ban], visit.date, visit.excluded).length > 0);
	await openReviewCauses(
		trx,
		covered.map((visit) => ({ requestId: visit.id, code: 'visitor_banned', sourceId: ban.id })),
		now
	);
}

/** A visit needing review as staff read it: the type of the answer's schema (server/openapi/answers.ts). */
export type ReviewVisit = z.output<typeof ReviewListAnswer>['visits'][number];

/** Future booked visits at the prison with an open cause, soonest first, each cause in words. */
export async function visitsNeedingReview(db: Db, prisonId: string, now: Date): Promise<ReviewVisit[]> {
	const prison = await findPrison(db, prisonId);
	if (!prison) throw new NotFound('api.prison.notFound');
	const rows = await db
		.selectFrom('reviewCauses as c')
		.innerJoin('visitRequests as r', 'r.id', 'c.requestId')
		.leftJoin('prisonerBans as b', (join) => join.on('c.code', '=', 'visitor_banned').on(sql`b.id::text`, '=', sql.ref('c.sourceId')))
		.select([
			'r.id',
			'r.reference',
			'r.bookedDate',
			'r.bookedStart',
			'c.code',
			'c.sourceId',
			'c.since',
			'b.firstName',
			'b.lastName',
			'b.reason'
		])
		.where('r.prisonId', '=', prisonId)
		.where('r.status', '=', 'booked')
		.where('r.bookedDate', '>=', todayIn(prison.timeZone, now))
		.where('c.clearedAt', 'is', null)
		.orderBy('r.bookedDate')
		.orderBy('r.bookedStart')
		.orderBy('r.id')
		.orderBy('c.since')
		.execute();
	const visits: ReviewVisit[] = [];
	for (const row of rows) {
		let visit = visits.at(-1);
		if (visit?.id !== row.id) {
			visit = { id: row.id, reference: row.reference, date: row.bookedDate as string, start: row.bookedStart as string, reasons: [] };
			visits.push(visit);
		}
		visit.reasons.push({ code: row.code, message: causeMessage(row), since: new Date(row.since).toISOString() });
	}
	return visits;
}

function causeMessage(row: { code: string; sourceId: string; firstName: string | null; lastName: string | null; reason: string | null }) {
	if (row.code === 'visitor_banned' && row.firstName)
		return t('instant.cause.visitor_banned', { name: `${row.firstName} ${row.lastName ?? ''}`.trim(), reason: row.reason ?? '' });
	if (row.code === 'non_association') return t('instant.cause.non_association', { number: row.sourceId });
	if (row.code === 'prisoner_released') return t('integrations.cause.prisoner_released');
	if (row.code === 'prisoner_moved') return t('integrations.cause.prisoner_moved');
	return t('instant.cause.other', { code: row.code });
}

/**
 * Staff keep a visit needing review: every open cause is cleared as kept, with the officer's reason
 * in the audit. A new cause (another ban, another non-association, another event) lists it again.
 */
export async function keepReviewedVisit(
	db: Kysely<Database>,
	action: { requestId: string; staff: StaffIdentity; now: Date },
	input: ReviewDecisionInput
): Promise<{ id: string; reference: string; kept: { code: string; sourceId: string }[] }> {
	return db.transaction().execute(async (trx) => {
		const request = await trx
			.selectFrom('visitRequests')
			.select(['id', 'reference', 'prisonId', 'status'])
			.where('id', '=', action.requestId)
			.forUpdate()
			.executeTakeFirst();
		if (!request) throw new NotFound('api.request.notFound');
		assertPrisonAccess(action.staff, request.prisonId);
		const kept = await trx
			.updateTable('reviewCauses')
			.set({ clearedAt: action.now, clearedHow: 'kept' })
			.where('requestId', '=', request.id)
			.where('clearedAt', 'is', null)
			.returning(['code', 'sourceId'])
			.execute();
		if (request.status !== 'booked' || kept.length === 0) throw new Conflict('instant.review.nothingToKeep', { code: 'nothing_to_review' });
		await trx
			.insertInto('auditLog')
			.values({
				staffId: action.staff.id,
				prisonId: request.prisonId,
				action: 'request.review.keep',
				target: request.id,
				detail: jsonb({ reason: input.reason, causes: kept }),
				at: action.now
			})
			.execute();
		return { id: request.id, reference: request.reference, kept };
	});
}
