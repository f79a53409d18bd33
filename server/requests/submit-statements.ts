// The two statements of a visitor's submit: one read of everything the rules need, and
// one statement that stores the request with everything that goes with it. Each is one round trip;
// the write is one statement, so it commits (or not) as a whole without BEGIN and COMMIT round trips.
import { sql, type Kysely } from 'kysely';
import type { SlotUsage } from '../../src/lib/shared/rules/calendar';
import { slotUsageKey } from '../../src/lib/shared/rules/calendar';
import type { LocalDate } from '../../src/lib/shared/rules/dates';
import type { Closure, TimetableSlot } from '../../src/lib/shared/answers';
import type { Database } from '../db/schema';
import { DELIVERIES_CHANNEL } from '../messages/outbox';
import { PRISON_COLUMNS, type PrisonRecord } from '../prisons/repository';
import { REQUEST_COLUMNS, type RequestRow, type SlotRow, type VisitorRow } from './repository';

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const prisonSelect = sql.raw(PRISON_COLUMNS.map((c) => `p.${snake(c)}`).join(', '));
const requestReturning = sql.raw(REQUEST_COLUMNS.map(snake).join(', '));

export interface SubmitFacts {
	/** The stored request with this id, if any (a replay, or an id clash). */
	existing: { deviceId: string; bodyHash: string } | null;
	prison: PrisonRecord | null;
	timetable: TimetableSlot[];
	closures: Closure[];
	usage: SlotUsage;
}

interface FactsRow extends Record<keyof PrisonRecord, unknown> {
	existing: { deviceId: string; bodyHash: string } | null;
	timetable: { weekday: number; start: string; end: string; capacity: number; closedCapacity: number }[] | null;
	closures: { date: string; start: string | null; reason: string }[] | null;
	usage: { date: string; start: string; booked: number }[] | null;
}

export interface FactsWanted {
	requestId: string;
	prisonId: string;
	from: LocalDate;
	to: LocalDate;
}

/**
 * The replay check, the prison and, for the chosen dates, its timetable, closures and booked
 * places: one statement, the lists aggregated as jsonb. The prison is left-joined so the replay
 * check answers even for a prison that does not exist. Every submit of a group commit is read by
 * the one statement, and the answers come back in the order asked.
 */
export async function readSubmitFactsOfMany(db: Kysely<Database>, wanted: readonly FactsWanted[]): Promise<SubmitFacts[]> {
	const asked = JSON.stringify(wanted.map((w, i) => ({ i, ...w })));
	const { rows } = await sql<FactsRow & { i: number }>`
		select w.i, ${prisonSelect},
			(select jsonb_build_object('deviceId', r.device_id, 'bodyHash', r.body_hash) from visit_requests r where r.id = w."requestId") as existing,
			(select jsonb_agg(jsonb_build_object('weekday', t.weekday, 'start', t.start_time, 'end', t.end_time, 'capacity', t.capacity,
					'closedCapacity', t.closed_capacity) order by t.weekday, t.start_time)
				from timetable_slots t where t.prison_id = p.id) as timetable,
			(select jsonb_agg(jsonb_build_object('date', c.date, 'start', c.start_time, 'reason', c.reason) order by c.date)
				from closures c where c.prison_id = p.id and c.date between w."from" and w."to") as closures,
			(select jsonb_agg(jsonb_build_object('date', u.date, 'start', u.start_time, 'booked', u.booked))
				from slot_usage u where u.prison_id = p.id and u.date between w."from" and w."to" and u.booked > 0) as usage
		from jsonb_to_recordset(${asked}::jsonb) as w(i int, "requestId" uuid, "prisonId" uuid, "from" date, "to" date)
		left join prisons p on p.id = w."prisonId"
		order by w.i`.execute(db);
	return rows.map(factsOf);
}

function factsOf(row: FactsRow): SubmitFacts {
	const prison = row.id === null ? null : (Object.fromEntries(PRISON_COLUMNS.map((c) => [c, row[c]])) as unknown as PrisonRecord);
	return {
		existing: row.existing,
		prison,
		timetable: (row.timetable ?? []).map((t) => ({
			weekday: t.weekday,
			start: t.start,
			end: t.end,
			capacity: t.capacity,
			...(t.closedCapacity > 0 ? { closedCapacity: t.closedCapacity } : {})
		})),
		closures: (row.closures ?? []).map((c) =>
			c.start === null ? { date: c.date, reason: c.reason } : { date: c.date, start: c.start, reason: c.reason }
		),
		usage: new Map((row.usage ?? []).map((u) => [slotUsageKey(u.date, u.start), u.booked]))
	};
}

