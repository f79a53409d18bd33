// How the calendar query copes as the database grows: its p99, uncached, with 10 thousand and with
// 1 million visit requests, bulk-loaded in SQL across a hundred prisons and two years of dates.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/db/schema';
import { insertPrison } from '../../server/db/insert-prison';
import { ROCHESTER } from '../../server/demo-prison';
import { createCalendarService } from '../../server/prisons/calendar';
import { prisonReport } from '../../server/reports/report';
import { addDays, todayIn } from '../../src/lib/shared/rules/dates';
import { calendarRange } from '../visit-request';

export interface GrowthStage {
	requests: number;
	p99Ms: number;
	p50Ms: number;
	loadSeconds: number;
}

const PRISONS = 100;
const DEVICES = 2_000;
const BATCH = 100_000;
const BLOCKS = 7;
const PER_BLOCK = 200;

/** The measured prison (Rochester's timetable) and 99 others like it; returns the measured one's id. */
export async function seedGrowth(db: Kysely<Database>): Promise<string> {
	const prisonId = await insertPrison(db, { ...ROCHESTER, code: 'GROW', name: 'HMP Growth' });
	await sql`insert into prisons (code, name, address)
		select 'G' || lpad(g::text, 3, '0'), 'HMP Growth ' || g, 'Somewhere' from generate_series(1, ${PRISONS - 1}) g`.execute(db);
	await sql`insert into timetable_slots (prison_id, weekday, start_time, end_time, capacity)
		select p.id, w, '14:00', '16:00', 20 from prisons p cross join generate_series(1, 7) w where p.code <> 'GROW'`.execute(db);
	await sql`insert into visitor_devices (secret_hash) select 'growth-' || g from generate_series(1, ${DEVICES}) g`.execute(db);
	return prisonId;
}

