// What each fact from the prison's system of record changes, inside the transaction that records
// the event in the inbox (events.ts). Each handler first claims its fact at the event's occurredAt
// (claimFact): an event older than one already applied to the same fact changes nothing, so the
// record always shows the newest fact whatever order the events arrive in.
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { translate } from '../../src/lib/shared/i18n';
import type { z } from 'zod';
import type {
	MovementInformation,
	NonAssociationInformation,
	RestrictionDeleteInformation,
	RestrictionUpsertInformation
} from '../../src/lib/shared/schemas-integrations';
import type { Database } from '../db/schema';
import { rejectBySystem } from '../lifecycle/system-reject';
import type { ServiceChannels } from '../messages/notices';
import { lockRequest } from '../requests/repository';
import { lockPrisoners } from '../prisoners/lock';
import { addNonAssociation, removeNonAssociation } from '../prisoners/non-associations';
import { clearReviewCauses, futureBookedVisits, openReviewCauses, reviewVisitsCoveredByBan } from '../prisoners/review';
import { bannedOn, type Ban } from '../../src/lib/shared/rules/flags';
import { todayIn } from '../../src/lib/shared/rules/dates';

export interface HandlerContext {
	trx: Transaction<Database>;
	occurredAt: Date;
	now: Date;
	channels: ServiceChannels;
}

/** A request the event changed, for the staff pages' live updates after the commit. */
export interface ChangedRequest {
	requestId: string;
	prisonId: string;
}

export interface HandlerResult {
	/** stale: a newer fact was applied already, and nothing changed. */
	outcome: 'applied' | 'stale';
	/** Counts and ids only, for the audit: never a name or a date of birth. */
	effects: Record<string, unknown>;
	rejected: ChangedRequest[];
}

const STALE: HandlerResult = { outcome: 'stale', effects: {}, rejected: [] };

/**
 * Records that `fact` was applied as of `occurredAt`, unless it was already applied as of that time
 * or later: one upsert, which also serialises two events about the same fact across processes.
 */
export async function claimFact(trx: Transaction<Database>, fact: string, occurredAt: Date): Promise<boolean> {
	const claimed = await trx
		.insertInto('integrationFacts')
		.values({ fact, occurredAt })
		.onConflict((oc) => oc.column('fact').doUpdateSet({ occurredAt }).where('integrationFacts.occurredAt', '<', occurredAt))
		.returning('fact')
		.executeTakeFirst();
	return claimed !== undefined;
}

const locationFact = (nomsNumber: string) => `location:${nomsNumber}`;

async function setLocation(
	trx: Transaction<Database>,
	info: z.output<typeof MovementInformation>,
	status: 'in' | 'released',
	since: Date
): Promise<void> {
	const values = { status, prisonCode: info.prisonId, reason: info.reason ?? null, since };
	await trx
		.insertInto('prisonerLocations')
		.values({ prisonerNumber: info.nomsNumber, ...values })
		.onConflict((oc) => oc.column('prisonerNumber').doUpdateSet(values))
		.execute();
}

async function prisonByCode(trx: Transaction<Database>, code: string) {
	return trx.selectFrom('prisons').select(['id', 'name']).where('code', '=', code).executeTakeFirst();
}

export type MovementCause = 'prisoner_released' | 'prisoner_moved';
export const MOVEMENT_CAUSES: readonly MovementCause[] = ['prisoner_released', 'prisoner_moved'];

/** The prisons a movement's consequences reach: the one named, or every one but the one named (if any). */
type MovementPrisons = { prisonId: string } | { notPrisonId: string | null };

/**
 * What a movement does to the prisoner's visits at the prisons chosen: each waiting request is
 * refused by the system (if it is still waiting once locked), the family told `messageOf` their
 * language; each booked visit from today on (each prison's today) needs review for `cause`, sourced
 * by the prisoner's number, so a later event that brings the prisoner back to a prison clears it
 * there by the same source.
 */
