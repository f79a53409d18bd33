import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';

export interface TestDatabase extends OpenDatabase {
	/** The database's own URL on PostgreSQL, to start a server process against it. */
	url?: string;
}

/**
 * A fresh, migrated, empty database for one test file: its own database on the PostgreSQL
 * server named by DATABASE_URL, or an in-memory PGlite started from the migrated template that
 * global-setup.ts made once (a fresh PGlite initdb costs seconds).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
	const serverUrl = process.env.DATABASE_URL;
	if (serverUrl) {
		const name = `bpv_t_${randomBytes(6).toString('hex')}`;
		await adminQuery(serverUrl, `create database ${name}`);
		const url = withDatabase(serverUrl, name);
		const opened = await openDatabase({ databaseUrl: url });
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
	const template = await readFile(inject('pgliteTemplate'));
	const opened = await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([template]) });
	await migrateToLatest(opened.db);
	return opened;
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
