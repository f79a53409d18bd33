// Facts from the prison's own system of record: integration clients (a token per client, stored as
// its sha256), the inbox of events applied (one row per event identity, written in the transaction
// that applies the event, so a second copy finds the row and changes nothing), the newest time each
// fact was applied at (so an event older than one already applied is not applied over it), where a
// prisoner is now, and which bans came from the prison's restrictions.
import { sql, type Kysely, type Migration } from 'kysely';

export const integrationEvents: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		for (const statement of [
			sql`create table integration_clients (
				id uuid primary key default gen_random_uuid(),
				name text not null,
				token_hash text not null unique,
				created_by uuid null references staff_users (id) on delete set null,
				created_at timestamptz not null default now(),
				revoked_at timestamptz null,
				last_used_at timestamptz null
			)`,
			sql`create table integration_events (
				identity text primary key,
				client_id uuid null references integration_clients (id) on delete set null,
				event_type text not null,
				occurred_at timestamptz not null,
				received_at timestamptz not null,
				-- 'applied', or 'stale' when a newer fact was already applied (nothing changed)
				outcome text not null check (outcome in ('applied', 'stale'))
			)`,
			sql`create table integration_facts (
				fact text primary key,
				occurred_at timestamptz not null
			)`,
			sql`create table prisoner_locations (
				prisoner_number text primary key,
				status text not null check (status in ('in', 'released')),
				prison_code text not null,
				reason text null,
				since timestamptz not null
			)`,
			sql`alter table prisoner_bans add column restriction_id text null`,
			sql`create unique index prisoner_bans_restriction_idx on prisoner_bans (prison_id, restriction_id) where restriction_id is not null`
		]) {
			await statement.execute(db);
		}
	},
	async down(db: Kysely<unknown>): Promise<void> {
		for (const statement of [
			sql`drop index if exists prisoner_bans_restriction_idx`,
			sql`alter table prisoner_bans drop column if exists restriction_id`,
			sql`drop table if exists prisoner_locations`,
			sql`drop table if exists integration_facts`,
			sql`drop table if exists integration_events`,
			sql`drop table if exists integration_clients`
		]) {
			await statement.execute(db);
		}
	}
};