export interface NewRequestRow {
	request: Omit<RequestRow, 'excludedVisitors' | 'rejectionReasons' | 'createdAt' | 'updatedAt' | 'decidedAt' | 'calendarSequence'> & {
		language: string;
		/** The family's chosen channels, comma-separated; null when they made no choice. */
		channels: string | null;
		messageLanguage: string | null;
		createdAt: Date;
		updatedAt: Date;
	};
	visitors: (VisitorRow & { position: number })[];
	slots: (SlotRow & { preference: number })[];
	/** Staff push payloads by the browser's language (the reference is in them). */
	staffPush: Record<string, string>;
	pushTtlSeconds: number;
	/** Queue the visitor's "request sent" email and text (messages/notices.ts's contactChannels decides). */
	email: boolean;
	sms: boolean;
}

export interface InsertedRequest {
	row: RequestRow;
	visitors: VisitorRow[];
	slots: SlotRow[];
	/** Deliveries queued: staff pushes, the visitor's email and text. */
	queued: number;
	/** pg_current_xact_id() of the (committed) statement: what the workers' wake-ups carry. */
	xid: string;
}

/**
 * Stores a new request, its visitors and chosen slots, the state change that records it, a
 * push for every staff browser opted in to the prison's new requests (in its language) and the
 * visitor's email and text, and announces them to the workers (NOTIFY, delivered at commit). One
 * statement, so all of it commits or none. The request insert takes no conflict target: a clash on
 * the id (a replay racing us) or on the reference (a rare random collision) stores nothing at all,
 * and the answer is undefined; the caller tells which it was.
 */
/**
 * Inserts many requests in one statement (group commit): each answered on its own,
 * in the order given. A request whose id came twice is stored once (the later copies answer
 * undefined, as a replay racing us would).
 */
