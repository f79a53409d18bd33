// Opens the project's database: PostgreSQL through a `pg` pool when a URL is given, otherwise an
// embedded PGlite under a data folder. Both give the same JS types (see schema.ts):
// date → 'YYYY-MM-DD' string, int8 (count(*), sum) and numeric → number, timestamptz → Date.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect';
import type { Database } from './schema';

export type DatabaseKind = 'postgres' | 'pglite';

export interface OpenDatabaseOptions {
	/** postgres://… ; when set, PostgreSQL is used and dataDir is ignored. */
	databaseUrl?: string;
	/** PGlite data folder (created with its parents), or 'memory://' for a throwaway in-memory database. */
	dataDir?: string;
	/** PGlite only: start from a dumpDataDir() tarball instead of running initdb (tests use this). */
	loadDataDir?: Blob;
	/** pg only: pool size (default 10). */
	maxConnections?: number;
	/** pg only: told about errors on idle pooled connections (e.g. the server restarted). */
	onPoolError?: (error: Error) => void;
}

export interface OpenDatabase {
	db: Kysely<Database>;
	kind: DatabaseKind;
	/** The PGlite instance when kind is 'pglite' (e.g. for dumpDataDir); never query it directly. */
	pglite?: PGlite;
	/** Waits for running queries, then closes the pool or the PGlite files. */
	close(): Promise<void>;
}

const OID = { int8: 20, date: 1082, numeric: 1700 } as const;

const keepText = (value: string): string => value;
const toNumber = (value: string | number): number => Number(value);

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenDatabase> {
	if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
	return openPGlite(options.dataDir ?? 'memory://', options.loadDataDir);
}

function openPostgres(connectionString: string, options: OpenDatabaseOptions): OpenDatabase {
	// Parsers on this pool only, not pg's global registry, so nothing else in the process changes.
	const typeParsers = {
		getTypeParser(oid: number, format?: 'text' | 'binary') {
			if (oid === OID.date) return keepText;
			if (oid === OID.int8 || oid === OID.numeric) return toNumber;
			// pg's typings overload on format; text is what the pool uses.
			return pg.types.getTypeParser(oid, format as 'text');
		}
	};
	const pool = new pg.Pool({
		connectionString,
		max: options.maxConnections ?? 10,
		types: typeParsers as pg.CustomTypesConfig
	});
	// Without a listener, an idle client's error (database restarted) would crash the process.
	pool.on('error', (error) => options.onPoolError?.(error));
	// pg-pool takes its own error listener off a client while it is lent out, so a connection that
	// drops between two queries of a transaction would raise an unhandled 'error' and crash the
	// server (found by tests/reliability/database-outage.test.ts). This one stays on every client;
	// the query in flight fails (503) and the pool discards the client when it comes back.
	pool.on('connect', (client) => {
		client.on('error', (error) => options.onPoolError?.(error));
	});
	const db = new Kysely<Database>({
		dialect: new PostgresDialect({ pool }),
		plugins: [new CamelCasePlugin()]
	});
	return { db, kind: 'postgres', close: () => db.destroy() };
}

async function openPGlite(dataDir: string, loadDataDir?: Blob): Promise<OpenDatabase> {
	const inMemory = dataDir.startsWith('memory://');
	if (!inMemory) await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
	// Durability: PGlite's Node file system writes straight to the files with write(2); relaxedDurability
	// stays false (the default) so every query waits for PGlite's syncToFs before resolving. PostgreSQL
	// inside PGlite runs with fsync off (`-F`, not configurable) and the Node FS layer has no fsync, so an
	// acknowledged commit is in the OS page cache: it survives the process being killed (SIGKILL, crash),
	// but not the machine losing power. Production deployments that need the latter use PostgreSQL.
	const pglite = await PGlite.create({
		dataDir: inMemory ? undefined : dataDir,
		relaxedDurability: false,
		...(loadDataDir ? { loadDataDir } : {}),
		parsers: {
			[pgliteTypes.DATE]: keepText,
			[pgliteTypes.INT8]: toNumber,
			[pgliteTypes.NUMERIC]: toNumber
		}
	});
	const db = new Kysely<Database>({
		dialect: new PGliteDialect(pglite),
		plugins: [new CamelCasePlugin()]
	});
	return { db, kind: 'pglite', pglite, close: () => db.destroy() };
}
