import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { t, type Locale } from '../../src/lib/shared/i18n';
import { hasErrors } from '../../src/lib/shared/rules/field-errors';
import { makeReference } from '../../src/lib/shared/rules/reference';
import { checkVisitRequest, firstChosenDate, mergeRequestErrors } from '../../src/lib/shared/rules/visit-request';
import type { VisitRequestInput } from '../../src/lib/shared/schemas';
import type { VisitRequest } from '../../src/lib/shared/types';
import type { Database } from '../db/schema';
import { Conflict, RuleProblems } from '../domain-errors';
import { assertOnlineBooking } from '../prisons/online-booking';
import { sentNotice, type NotifyChannels } from '../lifecycle/notify';
import { rulesOf } from '../prisons/repository';
import { DEFAULT_PUSH_TTL_SECONDS } from '../push/jobs';
import { canonicalJson } from './canonical-json';
import { staffPushPayloads } from './notifications';
import { NO_CHANGES, requestsQuery, showRequest, toVisitRequest } from './repository';
import { insertRequest, readSubmitFacts } from './submit-statements';

export interface SubmitOptions {
	input: VisitRequestInput;
	deviceId: string;
	now: Date;
	/** The visitor's language (the submit's Accept-Language): what push, email and .ics about it use. */
	language?: Locale;
	/** Which channels tell the visitor their request was sent (lifecycle/channels.ts). */
	channels: NotifyChannels;
	/** Runs once it is known this is a new request, not a replay, before the rules: may throw (e.g. a 429). */
	beforeNew?: () => Promise<void>;
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
 * Two round trips for a new request (issue #17): one read of everything the rules need
 * (the replay check, the prison, its timetable, closures and booked places), then one statement
 * that stores the request, its visitors, slots, state change, staff push jobs and the visitor's
 * email job, and returns what the answer shows.
 */
export async function submitVisitRequest(db: Kysely<Database>, options: SubmitOptions): Promise<SubmitResult> {
	const { input, deviceId, now } = options;
	const bodyHash = createHash('sha256').update(canonicalJson(input)).digest('hex');

	const dates = input.slots.map((s) => s.date).sort();
	const from = dates[0] as string;
	const to = dates.at(-1) as string;
	const facts = await readSubmitFacts(db, input.id, input.prisonId, from, to);
	if (facts.existing) return replayOf(db, input.id, deviceId, bodyHash, facts.existing);
	await options.beforeNew?.();

	const { prison, timetable, closures, usage } = facts;
	if (!prison) throw new RuleProblems('api.request.rulesBroken', { fields: { prisonId: t('field.prison.unknown') } });
	assertOnlineBooking(prison);
	const problems = checkVisitRequest(input, { prison: rulesOf(prison), timetable, closures, usage, now });
	if (hasErrors(problems)) throw new RuleProblems('api.request.rulesBroken', { fields: mergeRequestErrors({}, problems) });

	const language = options.language ?? 'en';
	for (let attempt = 0; attempt < 5; attempt += 1) {
		const reference = makeReference((n) => randomBytes(n));
		const inserted = await insertRequest(db, {
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
			staffPush: staffPushPayloads({ id: input.id, reference }, prison.name),
			pushTtlSeconds: DEFAULT_PUSH_TTL_SECONDS,
			email: sentNotice.email(options.channels, input.visitors[0]?.email)
		});
		if (inserted) {
			sentNotice.wake(inserted);
			return { created: true, request: showRequest(inserted.row, inserted.visitors, inserted.slots, NO_CHANGES) };
		}
		const raced = await findReplay(db, input.id, deviceId, bodyHash);
		if (raced) return raced;
	}
	throw new Error('Could not find a free booking reference after 5 attempts');
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