async function rejectWaitingAndReviewBooked(
	context: HandlerContext,
	prisonerNumber: string,
	cause: MovementCause,
	where: MovementPrisons,
	messageOf: (language: string) => string | null
): Promise<{ rejected: ChangedRequest[]; needReview: number }> {
	let query = context.trx
		.selectFrom('visitRequests')
		.innerJoin('prisons', 'prisons.id', 'visitRequests.prisonId')
		.select(['visitRequests.id', 'visitRequests.status', 'visitRequests.language', 'visitRequests.bookedDate', 'prisons.timeZone'])
		.where('visitRequests.prisonerNumber', '=', prisonerNumber)
		.where('visitRequests.status', 'in', ['requested', 'booked']);
	if ('prisonId' in where) query = query.where('visitRequests.prisonId', '=', where.prisonId);
	else if (where.notPrisonId) query = query.where('visitRequests.prisonId', '<>', where.notPrisonId);
	const visits = await query.orderBy('visitRequests.id').execute();
	const rejected: ChangedRequest[] = [];
	for (const { id, language } of visits.filter((visit) => visit.status === 'requested')) {
		const row = await lockRequest(context.trx, id);
		if (!row || row.status !== 'requested') continue;
		const message = messageOf(language);
		await rejectBySystem(context.trx, row, [cause], context.channels, context.now, {
			...(message ? { message } : {}),
			detail: { source: 'system_of_record' }
		});
		rejected.push({ requestId: row.id, prisonId: row.prisonId });
	}
	const booked = visits.filter(
		(visit) => visit.status === 'booked' && visit.bookedDate !== null && visit.bookedDate >= todayIn(visit.timeZone, context.now)
	);
	await openReviewCauses(
		context.trx,
		booked.map((visit) => ({ requestId: visit.id, code: cause, sourceId: prisonerNumber })),
		context.now
	);
	return { rejected, needReview: booked.length };
}

/** Released from a prison: the prisoner's waiting requests there are refused. */
export async function prisonerReleased(context: HandlerContext, info: z.output<typeof MovementInformation>): Promise<HandlerResult> {
	const { trx } = context;
	if (!(await claimFact(trx, locationFact(info.nomsNumber), context.occurredAt))) return STALE;
	await setLocation(trx, info, 'released', context.occurredAt);
	const prison = await prisonByCode(trx, info.prisonId);
	if (!prison) return { outcome: 'applied', effects: { prisonKnown: false, rejected: 0 }, rejected: [] };
	const { rejected, needReview } = await rejectWaitingAndReviewBooked(
		context,
		info.nomsNumber,
		'prisoner_released',
		{ prisonId: prison.id },
		() => null
	);
	return { outcome: 'applied', effects: { prisonKnown: true, rejected: rejected.length, needReview }, rejected };
}

/**
 * Received into a prison (admission, transfer, return): the prisoner's waiting requests at every
 * other prison are refused, the family told where the prisoner now is when this service knows the
 * prison; bans from the prison's restrictions follow the prisoner to the new prison.
 */
export async function prisonerReceived(context: HandlerContext, info: z.output<typeof MovementInformation>): Promise<HandlerResult> {
	const { trx } = context;
	if (!(await claimFact(trx, locationFact(info.nomsNumber), context.occurredAt))) return STALE;
	await setLocation(trx, info, 'in', context.occurredAt);
	const prison = await prisonByCode(trx, info.prisonId);
	const { rejected, needReview } = await rejectWaitingAndReviewBooked(
		context,
		info.nomsNumber,
		'prisoner_moved',
		{ notPrisonId: prison?.id ?? null },
		(language) => (prison ? translate(language === 'cy' ? 'cy' : 'en', 'integrations.moved.message', { prison: prison.name }) : null)
	);
	let bansFollowed = 0;
	if (prison) {
		// Back at this prison: what its visits needed review for (released from it, moved away) is gone.
		const here = await trx
			.selectFrom('visitRequests')
			.select('id')
			.where('prisonId', '=', prison.id)
			.where('prisonerNumber', '=', info.nomsNumber)
			.execute();
		for (const code of MOVEMENT_CAUSES) {
			await clearReviewCauses(
				trx,
				code,
				info.nomsNumber,
				context.now,
				here.map((r) => r.id)
			);
		}
		await lockPrisoners(trx, prison.id, [info.nomsNumber]);
		const copied = await sql<Ban & { restrictionId: string }>`
			insert into prisoner_bans (id, prison_id, prisoner_number, first_name, last_name, date_of_birth, until, reason, created_by, created_at, restriction_id)
			select distinct on (restriction_id) gen_random_uuid(), ${prison.id}::uuid, prisoner_number, first_name, last_name, date_of_birth, until, reason, null::uuid, ${context.now}::timestamptz, restriction_id
			from prisoner_bans
			where prisoner_number = ${info.nomsNumber} and restriction_id is not null and prison_id <> ${prison.id}::uuid
			order by restriction_id, created_at desc
			on conflict (prison_id, restriction_id) where restriction_id is not null do nothing
			returning id, first_name as "firstName", last_name as "lastName", to_char(date_of_birth, 'YYYY-MM-DD') as "dateOfBirth",
				to_char(until, 'YYYY-MM-DD') as until, reason, restriction_id as "restrictionId"
		`.execute(trx);
		for (const ban of copied.rows) await reviewForBan(context, prison.id, info.nomsNumber, ban);
		bansFollowed = copied.rows.length;
	}
	return { outcome: 'applied', effects: { prisonKnown: Boolean(prison), rejected: rejected.length, needReview, bansFollowed }, rejected };
}