/** Adds visit requests (and their chosen slots and booked-place counters) until there are `target`. */
export async function growTo(db: Kysely<Database>, target: number): Promise<number> {
	const started = performance.now();
	const { rows } = await sql<{ n: number }>`select count(*)::int as n from visit_requests`.execute(db);
	// The usual bulk-load move: secondary indexes are dropped and built again afterwards (a sorted
	// build is far quicker than a million random inserts). Same indexes, same definitions, after.
	const { rows: secondary } = await sql<{ name: string; definition: string }>`
		select i.indexname as name, i.indexdef as definition from pg_indexes i
		where i.schemaname = current_schema() and i.tablename in ('visit_requests', 'request_slots')
		and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db);
	for (const index of secondary) await sql`drop index ${sql.id(index.name)}`.execute(db);
	for (let from = (rows[0]?.n ?? 0) + 1; from <= target; from += BATCH) {
		const to = Math.min(target, from + BATCH - 1);
		// Request g goes to prison g mod 100 on day (g div 100) mod 730 from a year ago: every prison
		// gets every date; a third are booked.
		await sql`
			with p as (select array_agg(id order by code) as ids from prisons),
			d as (select array_agg(id) as ids from visitor_devices where secret_hash like 'growth-%'),
			inserted as (
				insert into visit_requests (id, prison_id, device_id, reference, status, body_hash,
					prisoner_first_name, prisoner_last_name, prisoner_date_of_birth, prisoner_number,
					first_date, booked_date, booked_start, created_at, updated_at)
				select gen_random_uuid(), p.ids[1 + g % ${PRISONS}], d.ids[1 + g % ${DEVICES}], 'GROWTH-' || g,
					case g % 3 when 0 then 'booked' when 1 then 'requested' else 'rejected' end,
					md5(g::text), 'Ada', 'Lovelace', date '1990-05-01', 'A1234BC',
					current_date - 365 + ((g / ${PRISONS}) % 730),
					case when g % 3 = 0 then current_date - 365 + ((g / ${PRISONS}) % 730) end,
					case when g % 3 = 0 then '14:00' end,
					now(), now()
				from generate_series(${from}::int, ${to}::int) g, p, d
				returning id, first_date
			)
			insert into request_slots (request_id, preference, date, start_time)
			select id, 1, first_date, '14:00' from inserted`.execute(db);
	}
	for (const index of secondary) await sql.raw(index.definition).execute(db);
	await sql`insert into slot_usage (prison_id, date, start_time, booked)
		select prison_id, booked_date, booked_start, count(*)::int from visit_requests
		where status = 'booked' group by prison_id, booked_date, booked_start
		on conflict (prison_id, date, start_time) do update set booked = excluded.booked`.execute(db);
	await sql`analyze`.execute(db);
	return (performance.now() - started) / 1000;
}

/**
 * The calendar computed from the database every time (the cache is cleared before each call), as
 * the server does after any write, on the small and the large database in turn: blocks of calls
 * alternate between them so a disturbed moment on a shared machine hits both alike. Each side's
 * figure is the median over its blocks of the block's p50 and p99.
 */
export async function measureSideBySide(sides: { db: Kysely<Database>; prisonId: string }[]): Promise<{ p50Ms: number; p99Ms: number }[]> {
	const { from, to } = calendarRange();
	const timers = sides.map(({ db, prisonId }) => {
		const service = createCalendarService(db);
		return async () => {
			service.clear();
			const started = performance.now();
			const answer = await service.get(prisonId, from, to, new Date());
			if (answer?.calendar.days.length !== 28) throw new Error('growth: the calendar did not come back');
			return performance.now() - started;
		};
	});
	for (const timed of timers) for (let i = 0; i < 50; i += 1) await timed();
	const blocks = timers.map(() => ({ p50: [] as number[], p99: [] as number[] }));
	for (let block = 0; block < BLOCKS; block += 1) {
		for (const [side, timed] of timers.entries()) {
			const times: number[] = [];
			for (let i = 0; i < PER_BLOCK; i += 1) times.push(await timed());
			blocks[side]!.p50.push(percentile(times, 50));
			blocks[side]!.p99.push(percentile(times, 99));
		}
	}
	return blocks.map((b) => ({ p50Ms: percentile(b.p50, 50), p99Ms: percentile(b.p99, 50) }));
}

/**
 * The staff report (server/reports/report.ts) for the measured prison over the last 28 days, on
 * each side: every request of the growth load was made today, so at 1M the range holds that
 * prison's 10,000 requests, the heavy case. Blocks alternate between the sides as above.
 */
export async function measureReport(sides: { db: Kysely<Database>; prisonId: string }[]): Promise<{ p50Ms: number; p99Ms: number }[]> {
	const to = todayIn('Europe/London', new Date());
	const from = addDays(to, -27);
	const timers = sides.map(({ db, prisonId }) => async () => {
		const started = performance.now();
		const report = await prisonReport(db, prisonId, from, to);
		if (report.days.length !== 28) throw new Error('growth: the report did not come back');
		return performance.now() - started;
	});
	for (const timed of timers) for (let i = 0; i < 5; i += 1) await timed();
	const blocks = timers.map(() => ({ p50: [] as number[], p99: [] as number[] }));
	for (let block = 0; block < 3; block += 1) {
		for (const [side, timed] of timers.entries()) {
			const times: number[] = [];
			for (let i = 0; i < 20; i += 1) times.push(await timed());
			blocks[side]!.p50.push(percentile(times, 50));
			blocks[side]!.p99.push(percentile(times, 99));
		}
	}
	return blocks.map((b) => ({ p50Ms: percentile(b.p50, 50), p99Ms: percentile(b.p99, 50) }));
}

/** The plan PostgreSQL picks for the calendar's booked-places read: it must be an index scan. */
export async function usagePlan(db: Kysely<Database>, prisonId: string): Promise<string> {
	const { from, to } = calendarRange();
	const { rows } = await sql<{ 'QUERY PLAN': unknown }>`explain (format json)
		select date, start_time, booked from slot_usage
		where prison_id = ${prisonId} and date >= ${from} and date <= ${to} and booked > 0`.execute(db);
	const plan = JSON.stringify(rows[0]?.['QUERY PLAN'] ?? '');
	const nodes = [...plan.matchAll(/"Node Type":"([^"]+)"/g)].map((m) => m[1]);
	const indexes = [...plan.matchAll(/"Index Name":"([^"]+)"/g)].map((m) => m[1]);
	return `${nodes.join(' > ')}${indexes.length ? ` (${indexes.join(', ')})` : ''}`;
}

export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank]!;
}
