import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { hashPassword } from '../../server/auth/passwords';
import { openDatabase, type OpenDatabase } from '../../server/db/database';
import { startListening, type Notifications } from '../../server/db/listen';
import { silentLogger } from '../../server/log';
import { insertPrison, type PrisonWithTimetable } from '../../server/db/insert-prison';
import { migrateToLatest } from '../../server/db/migrate';
import type { Database } from '../../server/db/schema';
import { ROCHESTER } from '../../server/demo-prison';

export interface TestDatabase extends OpenDatabase {
	/** The database's own URL on PostgreSQL, to start a server process against it. */
	url?: string;
	/** PGlite: where its files are ('memory://' for the in-memory copy tests use). */
	dataDir?: string;
}

/**
 * A fresh, migrated, empty database for one test file: its own database on the PostgreSQL
 * server named by DATABASE_URL (or by `serverUrl`: a server the test runs itself), or an in-memory
 * PGlite started from the migrated template that global-setup.ts made once (a fresh PGlite
 * initdb costs seconds).
 */
export async function createTestDatabase(serverUrl: string | undefined = process.env.DATABASE_URL): Promise<TestDatabase> {
	if (serverUrl) {
		const name = `bpv_t_${randomBytes(6).toString('hex')}`;
		await adminQuery(serverUrl, `create database ${name}`);
		const url = withDatabase(serverUrl, name);
		const opened = await openDatabase({ databaseUrl: url, maxConnections: 5 });
		await migrateToLatest(opened.db);
		return {
			...opened,
			url,
			close: async () => {
				await opened.close();
				await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
			}
		};
	}
	const templatePath = inject('pgliteTemplate');
	const loadDataDir = templatePath ? new Blob([await readFile(templatePath)]) : undefined;
	const opened = await openDatabase({ dataDir: 'memory://', ...(loadDataDir ? { loadDataDir } : {}) });
	// A no-op on the template; it also covers migrations added since global setup ran.
	await migrateToLatest(opened.db);
	return { ...opened, dataDir: 'memory://' };
}

/**
 * A LISTEN connection on the test database, as a server process opens one (server/db/listen.ts):
 * its own connection on PostgreSQL (so two stand for two processes), the shared session on PGlite.
 */
export function listenOn(database: TestDatabase, options: { backoffMs?: number } = {}): Promise<Notifications> {
	const source = database.url
		? ({ kind: 'postgres', databaseUrl: database.url } as const)
		: ({ kind: 'pglite', pglite: database.pglite!, db: database.db } as const);
	return startListening(source, { logger: silentLogger(), ...options });
}

export function withDatabase(serverUrl: string, name: string): string {
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
	const client = new pg.Client({ connectionString: serverUrl });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

/**
 * A prison like HMP Rochester but in `request` mode (Mon–Sun 14:00–16:00 for 20, Sat 09:30–11:30 for 12); returns its id.
 * Codes are unique: pass { code } to seed a second prison in the same database.
 */
export async function seedTestPrison(db: Kysely<Database>, overrides: Partial<PrisonWithTimetable> = {}): Promise<string> {
	// Staff decide each request unless a test asks for { bookingMode: 'instant' } (the demo prison's mode).
	return insertPrison(db, { ...ROCHESTER, bookingMode: 'request', ...overrides });
}

export interface TestStaff {
	id: string;
	email: string;
	password: string;
	name: string;
}

/** A staff user who works at prisonIds, with a known password; admin: a prison administrator, serviceAdmin: a service administrator. */
export async function createTestStaff(
	db: Kysely<Database>,
	options: { email: string; password: string; prisonIds: string[]; name: string; admin?: boolean; serviceAdmin?: boolean }
): Promise<TestStaff> {
	const email = options.email.toLowerCase();
	const serviceAdmin = options.serviceAdmin ?? false;
	const admin = serviceAdmin || (options.admin ?? false);
	const { id } = await db
		.insertInto('staffUsers')
		.values({ email, name: options.name, passwordHash: await hashPassword(options.password), admin, serviceAdmin, wasAdmin: admin })
		.returning('id')
		.executeTakeFirstOrThrow();
	if (options.prisonIds.length > 0) {
		await db
			.insertInto('staffPrisons')
			.values(options.prisonIds.map((prisonId) => ({ staffId: id, prisonId })))
			.execute();
	}
	return { id, email, password: options.password, name: options.name };
}
