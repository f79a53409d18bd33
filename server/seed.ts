// Demo data for a fresh database: HMP Rochester and one staff user who works there, a service
// administrator (so the demo can add prisons, administrators and connected systems).
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Config } from './config';
import { hashPassword } from './auth/passwords';
import { insertPrison } from './db/insert-prison';
import type { Database } from './db/schema';
import { DEMO_STAFF, ROCHESTER } from './demo-prison';

// Any fixed number; it names this lock among the database's advisory locks.
const SEED_LOCK_KEY = 4_242_001;

export interface SeedResult {
	/** False when the database already had prisons or SEED=none. */
	seeded: boolean;
	prison?: { id: string; code: string; name: string };
	staff?: {
		email: string;
		/** Only when it was generated here and must be shown once; never when it came from the environment. */
		generatedPassword?: string;
	};
}

/** Seeds an EMPTY database (no prisons yet); a database with any prison is left alone. */
export async function seedDemoData(db: Kysely<Database>, config: Pick<Config, 'seed' | 'demoStaffPassword'>): Promise<SeedResult> {
	if (config.seed === 'none') return { seeded: false };

	const generatedPassword = config.demoStaffPassword ? undefined : randomBytes(12).toString('base64url');
	// Hash outside the transaction: it takes a while and PGlite runs one transaction at a time.
	const passwordHash = await hashPassword(config.demoStaffPassword ?? generatedPassword!);

	return db.transaction().execute(async (trx) => {
		// Several instances starting together: the lock makes the emptiness check and the inserts one step.
		await sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(trx);
		const existing = await trx.selectFrom('prisons').select('id').limit(1).executeTakeFirst();
		if (existing) return { seeded: false };

		const prisonId = await insertPrison(trx, ROCHESTER);
		const staff = await trx
			.insertInto('staffUsers')
			.values({ email: DEMO_STAFF.email, name: DEMO_STAFF.name, passwordHash, admin: true, serviceAdmin: true, wasAdmin: true })
			.onConflict((oc) => oc.column('email').doNothing())
			.returning('id')
			.executeTakeFirst();
		if (staff) await trx.insertInto('staffPrisons').values({ staffId: staff.id, prisonId }).execute();

		return {
			seeded: true,
			prison: { id: prisonId, code: ROCHESTER.code, name: ROCHESTER.name },
			staff: { email: DEMO_STAFF.email, ...(generatedPassword ? { generatedPassword } : {}) }
		};
	});
}