const restrictionFact = (nomsNumber: string, restrictionId: string) => `restriction:${nomsNumber}:${restrictionId}`;

/**
 * The prisons whose record of this prisoner a restriction belongs on: the one the event names, the
 * one the prisoner is in now, and every prison where the prisoner has requests. None: a prisoner
 * this service has never heard of, and nothing is stored.
 */
async function restrictionPrisons(trx: Transaction<Database>, nomsNumber: string, prisonCode: string | undefined): Promise<string[]> {
	const codes = new Set<string>();
	if (prisonCode) codes.add(prisonCode);
	const location = await trx
		.selectFrom('prisonerLocations')
		.select(['status', 'prisonCode'])
		.where('prisonerNumber', '=', nomsNumber)
		.executeTakeFirst();
	if (location?.status === 'in') codes.add(location.prisonCode);
	const ids = new Set<string>();
	if (codes.size > 0) {
		for (const row of await trx
			.selectFrom('prisons')
			.select('id')
			.where('code', 'in', [...codes])
			.execute())
			ids.add(row.id);
	}
	const withRequests = await trx
		.selectFrom('visitRequests')
		.select('prisonId')
		.distinct()
		.where('prisonerNumber', '=', nomsNumber)
		.execute();
	for (const row of withRequests) ids.add(row.prisonId);
	return [...ids].sort();
}

/** The bans a restriction is on prisoners' records as, at every prison. */
async function bansOfRestriction(trx: Transaction<Database>, restriction: { nomsNumber: string; restrictionId: string }) {
	return trx
		.selectFrom('prisonerBans')
		.select(['id', 'prisonId', 'reason'])
		.where('prisonerNumber', '=', restriction.nomsNumber)
		.where('restrictionId', '=', restriction.restrictionId)
		.execute();
}

/** A restriction on a visitor: a ban on the prisoner's record, keyed by the restriction's id. */
export async function restrictionUpserted(
	context: HandlerContext,
	info: z.output<typeof RestrictionUpsertInformation>
): Promise<HandlerResult> {
	const { trx } = context;
	if (!(await claimFact(trx, restrictionFact(info.nomsNumber, info.restrictionId), context.occurredAt))) return STALE;
	const existing = await bansOfRestriction(trx, info);
	const targets = await restrictionPrisons(trx, info.nomsNumber, info.prisonId);
	const prisons = [...new Set([...targets, ...existing.map((b) => b.prisonId)])].sort();
	// As a ban staff add: an instant booking for this prisoner decided now sees the ban, or the ban its visit.
	for (const prisonId of prisons) await lockPrisoners(trx, prisonId, [info.nomsNumber]);
	const fields = {
		firstName: info.visitor.firstName,
		lastName: info.visitor.lastName,
		dateOfBirth: info.visitor.dateOfBirth,
		until: info.until ?? null
	};
	// Wherever this restriction is already on a record, it now says what the event says.
	if (existing.length > 0) {
		await trx
			.updateTable('prisonerBans')
			.set(fields)
			.where(
				'id',
				'in',
				existing.map((b) => b.id)
			)
			.execute();
	}
	const added = targets
		.filter((prisonId) => !existing.some((b) => b.prisonId === prisonId))
		.map((prisonId) => ({ id: randomUUID(), prisonId, reason: '' }));
	if (added.length > 0) {
		await trx
			.insertInto('prisonerBans')
			.values(
				added.map((ban) => ({
					...ban,
					prisonerNumber: info.nomsNumber,
					...fields,
					createdBy: null,
					createdAt: context.now,
					restrictionId: info.restrictionId
				}))
			)
			.execute();
	}
	for (const ban of [...existing, ...added]) {
		await reviewForBan(context, ban.prisonId, info.nomsNumber, {
			id: ban.id,
			...fields,
			reason: ban.reason,
			restrictionId: info.restrictionId
		});
	}
	return {
		outcome: 'applied',
		effects: { restrictionId: info.restrictionId, bansUpdated: existing.length, bansAdded: added.length },
		rejected: []
	};
}

