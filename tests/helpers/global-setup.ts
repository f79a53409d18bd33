import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';

declare module 'vitest' {
	export interface ProvidedContext {
		/**
		 * A migrated, empty PGlite data folder saved as a tarball; every PGlite test database starts from
		 * it. Empty when DATABASE_URL is set (tests use PostgreSQL then).
		 */
		pgliteTemplate: string;
	}
}

/** Runs once before the whole suite: one PGlite initdb and migration (5–15 s), shared by every test file. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const folder = await mkdtemp(join(tmpdir(), 'bpv-template-'));
	let templatePath = '';
	if (!process.env.DATABASE_URL) {
		templatePath = join(folder, 'pglite-template.tar');
		const { db, pglite, close } = await openDatabase({ dataDir: 'memory://' });
		await migrateToLatest(db);
		const dump = await pglite!.dumpDataDir('none');
		await writeFile(templatePath, Buffer.from(await dump.arrayBuffer()));
		await close();
	}
	project.provide('pgliteTemplate', templatePath);
	return async () => {
		await rm(folder, { recursive: true, force: true });
	};
}
