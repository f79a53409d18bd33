// A fingerprint of everything the database holds, to prove that a refused call wrote nothing.
// One query: an md5 of every row's text, table by table. Both PostgreSQL and PGlite understand it.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/db/schema';

/**
 * Every table of server/db/migrations (the migrator's own tables are left out), except
 * rate_limits: its counters are not data, and a refused call is meant to spend a token.
 */
export const ALL_TABLES = [
	'prisons',
	'timetable_slots',
	'closures',
	'visitor_devices',
	'visit_requests',
	'request_visitors',
	'request_slots',
	'slot_usage',
	'state_changes',
	'staff_users',
	'staff_prisons',
	'staff_sessions',
	'audit_log',
	'push_subscriptions',
	'push_jobs',
	'email_jobs',
	'app_settings',
	'prison_pass_keys',
	'visit_arrivals',
	'staff_password_tokens',
	'slot_closed_usage',
	'closed_bookings',
	'prisoner_closed_visits',
	'request_reads',
	'waitlist_entries'
] as const;
export type TableName = (typeof ALL_TABLES)[number];

export type Fingerprint = Record<TableName, string>;

/** Each table's row count and an md5 of its rows, e.g. { visit_requests: '3:9e10…' }. */
export async function fingerprint(db: Kysely<Database>, tables: readonly TableName[] = ALL_TABLES): Promise<Partial<Fingerprint>> {
	// Aliases by position: the CamelCasePlugin would rename snake_case result columns.
	const columns = tables.map(
		(table, i) =>
			sql`(select count(*)::text || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ${sql.table(table)} t) as ${sql.ref(`c${i}`)}`
	);
	const { rows } = await sql<Record<string, string>>`select ${sql.join(columns)}`.execute(db);
	const row = rows[0] ?? {};
	return Object.fromEntries(tables.map((table, i) => [table, row[`c${i}`] ?? ''])) as Partial<Fingerprint>;
}

/** Row counts of every table. */
export async function rowCounts(db: Kysely<Database>, tables: readonly TableName[] = ALL_TABLES): Promise<Record<string, number>> {
	const columns = tables.map((table, i) => sql`(select count(*)::int from ${sql.table(table)}) as ${sql.ref(`c${i}`)}`);
	const { rows } = await sql<Record<string, number>>`select ${sql.join(columns)}`.execute(db);
	const row = rows[0] ?? {};
	return Object.fromEntries(tables.map((table, i) => [table, Number(row[`c${i}`] ?? 0)]));
}

/**
 * The next transaction id the server will hand out. A committed write always takes one, so when
 * this has not moved nothing was written (a cheap check before a full fingerprint). On a shared
 * PostgreSQL server other databases' writes move it too: then compare fingerprints.
 */
export async function nextTransactionId(db: Kysely<Database>): Promise<string> {
	const { rows } = await sql<{ x: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as x`.execute(db);
	return rows[0]?.x ?? '';
}
