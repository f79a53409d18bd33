import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { t, type Locale } from '../../src/lib/shared/i18n';
import { hasErrors } from '../../src/lib/shared/rules/field-errors';
import { makeReference } from '../../src/lib/shared/rules/reference';
import { bookingWindow, placesInWindow } from '../../src/lib/shared/rules/booking-window';
import { checkVisitRequest, firstChosenDate, mergeRequestErrors } from '../../src/lib/shared/rules/visit-request';
import type { VisitRequestInput } from '../../src/lib/shared/schemas';
import type { VisitRequest } from '../../src/lib/shared/answers';
import type { Database } from '../db/schema';
import { Conflict, RuleProblems } from '../domain-errors';
import { assertOnlineBooking } from '../prisons/online-booking';
import { contactChannels, queueNotice, sentNotice, type ServiceChannels } from '../messages/notices';
import { jsonb } from '../db/json';
import { bookAtOnce, flagsOfNewRequest } from './instant';
import { lockPrisoners } from '../prisoners/lock';
import { nonAssociatedNumbers } from '../prisoners/non-associations';
import { rulesOf } from '../prisons/repository';
import { DEFAULT_PUSH_TTL_SECONDS } from '../messages/push-deliveries';
import { canonicalJson } from './canonical-json';
import { staffPushPayloads } from './notifications';
import { NO_CHANGES, readRequest, requestsQuery, showRequest, toVisitRequest } from './repository';
import { gatheredPer } from '../db/group-commit';
import { insertRequests, readSubmitFactsOfMany, type InsertedRequest, type NewRequestRow } from './submit-statements';

// Submits that arrive together (a reconnect storm, a booking window opening) share their read and
// their write: two statements for the lot instead of two each (db/group-commit.ts).
const readSubmitFacts = gatheredPer(readSubmitFactsOfMany);
const insertRequest = gatheredPer(insertRequests);

