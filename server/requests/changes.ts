// Changing a booked visit (docs/change-and-waitlist.md): its time, who is coming, or both. The
// visit stays `booked` as it was while a change waits; staff confirm it (one of the asked-for times:
// the booking moves in one transaction, the old place given back, the new one taken under the same
// guard as a confirm; a new party replaces the visitors) or refuse it (the old booking stands). In an
// instant-booking prison a change nothing stands in the way of is applied at once by `system`.
// The visitor may withdraw a change that is still pending.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ActorType, RequestStatus } from '../../src/lib/shared/domain';
import { formatInstant } from '../../src/lib/shared/format';
import { t, type MessageKey } from '../../src/lib/shared/i18n';
import { hasErrors } from '../../src/lib/shared/rules/field-errors';
import { closureFor, findTimetableSlot, hasStarted, slotUsageKey } from '../../src/lib/shared/rules/calendar';
import { flagsFor, NO_RECORD, type Flag } from '../../src/lib/shared/rules/flags';
import { checkParty } from '../../src/lib/shared/rules/party';
import { checkRules, mergeRequestErrors } from '../../src/lib/shared/rules/visit-request';
import { slotKey, type SlotRef, type VisitorInput } from '../../src/lib/shared/schemas';
import { changeInputFor, type ChangeConfirmInput, type ChangeInput, type ChangeRejectInput } from '../../src/lib/shared/schemas-change';
import { parseInput } from '../../src/lib/shared/validation';
import type { FieldErrors } from '../../src/lib/shared/rules/field-errors';
import type { VisitRequest, VisitorDetails } from '../../src/lib/shared/answers';
import type { Actor } from '../actor';
import { closedVisitFlags } from '../prisons/closed-visits';
import { keyOf, loadFlagRecords } from '../prisoners/repository';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import { assertPrisonAccess, type StaffIdentity } from '../auth/staff-identity';
import { Conflict, NotFound, RuleProblems, type DomainError } from '../domain-errors';
import { queueNotice, type ServiceChannels } from '../messages/notices';
import { releaseVisitPlace, takeVisitPlace } from './places';
import { lockPrison } from '../prisons/lock';
import { changeAgainstRecord } from '../prisoners/confirm';
import { assertOnlineBooking } from '../prisons/online-booking';
import { bumpCalendarVersion, findPrison, loadClosures, loadTimetable, loadUsage, rulesOf, type PrisonRecord } from '../prisons/repository';
import { ownedBy } from '../accounts/ownership';
import { canonicalJson } from './canonical-json';
import { insertVisitors, lastChange, requestsQuery, toVisitRequest, type RequestRow } from './repository';

type ChangeRow = Awaited<ReturnType<ReturnType<typeof changesQuery>['executeTakeFirstOrThrow']>>;

/** A confirmed change with no new times kept the time: the family hears who is coming changed, not that the visit moved. */
const confirmedKind = (change: ChangeRow): 'change_booked' | 'change_party' => (change.slots.length > 0 ? 'change_booked' : 'change_party');

function changesQuery(trx: Transaction<Database>) {
	return trx
		.selectFrom('visitChanges')
		.select(['id', 'requestId', 'status', 'slots', 'visitors', 'fromDate', 'fromStart', 'requestedAt', 'decidedAt', 'decidedByName']);
}

/** The pending change, else the latest one (what a late action ran into). */
async function latestChange(trx: Transaction<Database>, requestId: string): Promise<ChangeRow | undefined> {
	return changesQuery(trx).where('requestId', '=', requestId).orderBy('requestedAt', 'desc').orderBy('id').executeTakeFirst();
}

interface VisitorChange {
	requestId: string;
	deviceId: string;
	now: Date;
	/** How the family is told of a change applied at once (an instant-booking prison). */
	channels?: ServiceChannels;
}

/** A device's own request, locked; anyone else's looks like it does not exist (404). */
async function lockOwnRequest(trx: Transaction<Database>, requestId: string, deviceId: string): Promise<RequestRow> {
	const row = await requestsQuery(trx).where('id', '=', requestId).where(ownedBy(deviceId)).forUpdate().executeTakeFirst();
	if (!row) throw new NotFound('api.request.notFound');
	return row;
}

