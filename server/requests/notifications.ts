import { LOCALES } from '../../src/lib/shared/i18n';
import { serialisePayload } from '../messages/push-deliveries';
import { newRequestPayload } from '../push/messages';

/**
 * After a visitor submits: what staff who opted in to this prison's new requests are told, per
 * staff browser language, serialised. The submit's one statement writes the jobs
 * (requests/submit-statements.ts), each browser getting its language's payload.
 */
export function staffPushPayloads(request: { id: string; reference: string }, prisonName: string): Record<string, string> {
	return Object.fromEntries(
		LOCALES.map((language) => [
			language,
			serialisePayload(newRequestPayload({ requestId: request.id, reference: request.reference, prisonName }, language))
		])
	);
}
