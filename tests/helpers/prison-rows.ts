// Every visit request row one prison holds, with its visitors and slots: "stored exactly once"
// has to count these, not rows by an id (a primary key can never hold two).
import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema';

export interface PrisonRequestRows {
	requests: { id: string; reference: string; status: string }[];
	visitors: number;
	slots: number;
}

/** The prison's requests (and their visitors and slots), leaving out `except` (ones a test made itself through the API). */
export async function prisonRequestRows(
	db: Kysely<Database>,
	prisonId: string,
	except: readonly string[] = []
): Promise<PrisonRequestRows> {
	const ofPrison = () => {
		const query = db.selectFrom('visitRequests').where('prisonId', '=', prisonId);
		return except.length > 0 ? query.where('id', 'not in', except) : query;
	};
	const requests = await ofPrison().select(['id', 'reference', 'status']).orderBy('id').execute();
	const ids = ofPrison().select('id');
	const visitors = await db
		.selectFrom('requestVisitors')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('requestId', 'in', ids)
		.executeTakeFirstOrThrow();
	const slots = await db
		.selectFrom('requestSlots')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('requestId', 'in', ids)
		.executeTakeFirstOrThrow();
	return { requests, visitors: Number(visitors.n), slots: Number(slots.n) };
}