async function loadPrison(trx: Transaction<Database>, prisonId: string): Promise<PrisonRecord> {
	const prison = await findPrison(trx, prisonId);
	if (!prison) throw new NotFound('api.prison.notFound');
	return prison;
}

async function answer(trx: Transaction<Database>, requestId: string): Promise<VisitRequest> {
	return toVisitRequest(trx, await requestsQuery(trx).where('id', '=', requestId).executeTakeFirstOrThrow());
}

/** 409 for a request that is not (any longer) a booked visit: what it is, who made it so, when. */
async function notBooked(trx: Transaction<Database>, row: RequestRow, timeZone: string): Promise<DomainError> {
	const change = await lastChange(trx, row.id);
	const status = row.status as RequestStatus;
	const key: MessageKey = status === 'cancelled' ? 'api.change.visitCancelled' : 'api.change.notBooked';
	const params = {
		status: t(`status.${status}` as MessageKey),
		actor: describeActor(change?.actorType, change?.actorName),
		at: formatInstant(change?.at ?? row.updatedAt, timeZone)
	};
	return new Conflict(key, {
		params,
		code: status === 'cancelled' ? 'visit_cancelled' : 'state_conflict',
		details: { status, by: change?.actorName ?? null, byType: change?.actorType ?? null, at: change?.at ?? null }
	});
}

function describeActor(type: ActorType | undefined, name: string | null | undefined): string {
	if (type === 'staff' && name) return t('actor.staff', { name });
	if (type === 'device') return t('actor.visitor');
	return t('actor.system');
}

/** 409 for acting on a change that has already ended: how it ended, by whom, when. */
function changeEnded(change: ChangeRow | undefined, timeZone: string): DomainError {
	if (!change) return new Conflict('api.change.none', { code: 'no_change' });
	const at = formatInstant(change.decidedAt ?? change.requestedAt, timeZone);
	const by = change.decidedByName
		? t('actor.staff', { name: change.decidedByName })
		: change.status === 'withdrawn'
			? t('actor.visitor')
			: t('actor.system');
	return new Conflict(`api.change.already.${change.status}` as MessageKey, {
		params: { actor: by, at },
		code: 'change_decided',
		details: { status: change.status, by: change.decidedByName, at: new Date(change.decidedAt ?? change.requestedAt).toISOString() }
	});
}

/**
 * The visitor asks to move a booked visit to one of up to three new times, to change who is coming,
 * or both. The same id sent again (the outbox never saw the answer) returns the request as it
 * stands; one pending change at a time. In an instant-booking prison the change is applied at once
 * when nothing stands in the way (`applied`); otherwise it waits for staff.
 */
export async function requestChange(
	db: Kysely<Database>,
	action: VisitorChange,
	input: ChangeInput
): Promise<{ created: boolean; applied: boolean; request: VisitRequest }> {
	return db.transaction().execute(async (trx) => {
		const row = await lockOwnRequest(trx, action.requestId, action.deviceId);
		const prison = await loadPrison(trx, row.prisonId);
		if (input.id) {
			const replay = await trx
				.selectFrom('visitChanges')
				.select(['requestId', 'slots', 'visitors'])
				.where('id', '=', input.id)
				.executeTakeFirst();
			if (replay) {
				const same =
					replay.requestId === row.id &&
					replay.slots.map(slotKey).join() === (input.slots ?? []).map(slotKey).join() &&
					canonicalJson(replay.visitors ?? null) === canonicalJson(storedParty(input.visitors));
				if (!same) throw new Conflict('api.request.idConflict', { code: 'id_conflict' });
				return { created: false, applied: false, request: await answer(trx, row.id) };
			}
		}
		if (row.status !== 'booked' || !row.bookedDate || !row.bookedStart) throw await notBooked(trx, row, prison.timeZone);
		if (hasStarted(row.bookedDate, row.bookedStart, prison.timeZone, action.now)) {
			throw new Conflict('api.change.visitStarted', { code: 'visit_started' });
		}
		const pending = await changesQuery(trx).where('requestId', '=', row.id).where('status', '=', 'pending').executeTakeFirst();
		if (pending) {
			throw new Conflict('api.change.pending', {
				params: { at: formatInstant(pending.requestedAt, prison.timeZone) },
				code: 'change_pending'
			});
		}
		assertOnlineBooking(prison);

		const problems = await changeProblems(
			trx,
			{ ...row, bookedDate: row.bookedDate, bookedStart: row.bookedStart },
			prison,
			input,
			action.now
		);
		if (hasErrors(problems)) throw new RuleProblems('api.request.rulesBroken', { fields: mergeRequestErrors({}, problems) });

		const visitors = storedParty(input.visitors);
		const id = input.id ?? randomUUID();
		await trx
			.insertInto('visitChanges')
			.values({
				id,
				requestId: row.id,
				slots: jsonb(input.slots ?? []),
				visitors: visitors ? jsonb(visitors) : null,
				fromDate: row.bookedDate,
				fromStart: row.bookedStart,
				requestedAt: action.now
			})
			.execute();
		await trx.updateTable('visitRequests').set({ updatedAt: action.now }).where('id', '=', row.id).execute();
		const request = await answer(trx, row.id);
		if (prison.bookingMode !== 'instant') return { created: true, applied: false, request };
		const applied = await applyAtOnce(trx, { ...row, bookedDate: row.bookedDate, bookedStart: row.bookedStart }, prison, request, action);
		return { created: true, applied, request: applied ? await answer(trx, row.id) : request };
	});
}

