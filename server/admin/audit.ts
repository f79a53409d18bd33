import type { Transaction } from 'kysely';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';

export interface AdminAction {
	staff: { id: string };
	now: Date;
}

/** Every administrator's change goes in the audit log with who, what and the values before and after. */
export async function auditAdmin(
	trx: Transaction<Database>,
	action: AdminAction,
	name: string,
	target: string,
	detail: Record<string, unknown>,
	prisonId: string | null = null
): Promise<void> {
	await trx
		.insertInto('auditLog')
		.values({ staffId: action.staff.id, prisonId, action: name, target, detail: jsonb(detail), at: action.now })
		.execute();
}
