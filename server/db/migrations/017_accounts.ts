// Signing in (issue #29): visitors' GOV.UK One Login accounts, the phones linked to them, the
// visitors a signed-in family keeps to pick from, and the OpenID Connect sign-ins under way for
// visitors and staff (state, nonce and PKCE verifier, kept here rather than in a cookie so the
// browser holds only a random handle).
import { sql, type Kysely, type Migration } from 'kysely';

export const accounts: Migration = {
	async up(db: Kysely<unknown>): Promise<void> {
		await sql`
			create table accounts (
				id uuid primary key default gen_random_uuid(),
				-- sha256 of the issuer and the account's sub: the sub itself is never stored or logged.
				subject_hash text not null unique,
				created_at timestamptz not null default now(),
				last_sign_in_at timestamptz not null default now()
			)
		`.execute(db);
		// A device is linked to at most one account at a time (unlinked_at null); a row stays after
		// signing out, so what that phone booked stays with the account.
		await sql`
			create table account_devices (
				account_id uuid not null references accounts (id) on delete cascade,
				device_id uuid not null references visitor_devices (id) on delete cascade,
				linked_at timestamptz not null default now(),
				unlinked_at timestamptz null,
				primary key (account_id, device_id)
			)
		`.execute(db);
		await sql`create unique index account_devices_current_idx on account_devices (device_id) where unlinked_at is null`.execute(db);
		await sql`
			create table account_visitors (
				id uuid primary key default gen_random_uuid(),
				account_id uuid not null references accounts (id) on delete cascade,
				first_name text not null,
				last_name text not null,
				date_of_birth date not null,
				email text null,
				phone text null,
				created_at timestamptz not null default now(),
				updated_at timestamptz not null default now()
			)
		`.execute(db);
		await sql`create index account_visitors_account_idx on account_visitors (account_id)`.execute(db);
		await sql`
			create table oidc_sign_ins (
				-- sha256 of the random handle in the browser's short-lived cookie.
				handle_hash text primary key,
				kind text not null check (kind in ('staff', 'one-login')),
				state text not null,
				nonce text not null,
				code_verifier text not null,
				-- The phone that started a visitor's sign-in (through a one-time start token).
				device_id uuid null references visitor_devices (id) on delete cascade,
				language text not null default 'en',
				expires_at timestamptz not null
			)
		`.execute(db);
		// A visitor's sign-in is started by the app with its bearer (POST), then the browser goes to
		// the login URL with this one-time token: the bearer never appears in a URL.
		await sql`
			create table oidc_start_tokens (
				token_hash text primary key,
				device_id uuid not null references visitor_devices (id) on delete cascade,
				language text not null default 'en',
				expires_at timestamptz not null
			)
		`.execute(db);
	},
	async down(db: Kysely<unknown>): Promise<void> {
		await sql`drop table if exists oidc_start_tokens`.execute(db);
		await sql`drop table if exists oidc_sign_ins`.execute(db);
		await sql`drop table if exists account_visitors`.execute(db);
		await sql`drop table if exists account_devices`.execute(db);
		await sql`drop table if exists accounts`.execute(db);
	}
};