/** A new party as it is kept with the change (the request's visitors' shape: no empty contact fields). */
function storedParty(visitors: readonly VisitorInput[] | undefined): VisitorDetails[] | null {
	if (!visitors) return null;
	return visitors.map((v) => ({
		firstName: v.firstName,
		lastName: v.lastName,
		dateOfBirth: v.dateOfBirth,
		...(v.email ? { email: v.email } : {}),
		...(v.phone ? { phone: v.phone } : {})
	}));
}

type BookedRow = RequestRow & { bookedDate: string; bookedStart: string };

/**
 * Every flag staff would see on the visit with the change applied (rules/flags.ts: bans of the new
 * party on every date involved, other visits of the prisoner on those dates, non-associations) and
 * the prisoner's closed-visits-only rule: the reasons a change waits for a person.
 */
async function flagsOfChange(trx: Transaction<Database>, prisonId: string, request: VisitRequest): Promise<Flag[]> {
	if (!request.prisoner) return [];
	const key = { prisonId, prisonerNumber: request.prisoner.prisonerNumber };
	const [records, closed] = await Promise.all([loadFlagRecords(trx, [key]), closedVisitFlags(trx, prisonId, key.prisonerNumber)]);
	return [...flagsFor(request, records.get(keyOf(key)) ?? NO_RECORD), ...closed];
}

/**
 * An instant-booking prison applies a change at once, as it books a new request, when nothing needs
 * a person: no flag, and (for new times) a chosen time with a place, the first in order of
 * preference. Otherwise the change waits for staff, who see its flags (false).
 */
async function applyAtOnce(
	trx: Transaction<Database>,
	row: BookedRow,
	prison: PrisonRecord,
	request: VisitRequest,
	action: VisitorChange
): Promise<boolean> {
	const change = await changesQuery(trx).where('requestId', '=', row.id).where('status', '=', 'pending').executeTakeFirstOrThrow();
	if ((await flagsOfChange(trx, prison.id, request)).length > 0) return false;
	let target: SlotRef | undefined;
	if (change.slots.length > 0) {
		// The confirm's lock first: places are then read as a confirm would find them.
		await lockPrison(trx, prison.id, 'confirm');
		const dates = change.slots.map((s) => s.date).sort();
		const [from, to] = [dates[0] as string, dates.at(-1) as string];
		const [usage, timetable, closures] = await Promise.all([
			loadUsage(trx, prison.id, from, to),
			loadTimetable(trx, prison.id),
			loadClosures(trx, prison.id, from, to)
		]);
		target = change.slots.find((slot) => {
			const timetableSlot = findTimetableSlot(timetable, slot.date, slot.start);
			if (!timetableSlot || closureFor(closures, slot.date, slot.start)) return false;
			return (usage.get(slotUsageKey(slot.date, slot.start)) ?? 0) < timetableSlot.capacity;
		});
		if (!target) return false;
	}
	let detail: Record<string, unknown>;
	try {
		detail = await applyChange(trx, row, prison, change, { slot: target, actor: SYSTEM, now: action.now });
	} catch (error) {
		// The record's own check, or a closure, refused before anything was written: a person decides.
		if (error instanceof Conflict && (error.code === 'flagged' || error.code === 'slot_closed')) return false;
		throw error;
	}
	await trx
		.insertInto('auditLog')
		.values({
			staffId: null,
			prisonId: prison.id,
			action: 'visit.change.confirm',
			target: row.id,
			detail: jsonb({ changeId: change.id, instant: true, ...detail }),
			at: action.now
		})
		.execute();
	if (action.channels) await queueNotice(trx, row.id, confirmedKind(change), action.channels, action.now);
	return true;
}

