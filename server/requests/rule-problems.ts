import type { Kysely } from 'kysely';
import type { FieldErrors } from '../../src/lib/shared/rules/field-errors';
import { checkRules, ruleInputOf } from '../../src/lib/shared/rules/visit-request';
import type { SlotRef } from '../../src/lib/shared/schemas';
import type { Database } from '../db/schema';
import { isUuid } from '../http/ids';
import { findPrison, loadClosures, loadTimetable, loadUsage, rulesOf } from '../prisons/repository';

/**
 * The rules' problems with a request body that failed the schema, judged on its well-formed
 * parts, so the 400 names every problem at once (an under-age lead visitor beside a missing
 * email) and the device is not sent back twice. Nothing without a known prison to judge against.
 */
export async function ruleProblemsOfMalformedRequest(db: Kysely<Database>, body: unknown, now: Date): Promise<FieldErrors> {
	const prisonId = typeof body === 'object' && body !== null ? (body as { prisonId?: unknown }).prisonId : undefined;
	if (typeof prisonId !== 'string' || !isUuid(prisonId)) return {};
	const prison = await findPrison(db, prisonId);
	if (!prison) return {};
	const input = ruleInputOf(body);
	const dates = input.slots
		.filter((slot): slot is SlotRef => slot !== null)
		.map((slot) => slot.date)
		.sort();
	const from = dates[0];
	const to = dates.at(-1);
	const [timetable, closures, usage] = await Promise.all([
		loadTimetable(db, prison.id),
		from && to ? loadClosures(db, prison.id, from, to) : [],
		from && to ? loadUsage(db, prison.id, from, to) : undefined
	]);
	return checkRules(input, { prison: rulesOf(prison), timetable, closures, ...(usage ? { usage } : {}), now });
}
