import { t } from '../../shared/i18n';
import { todayIn } from '../../shared/rules/dates';
import { flagsFor, type Ban, type Flag, type FlagSubject } from '../../shared/rules/flags';
import { AllowanceInput, banInput, type BanInput } from '../../shared/schemas-prisoners';
import { parseInput } from '../../shared/validation';
import { apiPaths, callApi, params, type ApiOptions, type OkData } from '../api';
import type { ApiFailure } from '../api-result';
import { commands, prisonerOrderKey } from '../commands';
import type { BookAPrisonVisitDb, OutboxItem } from '../db';
import { dismissFailed, dismissRefused, openItemsOf, queuedInOrder, queueItem } from '../outbox';
import type { Checked, FormErrors } from './decision-forms';
import { banIdOfPath, copyMark, recordKey, storeServerCopy } from './answered-copies';
import { readStaffMeta } from './staff-meta';

/*
 * The prisoner's record on the tablet: the server's copy cached in the device's store, changes
 * queued in the staff outbox (sent in order, with the version the officer saw), and the cached copy
 * with the queued changes laid over it, so a change made offline shows at once. A change the
 * server refused (someone else changed the allowance first) stays listed with both values until
 * the officer sends it again or lets it go: it is never dropped.
 */

/** The record as GET …/prisoners/:prisonerNumber answers it (the route's own type). */
type RecordAnswer = OkData<Awaited<ReturnType<(typeof apiPaths.staff.prisons)[':prisonId']['prisoners'][':prisonerNumber']['$get']>>>;

/** The cached record: the answer, or a copy cached before non-associations and locations were part of it. */
export type PrisonerRecord = Omit<RecordAnswer, 'nonAssociations' | 'location'> &
	Partial<Pick<RecordAnswer, 'nonAssociations' | 'location'>>;

export interface CachedRecord {
	record: PrisonerRecord;
	fetchedAt: number;
}

type Transport = Pick<ApiOptions, 'fetch' | 'baseUrl'>;

/** GET the record into the cache. */
export async function refreshPrisonerRecord(
	db: BookAPrisonVisitDb,
	prisonId: string,
	prisonerNumber: string,
	options: Transport & { now?: () => number } = {}
): Promise<ApiFailure | null> {
	const param = params({ prisonId, prisonerNumber });
	const key = recordKey(prisonId, prisonerNumber);
	const mark = await copyMark(db, key);
	const result = await callApi((api) => api.staff.prisons[':prisonId'].prisoners[':prisonerNumber'].$get({ param }), {
		...options,
		auth: 'staff',
		cache: 'no-store'
	});
	if (!result.ok) return result;
	// A 2xx that is not the record (a captive portal's page) is not stored over the cached copy.
	const data: PrisonerRecord | undefined = result.data;
	if (!data?.prisonerNumber) return null;
	const cached: CachedRecord = { record: data, fetchedAt: (options.now ?? Date.now)() };
	await storeServerCopy(db, key, cached, mark);
	return null;
}

export function cachedPrisonerRecord(db: BookAPrisonVisitDb, prisonId: string, prisonerNumber: string): Promise<CachedRecord | undefined> {
	return readStaffMeta<CachedRecord>(db, recordKey(prisonId, prisonerNumber));
}

/** The record's open and refused outbox items, oldest first. */
export function recordItems(db: BookAPrisonVisitDb, prisonId: string, prisonerNumber: string): Promise<OutboxItem[]> {
	return openItemsOf(db, prisonerOrderKey(prisonId, prisonerNumber));
}

/**
 * The cached record and its open items, read in one transaction: an item settled between two
 * separate reads would show neither the queued change nor the server's answer to it.
 */
export function storedRecord(
	db: BookAPrisonVisitDb,
	prisonId: string,
	prisonerNumber: string
): Promise<{ cached: CachedRecord | null; items: OutboxItem[] }> {
	return db.transaction('r', db.meta, db.outbox, async () => ({
		cached: (await cachedPrisonerRecord(db, prisonId, prisonerNumber)) ?? null,
		items: await recordItems(db, prisonId, prisonerNumber)
	}));
}

export async function queueAllowance(
	db: BookAPrisonVisitDb,
	prisonId: string,
	prisonerNumber: string,
	body: AllowanceInput
): Promise<OutboxItem> {
	const orderKey = prisonerOrderKey(prisonId, prisonerNumber);
	await dismissRefused(db, orderKey);
	return queueItem(db, commands.setAllowance(prisonId, prisonerNumber, body));
}

/** A ban is added under an id made here, so it can be shown (and removed) before the server has it. */
export async function queueBan(db: BookAPrisonVisitDb, prisonId: string, prisonerNumber: string, body: BanInput): Promise<OutboxItem> {
	const orderKey = prisonerOrderKey(prisonId, prisonerNumber);
	await dismissRefused(db, orderKey);
	return queueItem(db, commands.addBan(prisonId, prisonerNumber, body));
}

export async function queueBanRemoval(
	db: BookAPrisonVisitDb,
	prisonId: string,
	prisonerNumber: string,
	banId: string
): Promise<OutboxItem> {
	const orderKey = prisonerOrderKey(prisonId, prisonerNumber);
	await dismissRefused(db, orderKey);
	return queueItem(db, commands.removeBan(prisonId, prisonerNumber, banId));
}

