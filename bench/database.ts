// A fresh database for one bench run (a new PostgreSQL database, or a PGlite folder in /tmp) and
// the fixture the scenarios use, written straight into it before the server starts.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { hashPassword } from '../server/auth/passwords';
import { sha256Hex } from '../server/auth/tokens';
import { openDatabase, type OpenDatabase } from '../server/db/database';
import { insertPrison } from '../server/db/insert-prison';
import { migrateToLatest } from '../server/db/migrate';
import { ROCHESTER } from '../server/demo-prison';

export interface BenchDatabase {
	kind: 'postgres' | 'pglite';
	/** What the server process needs to open the same database. */
	serverEnv: Record<string, string>;
	/** Opens it in this process. PGlite: only while no server process has it open. */
	open(): Promise<OpenDatabase>;
	drop(): Promise<void>;
}

/**
 * PGlite: `template` is a migrated, empty data folder as a tarball (PGlite's dumpDataDir); starting
 * from it skips initdb, which takes 5–7 s on a quiet machine and several times that on a busy one.
 */
export async function createBenchDatabase(serverUrl: string | undefined, template?: Blob): Promise<BenchDatabase> {
	if (serverUrl) {
		const name = `bpv_bench_${randomBytes(5).toString('hex')}`;
		await adminQuery(serverUrl, `create database ${name}`);
		const url = new URL(serverUrl);
		url.pathname = `/${name}`;
		const databaseUrl = url.toString();
		return {
			kind: 'postgres',
			serverEnv: { DATABASE_URL: databaseUrl },
			open: () => openDatabase({ databaseUrl, maxConnections: 10 }),
			drop: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`)
		};
	}
	const folder = await mkdtemp(path.join(tmpdir(), 'bpv-bench-'));
	const dataDir = path.join(folder, 'data');
	// Only the first open loads the template: PGlite refuses to load one over an existing database.
	let loadDataDir = template;
	return {
		kind: 'pglite',
		serverEnv: { DATA_DIR: dataDir },
		open: () => {
			const opening = openDatabase({ dataDir, ...(loadDataDir ? { loadDataDir } : {}) });
			loadDataDir = undefined;
			return opening;
		},
		drop: () => rm(folder, { recursive: true, force: true })
	};
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

export interface Fixture {
	/** HMP Rochester's timetable: the calendar and the submit load. */
	calendarPrisonId: string;
	/** Every day 14:00–16:00 for 10: the confirm contention scenario. */
	confirmPrisonId: string;
	/** Rochester's timetable again, so the storm's rows can be counted on their own. */
	stormPrisonId: string;
	staff: { email: string; password: string };
	/** Devices already registered, as phones that have used the service before. */
	deviceSecrets: string[];
}

export const CONFIRM_CAPACITY = 10;

/** PGlite: the migrated, empty database as a template for the bench's other databases. */
export async function pgliteTemplate(open: OpenDatabase): Promise<Blob | undefined> {
	if (!open.pglite) return undefined;
	await migrateToLatest(open.db);
	return open.pglite.dumpDataDir('none');
}

export async function seedFixture(open: OpenDatabase, devices: number): Promise<Fixture> {
	const { db } = open;
	await migrateToLatest(db);
	const calendarPrisonId = await insertPrison(db, { ...ROCHESTER, bookingMode: 'request', code: 'BCAL', name: 'HMP Bench Calendar' });
	const stormPrisonId = await insertPrison(db, { ...ROCHESTER, bookingMode: 'request', code: 'BSTM', name: 'HMP Bench Storm' });
	const confirmPrisonId = await insertPrison(db, {
		...ROCHESTER,
		// Staff confirm these: the bench measures the confirm race, so nothing books at once.
		bookingMode: 'request',
		code: 'BCON',
		name: 'HMP Bench Confirm',
		timetable: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '14:00', end: '16:00', capacity: CONFIRM_CAPACITY }))
	});

	const staff = { email: 'bench@prison.example', password: randomBytes(12).toString('base64url') };
	const { id: staffId } = await db
		.insertInto('staffUsers')
		.values({ email: staff.email, name: 'Bench Officer', passwordHash: await hashPassword(staff.password) })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db.insertInto('staffPrisons').values({ staffId, prisonId: confirmPrisonId }).execute();

	const deviceSecrets = Array.from({ length: devices }, () => randomBytes(32).toString('base64url'));
	for (let i = 0; i < deviceSecrets.length; i += 500) {
		await db
			.insertInto('visitorDevices')
			.values(deviceSecrets.slice(i, i + 500).map((secret) => ({ secretHash: sha256Hex(secret) })))
			.execute();
	}
	return { calendarPrisonId, confirmPrisonId, stormPrisonId, staff, deviceSecrets };
}
