// Rate-limit counters every server process shares (server/http/rate-limit.ts). One row
// per bucket; keys are hashes, so no email or address is stored. Unlogged on PostgreSQL: a crash
// may forget the counters, which only gives an attacker a fresh bucket once; writes are cheaper.
import { sql, type Kysely, type Migration } from 'kysely';

export const security: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`
			create unlogged table rate_limits (
				key text primary key,
				tokens double precision not null,
				updated_at timestamptz not null
			)
		`.execute(db);
		await sql`create index rate_limits_updated_at_idx on rate_limits (updated_at)`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`drop table if exists rate_limits`.execute(db);
	}
};
