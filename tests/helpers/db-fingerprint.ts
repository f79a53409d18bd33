// A fingerprint of everything the database holds, to prove that a refused call wrote nothing.
// One query: an md5 of every row's text, table by table. Both PostgreSQL and PGlite understand it.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/db/schema';

/**
 * Every table the migrations made, read from the database itself so a new table is never left
 * out (the migrator's own tables are), except rate_limits: its counters are not data, and a
 * refused call is meant to spend a token.
 */
export async function allTables(db: Kysely<Database>): Promise<string[]> {
	const { rows } = await sql<{ name: string }>`
		select table_name as name from information_schema.tables
		where table_schema = current_schema() and table_type = 'BASE TABLE'
			and table_name not like 'kysely_%' and table_name <> 'rate_limits'
		order by table_name`.execute(db);
	const names = rows.map((r) => r.name);
	// An empty list would make every "nothing written" and "nothing kept" check pass by reading nothing.
	if (!names.includes('visit_requests')) throw new Error(`No app tables in the current schema: ${names.join(', ')}`);
	return names;
}

export type Fingerprint = Record<string, string>;

/** Each table's row count and an md5 of its rows, e.g. { visit_requests: '3:9e10…' }. */
export async function fingerprint(db: Kysely<Database>, only?: readonly string[]): Promise<Fingerprint> {
	const tables = only ?? (await allTables(db));
	// Aliases by position: the CamelCasePlugin would rename snake_case result columns.
	const columns = tables.map(
		(table, i) =>
			sql`(select count(*)::text || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ${sql.table(table)} t) as ${sql.ref(`c${i}`)}`
	);
	const { rows } = await sql<Record<string, string>>`select ${sql.join(columns)}`.execute(db);
	const row = rows[0] ?? {};
	return Object.fromEntries(tables.map((table, i) => [table, row[`c${i}`] ?? '']));
}

/** Row counts of every table. */
export async function rowCounts(db: Kysely<Database>, tables: readonly string[]): Promise<Record<string, number>> {
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