/** Sends a refused allowance change again over what the server has now (the officer saw both). */
export async function resendAllowance(db: BookAPrisonVisitDb, record: PrisonerRecord, refused: OutboxItem): Promise<OutboxItem> {
	const body = { ...(refused.body as AllowanceInput), version: record.version };
	return queueAllowance(db, record.prisonId, record.prisonerNumber, body);
}

export async function dismissRecordChange(db: BookAPrisonVisitDb, item: OutboxItem): Promise<void> {
	if (item.id !== undefined) await dismissFailed(db, item.id);
}

export type ShownBan = Ban & { queued?: 'add' | 'remove'; itemId?: number };

export interface ShownRecord {
	allowance: { remaining: number | null; renewsOn: string | null };
	allowanceQueued: boolean;
	bans: ShownBan[];
	refused: OutboxItem[];
}

/** The cached record with the officer's queued changes applied in order; refused items change nothing and are listed. */
export function withQueuedRecordChanges(record: PrisonerRecord, items: readonly OutboxItem[]): ShownRecord {
	let allowance = { ...record.allowance };
	let allowanceQueued = false;
	const bans = new Map<string, ShownBan>(record.bans.map((ban) => [ban.id, { ...ban }]));
	const { waiting, refused } = queuedInOrder(items);
	for (const item of waiting) {
		if (item.kind === 'staff-allowance') {
			const body = item.body as AllowanceInput;
			allowance = { remaining: body.remaining, renewsOn: body.renewsOn === undefined ? allowance.renewsOn : (body.renewsOn ?? null) };
			allowanceQueued = true;
		} else if (item.kind === 'staff-ban-add') {
			const body = item.body as BanInput;
			const id = `queued-${item.id}`;
			bans.set(id, {
				id,
				...body,
				until: body.until ?? null,
				restrictionId: null,
				queued: 'add',
				...(item.id !== undefined ? { itemId: item.id } : {})
			});
		} else if (item.kind === 'staff-ban-remove') {
			const id = banIdOfPath(item.path);
			const ban = bans.get(id);
			if (ban) bans.set(id, { ...ban, queued: 'remove' });
		}
	}
	return { allowance, allowanceQueued, bans: [...bans.values()], refused };
}

/** What a refused change was, for its notice. */
export function refusedChangeText(item: OutboxItem): string {
	if (item.kind === 'staff-allowance') {
		const body = item.body as AllowanceInput;
		return t('prisoners.refused.allowance', { remaining: body.remaining === null ? t('prisoners.allowance.untracked') : body.remaining });
	}
	if (item.kind === 'staff-ban-add') {
		const body = item.body as BanInput;
		return t('prisoners.refused.banAdd', { name: `${body.firstName} ${body.lastName}` });
	}
	return t('prisoners.refused.banRemove');
}

export interface AllowanceForm {
	tracked: boolean;
	remaining: string;
	renewsOn: string;
}

export function checkAllowance(form: AllowanceForm, version: number): Checked<AllowanceInput> {
	const remaining = !form.tracked ? null : form.remaining.trim() === '' ? undefined : Number(form.remaining.trim());
	const parsed = parseInput(AllowanceInput, { remaining, renewsOn: form.tracked ? form.renewsOn : '', version });
	if (parsed.ok) return { ok: true, body: parsed.value };
	return { ok: false, errors: parsed.fields };
}

export interface BanForm {
	firstName: string;
	lastName: string;
	dateOfBirth: string;
	until: string;
	reason: string;
}

export function checkBan(form: BanForm, timeZone: string, now: Date = new Date()): Checked<BanInput> {
	const parsed = parseInput(banInput(todayIn(timeZone, now)), form);
	if (parsed.ok) return { ok: true, body: parsed.value };
	const errors: FormErrors = {};
	for (const name of ['firstName', 'lastName', 'dateOfBirth', 'until', 'reason'])
		if (parsed.fields[name]) errors[name] = parsed.fields[name]!;
	return { ok: false, errors: Object.keys(errors).length > 0 ? errors : parsed.fields };
}

/** Flags for a request worked out on the tablet from a cached record (e.g. a booking being typed in). */
export function flagsFromRecord(request: FlagSubject, record: PrisonerRecord | undefined): Flag[] {
	if (!record) return [];
	return flagsFor(request, { allowance: record.allowance, bans: record.bans, requests: record.requests });
}

/** What confirming `request` on `date` with `excluded` left out would need an override for, by its flags. */
export function blockersFor(
	request: { flags?: Flag[]; visitors: FlagSubject['visitors'] },
	date: string | undefined,
	excluded: readonly number[]
): Flag[] {
	const flags = request.flags ?? [];
	return flags.filter((flag) => {
		if (!flag.blocking) return false;
		if (flag.code !== 'visitor_banned') return true;
		const covers = !date || (flag.dates ?? []).includes(date);
		return covers && (flag.visitors ?? []).some((position) => !excluded.includes(position));
	});
}