/**
 * The rules a new request's choices meet (rules/visit-request.ts: timetable, closures, not past,
 * booking window, not full; the party judged on the first new date), plus: not the time already
 * booked. The party is the new one when the change brings one, else the one booked; with no new
 * times it is judged on the booked date (rules/party.ts: how many, adults, the lead's age, births).
 */
async function changeProblems(trx: Transaction<Database>, row: BookedRow, prison: PrisonRecord, input: ChangeInput, now: Date) {
	const visitors =
		input.visitors ??
		(await trx.selectFrom('requestVisitors').select('dateOfBirth').where('requestId', '=', row.id).orderBy('position').execute());
	const people = {
		prisoner: { dateOfBirth: row.prisonerDateOfBirth ?? '' },
		visitors: visitors.map((v) => ({ dateOfBirth: v.dateOfBirth }))
	};
	const contact = input.visitors ? await leadContactProblems(trx, row.id, input) : {};
	const slots = input.slots;
	if (!slots) return { ...contact, ...checkParty(people, rulesOf(prison), row.bookedDate, now) };
	const dates = slots.map((s) => s.date).sort();
	const from = dates[0] as string;
	const to = dates.at(-1) as string;
	const [timetable, closures, usage] = await Promise.all([
		loadTimetable(trx, prison.id),
		loadClosures(trx, prison.id, from, to),
		loadUsage(trx, prison.id, from, to)
	]);
	const problems = checkRules({ slots, ...people }, { prison: rulesOf(prison), timetable, closures, usage, now });
	slots.forEach((slot, index) => {
		if (slot.date === row.bookedDate && slot.start === row.bookedStart) problems[`slots.${index}`] = t('api.change.sameAsBooked');
	});
	return { ...contact, ...problems };
}

/**
 * A new lead visitor can be told the way the family chose when they asked (stored with the request;
 * null: every channel they gave an address for, which asks nothing more): as a new request's lead.
 */
async function leadContactProblems(trx: Transaction<Database>, requestId: string, input: ChangeInput): Promise<FieldErrors> {
	const { channels } = await trx.selectFrom('visitRequests').select('channels').where('id', '=', requestId).executeTakeFirstOrThrow();
	const parsed = parseInput(changeInputFor(channels?.split(',')), input);
	return parsed.ok ? {} : parsed.fields;
}

/** The visitor takes back a pending change. Withdrawing twice is harmless (a resend from the outbox). */
export async function withdrawChange(db: Kysely<Database>, action: VisitorChange): Promise<VisitRequest> {
	return db.transaction().execute(async (trx) => {
		const row = await lockOwnRequest(trx, action.requestId, action.deviceId);
		const prison = await loadPrison(trx, row.prisonId);
		const change = await latestChange(trx, row.id);
		if (change?.status === 'withdrawn') return answer(trx, row.id);
		if (change?.status !== 'pending') {
			if (row.status !== 'booked') throw await notBooked(trx, row, prison.timeZone);
			throw changeEnded(change, prison.timeZone);
		}
		await trx.updateTable('visitChanges').set({ status: 'withdrawn', decidedAt: action.now }).where('id', '=', change.id).execute();
		await trx.updateTable('visitRequests').set({ updatedAt: action.now }).where('id', '=', row.id).execute();
		return answer(trx, row.id);
	});
}

interface StaffChangeContext {
	requestId: string;
	now: Date;
	channels: ServiceChannels;
}

/**
 * Locks the request (then, for a confirm, the prison: prisons/lock.ts's order), checks the officer
 * works at its prison and that a change is pending, runs `decide`, audits it and tells the family.
 */
