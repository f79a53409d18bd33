import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { t, type Locale } from '../../src/lib/shared/i18n';
import { hasErrors } from '../../src/lib/shared/rules/field-errors';
import { makeReference } from '../../src/lib/shared/rules/reference';
import { checkVisitRequest, firstChosenDate, mergeRequestErrors } from '../../src/lib/shared/rules/visit-request';
import type { VisitRequestInput } from '../../src/lib/shared/schemas';
import type { VisitRequest } from '../../src/lib/shared/types';
import type { Database } from '../db/schema';
import { Conflict, RuleProblems } from '../domain-errors';
import { assertOnlineBooking } from '../prisons/online-booking';
import { findPrison, loadClosures, loadTimetable, loadUsage, rulesOf } from '../prisons/repository';
import { canonicalJson } from './canonical-json';
import { insertVisitorsAndSlots, requestsQuery, toVisitRequest } from './repository';

export interface SubmitOptions {
	input: VisitRequestInput;
	deviceId: string;
	now: Date;
	/** The visitor's language (the submit's Accept-Language): what push, email and .ics about it use. */
	language?: Locale;
	/** Runs inside the submit transaction, e.g. to queue a push to staff. */
	onCreated?: (trx: Transaction<Database>, request: { id: string; prisonId: string }) => Promise<void>;
}

export interface SubmitResult {
	/** False when this was a replay of a request already stored: the device can treat it as sent. */
	created: boolean;
	request: VisitRequest;
}

/**
 * Stores a visitor's request exactly once. The id is made on the device, so a phone that sends
 * the same request again (it never saw the answer) gets the stored request back; the same id
 * with a different body is a conflict, never an overwrite.
 */
export async function submitVisitRequest(db: Kysely<Database>, options: SubmitOptions): Promise<SubmitResult> {
	const { input, deviceId, now } = options;
	const bodyHash = createHash('sha256').update(canonicalJson(input)).digest('hex');

	const replay = await findReplay(db, input.id, deviceId, bodyHash);
	if (replay) return replay;

	const prison = await findPrison(db, input.prisonId);
	if (!prison) throw new RuleProblems('api.request.rulesBroken', { fields: { prisonId: t('field.prison.unknown') } });
	assertOnlineBooking(prison);

	const dates = input.slots.map((s) => s.date).sort();
	const from = dates[0] as string;
	const to = dates.at(-1) as string;
	const [timetable, closures, usage] = await Promise.all([
		loadTimetable(db, prison.id),
		loadClosures(db, prison.id, from, to),
		loadUsage(db, prison.id, from, to)
	]);
	const problems = checkVisitRequest(input, { prison: rulesOf(prison), timetable, closures, usage, now });
	if (hasErrors(problems)) throw new RuleProblems('api.request.rulesBroken', { fields: mergeRequestErrors({}, problems) });

	for (let attempt = 0; attempt < 5; attempt += 1) {
		const inserted = await db.transaction().execute(async (trx) => {
			const row = await trx
				.insertInto('visitRequests')
				.values({
					id: input.id,
					prisonId: prison.id,
					deviceId,
					reference: makeReference((n) => randomBytes(n)),
					status: 'requested',
					bodyHash,
					language: options.language ?? 'en',
					prisonerFirstName: input.prisoner.firstName,
					prisonerLastName: input.prisoner.lastName,
					prisonerDateOfBirth: input.prisoner.dateOfBirth,
					prisonerNumber: input.prisoner.prisonerNumber,
					additionalSupport: input.additionalSupport ?? null,
					firstDate: firstChosenDate(input),
					createdAt: now,
					updatedAt: now
				})
				// No target: a clash on the id (a replay racing us) or on the reference (a rare
				// random collision) both insert nothing, and we look at which it was.
				.onConflict((oc) => oc.doNothing())
				.returning('id')
				.executeTakeFirst();
			if (!row) return false;

			await insertVisitorsAndSlots(trx, input.id, input.visitors, input.slots);
			await trx
				.insertInto('stateChanges')
				.values({ requestId: input.id, fromStatus: null, toStatus: 'requested', actorType: 'device', actorId: deviceId, actorName: null, at: now })
				.execute();
			await options.onCreated?.(trx, { id: input.id, prisonId: prison.id });
			return true;
		});

		if (inserted) {
			const row = await requestsQuery(db).where('id', '=', input.id).executeTakeFirstOrThrow();
			return { created: true, request: await toVisitRequest(db, row) };
		}
		const raced = await findReplay(db, input.id, deviceId, bodyHash);
		if (raced) return raced;
	}
	throw new Error('Could not find a free booking reference after 5 attempts');
}

async function findReplay(
	db: Kysely<Database>,
	id: string,
	deviceId: string,
	bodyHash: string
): Promise<SubmitResult | undefined> {
	const existing = await requestsQuery(db).where('id', '=', id).executeTakeFirst();
	if (!existing) return undefined;
	// Another device's id looks the same as a changed body: a conflict that reveals nothing.
	if (existing.deviceId !== deviceId || existing.bodyHash !== bodyHash) {
		throw new Conflict('api.request.idConflict', { code: 'id_conflict' });
	}
	return { created: false, request: await toVisitRequest(db, existing) };
}