/** The restriction ended: its bans are lifted wherever they are, and the reviews they caused cleared. */
export async function restrictionDeleted(
	context: HandlerContext,
	info: z.output<typeof RestrictionDeleteInformation>
): Promise<HandlerResult> {
	const { trx } = context;
	if (!(await claimFact(trx, restrictionFact(info.nomsNumber, info.restrictionId), context.occurredAt))) return STALE;
	const bans = await bansOfRestriction(trx, info);
	for (const prisonId of [...new Set(bans.map((b) => b.prisonId))].sort()) await lockPrisoners(trx, prisonId, [info.nomsNumber]);
	for (const ban of bans) {
		await trx.deleteFrom('prisonerBans').where('id', '=', ban.id).execute();
		await clearReviewCauses(trx, 'visitor_banned', ban.id, context.now);
	}
	return { outcome: 'applied', effects: { restrictionId: info.restrictionId, bansLifted: bans.length }, rejected: [] };
}

/**
 * A ban from a restriction, new or changed: booked visits it now covers need review (as a ban
 * staff add), and those it no longer covers (a shorter `until`) are cleared of it.
 */
async function reviewForBan(context: HandlerContext, prisonId: string, prisonerNumber: string, ban: Ban): Promise<void> {
	await reviewVisitsCoveredByBan(context.trx, { prisonId, prisonerNumber }, ban, context.now);
	const prison = await context.trx.selectFrom('prisons').select('timeZone').where('id', '=', prisonId).executeTakeFirst();
	if (!prison) return;
	const visits = await futureBookedVisits(context.trx, prisonId, prisonerNumber, todayIn(prison.timeZone, context.now));
	const notCovered = visits.filter((visit) => bannedOn(visit.visitors, [ban], visit.date, visit.excluded).length === 0);
	await clearReviewCauses(
		context.trx,
		'visitor_banned',
		ban.id,
		context.now,
		notCovered.map((v) => v.id)
	);
}

/**
 * The prisons a non-association between two prisoners belongs at: where either is now, and where
 * either has requests. None: prisoners this service has never heard of, and nothing is stored.
 */
async function nonAssociationPrisons(trx: Transaction<Database>, numbers: readonly string[]): Promise<string[]> {
	const ids = new Set<string>();
	const located = await trx
		.selectFrom('prisonerLocations')
		.innerJoin('prisons', 'prisons.code', 'prisonerLocations.prisonCode')
		.select('prisons.id')
		.where('prisonerLocations.prisonerNumber', 'in', [...numbers])
		.where('prisonerLocations.status', '=', 'in')
		.execute();
	for (const row of located) ids.add(row.id);
	const withRequests = await trx
		.selectFrom('visitRequests')
		.select('prisonId')
		.distinct()
		.where('prisonerNumber', 'in', [...numbers])
		.execute();
	for (const row of withRequests) ids.add(row.prisonId);
	return [...ids].sort();
}

const nonAssociationFact = (a: string, b: string) => `non-association:${[a, b].sort().join(':')}`;

/** A non-association made in the prison's system: as the staff action, at each prison it belongs at. */
export async function nonAssociationCreated(
	context: HandlerContext,
	info: z.output<typeof NonAssociationInformation>,
	eventId: string
): Promise<HandlerResult> {
	const { trx } = context;
	const [first, second] = [info.firstPrisonerNumber, info.secondPrisonerNumber];
	if (first === second) return { outcome: 'applied', effects: { prisons: 0 }, rejected: [] };
	if (!(await claimFact(trx, nonAssociationFact(first, second), context.occurredAt))) return STALE;
	const prisons = await nonAssociationPrisons(trx, [first, second]);
	for (const prisonId of prisons) {
		await addNonAssociation(trx, { prisonId, staffId: null, now: context.now, auditDetail: { eventId } }, first, {
			prisonerNumber: second,
			reason: info.reason ?? ''
		});
	}
	return { outcome: 'applied', effects: { prisons: prisons.length }, rejected: [] };
}

/** A non-association closed in the prison's system: ended wherever it is, and the reviews it caused cleared. */
export async function nonAssociationClosed(
	context: HandlerContext,
	info: z.output<typeof NonAssociationInformation>,
	eventId: string
): Promise<HandlerResult> {
	const { trx } = context;
	const [first, second] = [info.firstPrisonerNumber, info.secondPrisonerNumber];
	if (!(await claimFact(trx, nonAssociationFact(first, second), context.occurredAt))) return STALE;
	const rows = await trx
		.selectFrom('prisonerNonAssociations')
		.select('prisonId')
		.distinct()
		.where('prisonerNumber', '=', first)
		.where('otherNumber', '=', second)
		.execute();
	let ended = 0;
	for (const { prisonId } of rows) {
		if (await removeNonAssociation(trx, { prisonId, staffId: null, now: context.now, auditDetail: { eventId } }, first, second)) ended += 1;
	}
	return { outcome: 'applied', effects: { prisons: ended }, rejected: [] };
}
