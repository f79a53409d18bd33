// The two statements of a visitor's submit (issue #17): one read of everything the rules need, and
// one statement that stores the request with everything that goes with it. Each is one round trip;
// the write is one statement, so it commits (or not) as a whole without BEGIN and COMMIT round trips.
import { sql, type Kysely } from 'kysely';
import type { SlotUsage } from '../../src/lib/shared/rules/calendar';
import { slotUsageKey } from '../../src/lib/shared/rules/calendar';
import type { LocalDate } from '../../src/lib/shared/rules/dates';
import type { Closure, TimetableSlot } from '../../src/lib/shared/types';
import type { Database } from '../db/schema';
import { EMAIL_CHANNEL } from '../lifecycle/notify';
import { PUSH_JOBS_CHANNEL } from '../push/jobs';
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

/**
 * The replay check, the prison and, for the chosen dates, its timetable, closures and booked
 * places: one statement, the lists aggregated as jsonb. The prison is left-joined so the replay
 * check answers even for a prison that does not exist.
 */
export async function readSubmitFacts(
	db: Kysely<Database>,
	requestId: string,
	prisonId: string,
	from: LocalDate,
	to: LocalDate
): Promise<SubmitFacts> {
	const { rows } = await sql<FactsRow>`
		select ${prisonSelect},
			(select jsonb_build_object('deviceId', r.device_id, 'bodyHash', r.body_hash) from visit_requests r where r.id = ${requestId}) as existing,
			(select jsonb_agg(jsonb_build_object('weekday', t.weekday, 'start', t.start_time, 'end', t.end_time, 'capacity', t.capacity,
					'closedCapacity', t.closed_capacity) order by t.weekday, t.start_time)
				from timetable_slots t where t.prison_id = p.id) as timetable,
			(select jsonb_agg(jsonb_build_object('date', c.date, 'start', c.start_time, 'reason', c.reason) order by c.date)
				from closures c where c.prison_id = p.id and c.date between ${from} and ${to}) as closures,
			(select jsonb_agg(jsonb_build_object('date', u.date, 'start', u.start_time, 'booked', u.booked))
				from slot_usage u where u.prison_id = p.id and u.date between ${from} and ${to} and u.booked > 0) as usage
		from (select 1) as one left join prisons p on p.id = ${prisonId}`.execute(db);
	const row = rows[0]!;
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
		createdAt: Date;
		updatedAt: Date;
	};
	visitors: (VisitorRow & { position: number })[];
	slots: (SlotRow & { preference: number })[];
	/** Staff push payloads by the browser's language (the reference is in them). */
	staffPush: Record<string, string>;
	pushTtlSeconds: number;
	/** Queue the visitor's "request sent" email (lifecycle/notify.ts decides). */
	email: boolean;
}

export interface InsertedRequest {
	row: RequestRow;
	visitors: VisitorRow[];
	slots: SlotRow[];
	pushed: number;
	emailed: number;
	/** pg_current_xact_id() of the (committed) statement: what the workers' wake-ups carry. */
	xid: string;
}

/**
 * Stores a new request, its visitors and chosen slots, the state change that records it, a push
 * job for every staff browser opted in to the prison's new requests (in its language) and the
 * visitor's email job, and announces the jobs to the workers (NOTIFY, delivered at commit). One
 * statement, so all of it commits or none. The request insert takes no conflict target: a clash on
 * the id (a replay racing us) or on the reference (a rare random collision) stores nothing at all,
 * and the answer is undefined; the caller tells which it was.
 */