async function decideChange(
	db: Kysely<Database>,
	context: StaffChangeContext,
	staff: StaffIdentity,
	action: 'visit.change.confirm' | 'visit.change.reject',
	decide: (trx: Transaction<Database>, row: BookedRow, prison: PrisonRecord, change: ChangeRow) => Promise<Record<string, unknown>>
): Promise<VisitRequest> {
	return db.transaction().execute(async (trx) => {
		const row = await requestsQuery(trx).where('id', '=', context.requestId).forUpdate().executeTakeFirst();
		if (!row) throw new NotFound('api.request.notFound');
		assertPrisonAccess(staff, row.prisonId);
		const prison = await loadPrison(trx, row.prisonId);
		if (row.status !== 'booked' || !row.bookedDate || !row.bookedStart) throw await notBooked(trx, row, prison.timeZone);
		const change = await latestChange(trx, row.id);
		if (change?.status !== 'pending') throw changeEnded(change, prison.timeZone);
		const detail = await decide(trx, { ...row, bookedDate: row.bookedDate, bookedStart: row.bookedStart }, prison, change);
		await trx
			.insertInto('auditLog')
			.values({
				staffId: staff.id,
				prisonId: prison.id,
				action,
				target: row.id,
				detail: jsonb({ changeId: change.id, ...detail }),
				at: context.now
			})
			.execute();
		await queueNotice(
			trx,
			row.id,
			action === 'visit.change.confirm' ? confirmedKind(change) : 'change_rejected',
			context.channels,
			context.now
		);
		return answer(trx, row.id);
	});
}

/**
 * Staff confirm a change: the booking moves to one of the asked-for times (the old place given back,
 * the new one taken, or nothing at all) and a new party replaces the visitors.
 */
export function confirmChange(
	db: Kysely<Database>,
	context: StaffChangeContext,
	staff: StaffIdentity,
	input: ChangeConfirmInput
): Promise<VisitRequest> {
	return decideChange(db, context, staff, 'visit.change.confirm', async (trx, row, prison, change) => {
		const slot = input.slot;
		if (change.slots.length > 0 && !slot) throw new RuleProblems('api.change.slotRequired', { field: 'slot' });
		if (slot && !change.slots.some((s) => s.date === slot.date && s.start === slot.start)) {
			throw new RuleProblems('api.change.slotNotAsked', { field: 'slot' });
		}
		if (hasStarted(row.bookedDate, row.bookedStart, prison.timeZone, context.now)) {
			throw new Conflict('api.change.visitStarted', { code: 'visit_started' });
		}
		return applyChange(trx, row, prison, change, {
			slot,
			override: input.override,
			message: input.message,
			actor: { type: 'staff', id: staff.id, name: staff.name },
			now: context.now
		});
	});
}

interface Application {
	/** The new time; absent when only who is coming changes. */
	slot?: SlotRef | undefined;
	override?: ChangeConfirmInput['override'];
	message?: string | undefined;
	actor: Actor;
	now: Date;
}

const SYSTEM = { type: 'system' } as const;

/**
 * Applies a pending change in the deciding transaction (the request's row locked). The prisoner's
 * record is checked as at a confirm, against the party that will come (the new one, if any) on the
 * date it will come: a ban needs an override, so a change never slips a banned visitor past.
 */