export interface SubmitOptions {
	input: VisitRequestInput;
	deviceId: string;
	now: Date;
	/** The visitor's language (the submit's Accept-Language): what push, email and .ics about it use. */
	language?: Locale;
	/** Which channels tell the visitor their request was sent (messages/channels.ts). */
	channels: ServiceChannels;
	/**
	 * Runs once it is known this is a new request, not a replay, that the rules accept, with the
	 * prison's canonical id and the places its booking window offers: may throw (e.g. a 429).
	 */
	beforeNew?: (prison: { id: string; placesInWindow: number }) => Promise<void>;
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
 *
 * Two round trips for a new request: one read of everything the rules need
 * (the replay check, the prison, its timetable, closures and booked places), then one statement
 * that stores the request, its visitors, slots, state change, staff pushes and the visitor's
 * email and text, and returns what the answer shows.
 */
export async function submitVisitRequest(db: Kysely<Database>, options: SubmitOptions): Promise<SubmitResult> {
	const { input, deviceId, now } = options;
	const bodyHash = createHash('sha256').update(canonicalJson(input)).digest('hex');

	const dates = input.slots.map((s) => s.date).sort();
	const from = dates[0] as string;
	const to = dates.at(-1) as string;
	const wanted = { requestId: input.id, prisonId: input.prisonId, from, to };
	const facts = await readSubmitFacts(db, wanted);
	if (facts.existing) return replayOf(db, input.id, deviceId, bodyHash, facts.existing);

	const { prison, timetable, closures, usage } = facts;
	if (!prison) throw new RuleProblems('api.request.rulesBroken', { fields: { prisonId: t('field.prison.unknown') } });
	assertOnlineBooking(prison);
	const problems = checkVisitRequest(input, { prison: rulesOf(prison), timetable, closures, usage, now });
	if (hasErrors(problems)) throw new RuleProblems('api.request.rulesBroken', { fields: mergeRequestErrors({}, problems) });
	// Only a request the rules accept spends the prison's limit: refused ones cannot empty it for real families.
	await options.beforeNew?.({ id: prison.id, placesInWindow: placesInWindow(timetable, bookingWindow(rulesOf(prison), now)) });

	const language = options.language ?? 'en';
	const instant = prison.bookingMode === 'instant';
	const chosen = input.channels ? new Set(input.channels) : null;
	const told = contactChannels(options.channels, chosen, input.visitors[0]);
	for (let attempt = 0; attempt < 5; attempt += 1) {
		const reference = makeReference((n) => randomBytes(n));
		const row = (reviewCodes: string[] | null, waits: boolean): NewRequestRow => ({
			request: {
				id: input.id,
				prisonId: prison.id,
				deviceId,
				reference,
				status: 'requested',
				bodyHash,
				language,
				prisonerFirstName: input.prisoner.firstName,
				prisonerLastName: input.prisoner.lastName,
				prisonerDateOfBirth: input.prisoner.dateOfBirth,
				prisonerNumber: input.prisoner.prisonerNumber,
				additionalSupport: input.additionalSupport ?? null,
				firstDate: firstChosenDate(input),
				bookedDate: null,
				bookedStart: null,
				cancellationReason: null,
				decisionMessage: null,
				reviewCodes,
				channels: input.channels ? input.channels.join(',') : null,
				messageLanguage: input.messageLanguage ?? null,
				createdAt: now,
				updatedAt: now
			},
			visitors: input.visitors.map((v, position) => ({
				position,
				firstName: v.firstName,
				lastName: v.lastName,
				dateOfBirth: v.dateOfBirth,
				email: v.email ?? null,
				phone: v.phone ?? null
			})),
			slots: input.slots.map((s, index) => ({ preference: index + 1, date: s.date, startTime: s.start })),
			// Staff hear of, and the family is told "sent" about, only a request that waits for a person.
			staffPush: waits ? staffPushPayloads({ id: input.id, reference }, prison.name) : {},
			pushTtlSeconds: DEFAULT_PUSH_TTL_SECONDS,
			email: waits && told.email,
			sms: waits && told.sms
		});
		if (instant) {
			const answer = await submitInstant(db, input, row, { channels: options.channels, now });
			if (answer) return { created: true, request: answer };
		} else {
			// A 'request' prison: every request waits for a person, and nothing more is read for it.
			const newRow = row(['request_mode'], true);
			const inserted = await insertRequest(db, newRow);
			if (inserted) {
				sentNotice.wake(inserted);
				return { created: true, request: showRequest(inserted.row, inserted.visitors, inserted.slots, NO_CHANGES) };
			}
		}
		const raced = await findReplay(db, input.id, deviceId, bodyHash);
		if (raced) return raced;
	}
	throw new Error('Could not find a free booking reference after 5 attempts');
}

/**
 * An 'instant' prison's submit, in one transaction under the prisoners' locks: the flags, the
 * request stored, and (with no flag) the booking. Undefined when nothing was stored (the id or
 * the reference was taken: the caller tells which).
 */
async function submitInstant(
	db: Kysely<Database>,
	input: VisitRequestInput,
	row: (reviewCodes: string[] | null, waits: boolean) => NewRequestRow,
	context: { channels: ServiceChannels; now: Date }
): Promise<VisitRequest | undefined> {
	let queued: InsertedRequest | undefined;
	const answer = await db.transaction().execute(async (trx) => {
		const { prisonId } = row(null, false).request;
		const number = input.prisoner.prisonerNumber;
		await lockPrisoners(trx, prisonId, [number, ...(await nonAssociatedNumbers(trx, prisonId, number))]);
		const flags = await flagsOfNewRequest(trx, prisonId, input);
		const waits = flags.length > 0;
		const inserted = await insertRequest(trx, row(waits ? [...new Set(flags.map((f) => f.code))] : null, waits));
		if (!inserted) return undefined;
		if (waits) {
			queued = inserted;
			return showRequest(inserted.row, inserted.visitors, inserted.slots, NO_CHANGES);
		}
		const outcome = await bookAtOnce(trx, inserted, input, context);
		if ('booked' in outcome) return outcome.booked;
		// The allowance went while we looked (a staff confirm): it waits for staff after all, told "sent".
		const codes = [...new Set(outcome.flags.map((f) => f.code))];
		await trx
			.updateTable('visitRequests')
			.set({ reviewCodes: jsonb(codes) })
			.where('id', '=', input.id)
			.execute();
		await queueNotice(trx, input.id, 'sent', context.channels, context.now);
		return readRequest(trx, input.id);
	});
	if (queued) sentNotice.wake(queued);
	return answer;
}

/** The stored request for a replay, or a conflict for another device's id or a changed body. */
async function replayOf(
	db: Kysely<Database>,
	id: string,
	deviceId: string,
	bodyHash: string,
	existing: { deviceId: string; bodyHash: string }
): Promise<SubmitResult> {
	// Another device's id looks the same as a changed body: a conflict that reveals nothing.
	if (existing.deviceId !== deviceId || existing.bodyHash !== bodyHash)
		throw new Conflict('api.request.idConflict', { code: 'id_conflict' });
	const row = await requestsQuery(db).where('id', '=', id).executeTakeFirstOrThrow();
	return { created: false, request: await toVisitRequest(db, row) };
}

async function findReplay(db: Kysely<Database>, id: string, deviceId: string, bodyHash: string): Promise<SubmitResult | undefined> {
	const existing = await db.selectFrom('visitRequests').select(['deviceId', 'bodyHash']).where('id', '=', id).executeTakeFirst();
	return existing ? replayOf(db, id, deviceId, bodyHash, existing) : undefined;
}