export async function insertRequest(db: Kysely<Database>, input: NewRequestRow): Promise<InsertedRequest | undefined> {
	const r = input.request;
	const visitors = JSON.stringify(input.visitors);
	const slots = JSON.stringify(input.slots);
	const { rows } = await sql<
		Record<string, unknown> & {
			visitorRows: (VisitorRow & { position: number })[];
			slotRows: SlotRow[];
			pushed: number;
			emailed: number;
			announced: number;
			xid: string;
		}
	>`
		with req as (
			insert into visit_requests (id, prison_id, device_id, reference, status, body_hash, language, prisoner_first_name, prisoner_last_name,
				prisoner_date_of_birth, prisoner_number, additional_support, first_date, created_at, updated_at)
			values (${r.id}, ${r.prisonId}, ${r.deviceId}, ${r.reference}, ${r.status}, ${r.bodyHash}, ${r.language}, ${r.prisonerFirstName},
				${r.prisonerLastName}, ${r.prisonerDateOfBirth}, ${r.prisonerNumber}, ${r.additionalSupport}, ${r.firstDate}, ${r.createdAt}, ${r.updatedAt})
			on conflict do nothing
			returning ${requestReturning}
		),
		visitors as (
			insert into request_visitors (request_id, position, first_name, last_name, date_of_birth, email, phone)
			select req.id, v."position", v."firstName", v."lastName", v."dateOfBirth", v.email, v.phone
			from req, jsonb_to_recordset(${visitors}::jsonb) as v("position" int, "firstName" text, "lastName" text, "dateOfBirth" date, email text, phone text)
			returning position, first_name, last_name, date_of_birth, email, phone
		),
		slots as (
			insert into request_slots (request_id, preference, date, start_time)
			select req.id, s.preference, s.date, s."startTime"
			from req, jsonb_to_recordset(${slots}::jsonb) as s(preference int, date date, "startTime" text)
			returning preference, date, start_time
		),
		changed as (
			insert into state_changes (request_id, from_status, to_status, actor_type, actor_id, actor_name, at)
			select req.id, null, req.status, 'device', req.device_id::text, null, ${r.createdAt} from req
		),
		staff_push as (
			insert into push_jobs (id, subscription_id, payload, topic, ttl, urgency)
			select gen_random_uuid(), s.id, (${JSON.stringify(input.staffPush)}::jsonb ->> s.language)::jsonb, null, ${input.pushTtlSeconds}::int, 'normal'
			from req, push_subscriptions s
			join staff_prisons sp on sp.staff_id = s.staff_id and sp.prison_id = s.prison_id
			where s.prison_id = req.prison_id and ${JSON.stringify(input.staffPush)}::jsonb ? s.language
			returning 1
		),
		email as (
			insert into email_jobs (request_id, kind, locale, next_attempt_at, created_at)
			select req.id, 'sent', ${r.language}, ${r.createdAt}, ${r.createdAt} from req where ${input.email}::boolean
			returning 1
		),
		push_notified as (select pg_notify(${PUSH_JOBS_CHANNEL}, '') from staff_push limit 1),
		email_notified as (select pg_notify(${EMAIL_CHANNEL}, '') from email limit 1)
		select req.*,
			(select jsonb_agg(jsonb_build_object('position', v.position, 'firstName', v.first_name, 'lastName', v.last_name,
				'dateOfBirth', v.date_of_birth, 'email', v.email, 'phone', v.phone) order by v.position) from visitors v) as visitor_rows,
			(select jsonb_agg(jsonb_build_object('date', s.date, 'startTime', s.start_time) order by s.preference) from slots s) as slot_rows,
			(select count(*) from staff_push) as pushed,
			(select count(*) from email) as emailed,
			-- Selected so the NOTIFYs run (a SELECT in WITH runs only when something reads it).
			(select count(*) from push_notified) + (select count(*) from email_notified) as announced,
			pg_current_xact_id()::text as xid
		from req`.execute(db);
	const row = rows[0];
	if (!row) return undefined;
	const { visitorRows, slotRows, pushed, emailed, announced: _announced, xid, ...request } = row;
	return {
		row: request as unknown as RequestRow,
		visitors: visitorRows ?? [],
		slots: slotRows ?? [],
		pushed: Number(pushed),
		emailed: Number(emailed),
		xid
	};
}
