import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema';

/**
 * Polls `check` every 50 ms until it holds, for what the server's workers do after an answer
 * (pushes sent, emails delivered, jobs drained); fails naming `what` after `timeoutMs`.
 */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/**
 * Waits until no delivery in the outbox is waiting to be sent (queued or being sent) — every message
 * queued so far has reached its transport or failed. A test that checks "nothing more was sent" looks
 * after this instead of sleeping: whatever would be sent is in the table, and is now sent.
 */
export async function waitForOutboxSettled(db: Kysely<Database>, timeoutMs = 15_000): Promise<void> {
	await waitUntil(
		async () =>
			(await db.selectFrom('deliveries').select('id').where('status', 'in', ['queued', 'sending']).limit(1).execute()).length === 0,
		'the outbox to settle',
		timeoutMs
	);
}
