import { sql, type RawBuilder } from 'kysely';

/**
 * A value for a jsonb column. `pg` turns a JS array parameter into a Postgres array literal ('{1,2}'),
 * which jsonb rejects, so JSON goes over the wire as text and is cast on the server: the same on pg and PGlite.
 */
export function jsonb<T>(value: T): RawBuilder<T> {
	return sql<T>`cast(${JSON.stringify(value)} as jsonb)`;
}