export async function insertRequests(db: Kysely<Database>, inputs: readonly NewRequestRow[]): Promise<(InsertedRequest | undefined)[]> {
	const seen = new Set<string>();
	const rows = inputs.flatMap((input, i) => {
		const r = input.request;
		if (seen.has(r.id)) return [];
		seen.add(r.id);
		return [
			{
				i,
				id: r.id,
				prisonId: r.prisonId,
				deviceId: r.deviceId,
				reference: r.reference,
				status: r.status,
				bodyHash: r.bodyHash,
				language: r.language,
				prisonerFirstName: r.prisonerFirstName,
				prisonerLastName: r.prisonerLastName,
				prisonerDateOfBirth: r.prisonerDateOfBirth,
				prisonerNumber: r.prisonerNumber,
				additionalSupport: r.additionalSupport,
				firstDate: r.firstDate,
				reviewCodes: r.reviewCodes,
				createdAt: r.createdAt,
				updatedAt: r.updatedAt,
				channels: r.channels,
				messageLanguage: r.messageLanguage,
				visitors: input.visitors,
				slots: input.slots,
				staffPush: input.staffPush,
				pushTtlSeconds: input.pushTtlSeconds,
				email: input.email,
				sms: input.sms
			}
		];
	});
	const { rows: stored } = await sql<
		Record<string, unknown> & {
			visitorRows: (VisitorRow & { position: number })[] | null;
			slotRows: SlotRow[] | null;
			queued: number;
			announced: number;
			xid: string;
		}
	>`
		with input as (
			select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as w(i int, id uuid, "prisonId" uuid, "deviceId" uuid, reference text,
				status text, "bodyHash" text, language text, "prisonerFirstName" text, "prisonerLastName" text, "prisonerDateOfBirth" date,
				"prisonerNumber" text, "additionalSupport" text, "firstDate" date, "reviewCodes" jsonb, "createdAt" timestamptz,
				"updatedAt" timestamptz, channels text, "messageLanguage" text, visitors jsonb, slots jsonb, "staffPush" jsonb,
				"pushTtlSeconds" int, email boolean, sms boolean)
		),
		req as (
			insert into visit_requests (id, prison_id, device_id, reference, status, body_hash, language, prisoner_first_name, prisoner_last_name,
				prisoner_date_of_birth, prisoner_number, additional_support, first_date, review_codes, created_at, updated_at, channels, message_language)
			select id, "prisonId", "deviceId", reference, status, "bodyHash", language, "prisonerFirstName", "prisonerLastName",
				"prisonerDateOfBirth", "prisonerNumber", "additionalSupport", "firstDate", "reviewCodes", "createdAt", "updatedAt", channels, "messageLanguage"
			-- In id order: two statements that share an id (a phone's retry) wait for each other in one order, never deadlock.
			from input order by id
			on conflict do nothing
			returning ${requestReturning}
		),
		stored as (select input.* from input join req on req.id = input.id),
		visitors as (
			insert into request_visitors (request_id, position, first_name, last_name, date_of_birth, email, phone)
			select stored.id, v."position", v."firstName", v."lastName", v."dateOfBirth", v.email, v.phone
			from stored, jsonb_to_recordset(stored.visitors) as v("position" int, "firstName" text, "lastName" text, "dateOfBirth" date, email text, phone text)
			returning request_id, position, first_name, last_name, date_of_birth, email, phone
		),
		slots as (
			insert into request_slots (request_id, preference, date, start_time)
			select stored.id, s.preference, s.date, s."startTime"
			from stored, jsonb_to_recordset(stored.slots) as s(preference int, date date, "startTime" text)
			returning request_id, preference, date, start_time
		),
		changed as (
			insert into state_changes (request_id, from_status, to_status, actor_type, actor_id, actor_name, at)
			select stored.id, null, stored.status, 'device', stored."deviceId"::text, null, stored."createdAt" from stored
		),
		staff_push as (
			insert into deliveries (channel, kind, language, subscription_id, payload, ttl)
			select 'push', 'requested', s.language, s.id, (stored."staffPush" ->> s.language)::jsonb, stored."pushTtlSeconds"
			from stored
			join push_subscriptions s on s.prison_id = stored."prisonId"
			join staff_prisons sp on sp.staff_id = s.staff_id and sp.prison_id = s.prison_id
			where stored."staffPush" ? s.language
			returning 1
		),
		told as (
			insert into deliveries (request_id, channel, kind, language, next_attempt_at, created_at)
			select stored.id, c.channel, 'sent', coalesce(stored."messageLanguage", stored.language), stored."createdAt", stored."createdAt"
			from stored, lateral (values ('email', stored.email), ('sms', stored.sms)) as c(channel, wanted)
			where c.wanted
			returning 1
		),
		notified as (select pg_notify(${DELIVERIES_CHANNEL}, '') from (select 1 from staff_push union all select 1 from told) as queued limit 1)
		select req.*,
			(select jsonb_agg(jsonb_build_object('position', v.position, 'firstName', v.first_name, 'lastName', v.last_name,
				'dateOfBirth', v.date_of_birth, 'email', v.email, 'phone', v.phone) order by v.position) from visitors v where v.request_id = req.id) as visitor_rows,
			(select jsonb_agg(jsonb_build_object('date', s.date, 'startTime', s.start_time) order by s.preference) from slots s where s.request_id = req.id) as slot_rows,
			-- For the whole statement: one wake-up (with its xid) serves every request in it.
			(select count(*) from staff_push) + (select count(*) from told) as queued,
			-- Selected so the NOTIFY runs (a SELECT in WITH runs only when something reads it).
			(select count(*) from notified) as announced,
			pg_current_xact_id()::text as xid
		from req`.execute(db);
	const byId = new Map<string, InsertedRequest>();
	for (const row of stored) {
		const { visitorRows, slotRows, queued, announced: _announced, xid, ...request } = row;
		const inserted = {
			row: request as unknown as RequestRow,
			visitors: visitorRows ?? [],
			slots: slotRows ?? [],
			queued: Number(queued),
			xid
		};
		byId.set(inserted.row.id, inserted);
	}
	const answered = new Set<string>();
	return inputs.map((input) => {
		const id = input.request.id;
		if (answered.has(id)) return undefined;
		answered.add(id);
		return byId.get(id);
	});
}