async function applyChange(
	trx: Transaction<Database>,
	row: BookedRow,
	prison: PrisonRecord,
	change: ChangeRow,
	application: Application
): Promise<Record<string, unknown>> {
	const { slot, actor, now } = application;
	const date = slot?.date ?? row.bookedDate;
	let timetableSlot: ReturnType<typeof findTimetableSlot>;
	if (slot) {
		// As a confirm: the request's row first, then the prison's, before reading timetable and closures.
		await lockPrison(trx, prison.id, 'confirm');
		timetableSlot = findTimetableSlot(await loadTimetable(trx, prison.id), slot.date, slot.start);
		const closure = closureFor(await loadClosures(trx, prison.id, slot.date, slot.date), slot.date, slot.start);
		if (!timetableSlot || closure) throw new Conflict('api.conflict.slotClosed', { code: 'slot_closed', field: 'slot' });
		if (hasStarted(slot.date, slot.start, prison.timeZone, now)) {
			throw new Conflict('validation.slot.past', { code: 'slot_past', field: 'slot' });
		}
	}
	const party = change.visitors;
	// The prisoner's record as at a confirm: a ban covering the date, for whoever will come, needs an override.
	await changeAgainstRecord(trx, {
		requestId: row.id,
		prisonId: prison.id,
		prisonerNumber: row.prisonerNumber,
		date,
		excludedVisitors: party ? [] : (row.excludedVisitors as number[]),
		override: application.override,
		actor,
		now,
		...(party ? { visitors: party } : {})
	});
	const from = { date: row.bookedDate, start: row.bookedStart };
	if (slot && timetableSlot) {
		// Given back first: a closed-visits booking holds one row per request (places.ts). If the
		// new place cannot be taken the transaction rolls back, and the old place is held again.
		await releaseVisitPlace(trx, row.id, { prisonId: prison.id, ...from });
		await takeVisitPlace(trx, row, { prisonId: prison.id, date: slot.date, start: slot.start }, timetableSlot);
		await trx
			.updateTable('visitRequests')
			.set({
				bookedDate: slot.date,
				bookedStart: slot.start,
				calendarSequence: sql<number>`calendar_sequence + 1`,
				// The day-before reminder is for the new day.
				remindedAt: null
			})
			.where('id', '=', row.id)
			.execute();
		await bumpCalendarVersion(trx, prison.id);
	}
	let partyDetail: Record<string, unknown> = {};
	if (party) {
		const before = await trx
			.selectFrom('requestVisitors')
			.select(['firstName', 'lastName', 'dateOfBirth'])
			.where('requestId', '=', row.id)
			.orderBy('position')
			.execute();
		await trx.deleteFrom('requestVisitors').where('requestId', '=', row.id).execute();
		await insertVisitors(trx, row.id, party);
		// Exclusions named positions of the old party: the new one comes whole.
		await trx
			.updateTable('visitRequests')
			.set({ excludedVisitors: jsonb<number[]>([]) })
			.where('id', '=', row.id)
			.execute();
		partyDetail = {
			visitorsFrom: before,
			visitorsTo: party.map(({ firstName, lastName, dateOfBirth }) => ({ firstName, lastName, dateOfBirth }))
		};
	}
	await trx.updateTable('visitRequests').set({ updatedAt: now }).where('id', '=', row.id).execute();
	await trx
		.updateTable('visitChanges')
		.set({
			status: 'confirmed',
			toDate: slot?.date ?? row.bookedDate,
			toStart: slot?.start ?? row.bookedStart,
			message: application.message ?? null,
			decidedAt: now,
			decidedBy: actor.type === 'staff' ? actor.id : null,
			decidedByName: actor.type === 'staff' ? actor.name : null
		})
		.where('id', '=', change.id)
		.execute();
	return { from, to: slot ?? from, ...partyDetail };
}

/** Refuses the change: the old booking stands, and the family is told why. */
export function rejectChange(
	db: Kysely<Database>,
	context: StaffChangeContext,
	staff: StaffIdentity,
	input: ChangeRejectInput
): Promise<VisitRequest> {
	return decideChange(db, context, staff, 'visit.change.reject', async (trx, row, _prison, change) => {
		await trx
			.updateTable('visitChanges')
			.set({
				status: 'rejected',
				rejectionReasons: jsonb<string[]>(input.reasons),
				message: input.message ?? null,
				decidedAt: context.now,
				decidedBy: staff.id,
				decidedByName: staff.name
			})
			.where('id', '=', change.id)
			.execute();
		await trx.updateTable('visitRequests').set({ updatedAt: context.now }).where('id', '=', row.id).execute();
		return { reasons: input.reasons };
	});
}

/**
 * A cancelled visit can no longer move: its pending change ends with it (decisions.ts cancelBooking),
 * and its calendar entry's SEQUENCE goes up so the cancelling .ics replaces the event.
 */
export async function endChangesOfCancelled(trx: Transaction<Database>, requestId: string, now: Date): Promise<void> {
	await trx
		.updateTable('visitChanges')
		.set({ status: 'ended', decidedAt: now })
		.where('requestId', '=', requestId)
		.where('status', '=', 'pending')
		.execute();
	await trx
		.updateTable('visitRequests')
		.set({ calendarSequence: sql<number>`calendar_sequence + 1` })
		.where('id', '=', requestId)
		.execute();
}
