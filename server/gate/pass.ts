import type { Kysely } from 'kysely';
import { signPass } from '../../src/lib/shared/gate/pass';
import type { VisitRequest } from '../../src/lib/shared/answers';
import type { Database } from '../db/schema';
import { prisonPassKey } from './keys';

/**
 * The visitor's answers carry a signed pass for each booked visit: `pass.code` is the QR code's
 * text (src/lib/shared/gate/pass.ts). Other requests get `pass: null`.
 */
export async function withPasses(db: Kysely<Database>, requests: VisitRequest[]): Promise<VisitRequest[]> {
	return Promise.all(requests.map((request) => withPass(db, request)));
}

export async function withPass(db: Kysely<Database>, request: VisitRequest): Promise<VisitRequest> {
	if (request.status !== 'booked' || !request.bookedSlot) return { ...request, pass: null };
	const key = await prisonPassKey(db, request.prisonId);
	const code = await signPass(
		{
			requestId: request.id,
			reference: request.reference,
			prisonId: request.prisonId,
			date: request.bookedSlot.date,
			start: request.bookedSlot.start
		},
		key.privateKey
	);
	return { ...request, pass: { code } };
}
