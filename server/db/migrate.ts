import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import { migrations } from './migrations/index';

/**
 * Brings the schema up to date. Safe to run from several processes at once: Kysely's migrator takes a
 * lock in the database. Throws (with the failing migration's name) if one fails.
 */
// Any Kysely instance: the migrator works on the raw schema, not the typed tables.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
	// Numbers were handed out per feature, so a database may have run 008 before 004 arrives: allow it.
	const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
	const { error, results = [] } = await migrator.migrateToLatest();
	if (error) {
		const failed = results.find((result) => result.status === 'Error');
		throw new Error(`Database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
	}
	return results;
}
