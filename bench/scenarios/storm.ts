// A reconnect storm: 1,000 phones, each with 10 requests queued while offline, all come back at
// once and drain their outboxes through the PWA's own sync code (Dexie over fake-indexeddb).
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import '../../src/lib/shared/i18n/all';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/db/schema';
import { BookAPrisonVisitDb } from '../../src/lib/client/db';
import { enqueueSubmit } from '../../src/lib/client/visitor-queue';
import { createSyncEngine, type SyncEngine } from '../../src/lib/client/sync';
import type { VisitRequestInput } from '../../src/lib/shared/schemas';
import { bookableDates, visitRequestBody } from '../visit-request';

export interface StormFigures {
	devices: number;
	perDevice: number;
	seconds: number;
	/** Items still queued when the time limit ran out (0 when drained). */
	undrained: number;
	/** Sends the engines had to retry (timeouts, 5xx, 429). */
	retries: number;
}

// Keeps the whole bench inside its 10 minutes on a busy machine; what is left is reported as undrained.
const GIVE_UP_MS = 150_000;

export async function runStorm(serverUrl: string, prisonId: string, devices = 1000, perDevice = 10): Promise<StormFigures> {
	const dates = bookableDates();
	const indexedDB = new IDBFactory();
	const phones: { db: BookAPrisonVisitDb; engine: SyncEngine }[] = [];
	for (let d = 0; d < devices; d += 1) {
		const db = new BookAPrisonVisitDb(`storm-${d}`, { indexedDB, IDBKeyRange });
		for (let r = 0; r < perDevice; r += 1) {
			// The marker lets the check find a request stored twice under two ids.
			const body = visitRequestBody(prisonId, [{ date: dates[(d + r) % dates.length]!, start: '14:00' }], {
				additionalSupport: `storm ${d}/${r}`
			});
			await enqueueSubmit(db, body as VisitRequestInput);
		}
		// locks: null as in a browser without Web Locks: each item is leased in IndexedDB instead.
		phones.push({ db, engine: createSyncEngine({ db, fetch: (input, init) => fetch(input, init), baseUrl: serverUrl, locks: null }) });
	}

	const started = performance.now();
	const deadline = started + GIVE_UP_MS;
	let retries = 0;
	let open = phones;
	while (open.length > 0 && performance.now() < deadline) {
		const round = Promise.all(open.map(({ engine }) => engine.syncNow()));
		// A phone waits up to 30 s for each answer, so a round can outlast the deadline on its own.
		const summaries = await Promise.race([round, sleep(deadline - performance.now()).then(() => null)]);
		if (!summaries) {
			round.catch(() => undefined);
			break;
		}
		retries += summaries.reduce((sum, s) => sum + s.retrying, 0);
		const remaining = await Promise.all(open.map(({ db }) => db.outbox.where('state').anyOf('pending', 'sending').count()));
		open = open.filter((_, i) => remaining[i]! > 0);
		// Waiting items are due after their backoff; a phone's timer would wake it then.
		if (open.length > 0) await sleep(200);
	}
	const seconds = (performance.now() - started) / 1000;
	const undrained = (await Promise.all(open.map(({ db }) => db.outbox.where('state').anyOf('pending', 'sending').count()))).reduce(
		(sum, n) => sum + n,
		0
	);
	for (const { db } of phones) db.close();
	return { devices, perDevice, seconds, undrained, retries };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Rows the storm created, and how many of them store a request that was already stored. */
export async function stormRows(db: Kysely<Database>, prisonId: string): Promise<{ rows: number; duplicates: number }> {
	const { rows } = await sql<{ rows: number; distinct: number }>`
		select count(*)::int as rows, count(distinct additional_support)::int as distinct
		from visit_requests where prison_id = ${prisonId}`.execute(db);
	const row = rows[0] ?? { rows: 0, distinct: 0 };
	return { rows: row.rows, duplicates: row.rows - row.distinct };
}
