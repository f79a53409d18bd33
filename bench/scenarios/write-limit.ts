// The write-limit yardstick: the rows one submit stores (a request, its 2 visitors, its
// 3 chosen slots, the state change, a push job), inserted in one transaction by a bare client on
// the same database: a `pg` pool of the server's size on PostgreSQL, a bare PGlite (the same
// durability setting as the server's) on the embedded run. No HTTP, no validation, no rules, no
// reads: what the database itself commits. Runs in a bench worker process, between control runs
// like every other subject, next to the submit runs; submit.limitRatio is submit rps over this.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely } from 'kysely';
import pg from 'pg';
import { insertPrison } from '../../server/db/insert-prison';
import { PGliteDialect } from '../../server/db/pglite-dialect';
import type { Database } from '../../server/db/schema';
import { ROCHESTER } from '../../server/demo-prison';
import { makeReference } from '../../src/lib/shared/rules/reference';
import type { LoadFigures } from '../load';
import type { LoadRun } from '../side-by-side';
import { bookableDates } from '../visit-request';

export interface WriteLimitTarget {
	/** PostgreSQL: the server's own database. */
	databaseUrl?: string;
	/** PGlite: a migrated template tarball to start a bare PGlite from (in its own folder). */
	pgliteTemplatePath?: string;
	pgliteDataDir?: string;
	/** Connections (PostgreSQL): the server's pool size. */
	connections: number;
}

type Query = (text: string, values: unknown[]) => Promise<unknown>;

interface Owners {
	prisonId: string;
	deviceIds: string[];
	subscriptionId: string;
}

/**
 * The yardstick's own owners of the rows: a prison with Rochester's timetable, devices, and a staff
 * browser subscribed to no prison (so the server's submits never queue pushes to it). Its push jobs
 * are written as already sent, so no push worker ever claims them.
 */
async function makeOwners(
	query: (text: string, values: unknown[]) => Promise<{ rows: { id: string }[] }>,
	prisonId: string
): Promise<Owners> {
	const devices = await query(
		`insert into visitor_devices (secret_hash) select md5(random()::text) from generate_series(1, 100) returning id`,
		[]
	);
	const [staff] = (
		await query(`insert into staff_users (email, name, password_hash) values ($1, 'Write limit', 'x') returning id`, [
			`write-limit-${randomUUID()}@bench.example`
		])
	).rows;
	const [subscription] = (
		await query(`insert into push_subscriptions (endpoint, p256dh, auth, staff_id) values ($1, 'bench', 'bench', $2) returning id`, [
			`https://fcm.googleapis.com/fcm/send/write-limit-${randomUUID()}`,
			staff!.id
		])
	).rows;
	return { prisonId, deviceIds: devices.rows.map((d) => d.id), subscriptionId: subscription!.id };
}

/** One submit's rows, in one transaction, as a plain client writes them: one insert per table. */
async function writeOne(query: Query, owners: Owners, dates: string[], n: number): Promise<void> {
	const id = randomUUID();
	const deviceId = owners.deviceIds[n % owners.deviceIds.length]!;
	const now = new Date();
	const chosen = [0, 1, 2].map((k) => dates[(n + k) % dates.length]!);
	await query('begin', []);
	await query(
		`insert into visit_requests (id, prison_id, device_id, reference, status, body_hash, language, prisoner_first_name, prisoner_last_name,
			prisoner_date_of_birth, prisoner_number, additional_support, first_date, created_at, updated_at)
		values ($1, $2, $3, $4, 'requested', $5, 'en', 'Ada', 'Lovelace', '1990-05-01', 'A1234BC', null, $6, $7, $7)`,
		[id, owners.prisonId, deviceId, makeReference((k) => randomBytes(k)), randomBytes(32).toString('hex'), chosen[0], now]
	);
	await query(
		`insert into request_visitors (request_id, position, first_name, last_name, date_of_birth, email, phone)
		values ($1, 0, 'Mary', 'Lovelace', '1965-02-03', 'mary@example.com', null), ($1, 1, 'Tom', 'Lovelace', '2015-07-09', null, null)`,
		[id]
	);
	await query(
		`insert into request_slots (request_id, preference, date, start_time) values ($1, 1, $2, '14:00'), ($1, 2, $3, '14:00'), ($1, 3, $4, '14:00')`,
		[id, ...chosen]
	);
	await query(
		`insert into state_changes (request_id, from_status, to_status, actor_type, actor_id, at) values ($1, null, 'requested', 'device', $2, $3)`,
		[id, deviceId, now]
	);
	await query(
		`insert into deliveries (channel, kind, subscription_id, payload, ttl, status) values ('push', 'requested', $1, $2::jsonb, 86400, 'sent')`,
		[
			owners.subscriptionId,
			JSON.stringify({
				requestId: id,
				status: 'requested',
				title: 'New visit request',
				body: 'A new request',
				url: `/staff/requests/${id}`
			})
		]
	);
	await query('commit', []);
}

/** Transactions per second for `seconds`, from `connections` loops at once (one on PGlite, a single session). */
async function measure(loops: number, seconds: number, one: (loop: number, n: number) => Promise<void>): Promise<LoadFigures> {
	const latencies: number[] = [];
	let errors = 0;
	let n = 0;
	const started = performance.now();
	const end = started + seconds * 1000;
	await Promise.all(
		Array.from({ length: loops }, async (_, loop) => {
			while (performance.now() < end) {
				const t0 = performance.now();
				try {
					await one(loop, n++);
					latencies.push(performance.now() - t0);
				} catch {
					errors += 1;
				}
			}
		})
	);
	const elapsed = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
	return {
		rps: latencies.length / elapsed,
		p50Ms: at(0.5),
		p99Ms: at(0.99),
		requests: latencies.length,
		errors,
		statuses: { committed: latencies.length }
	};
}

/** A load run (bench worker: `define`) that commits submits' rows as fast as the database takes them. */
export async function writeLimitLoad(target: WriteLimitTarget, prisonId: string | null): Promise<LoadRun> {
	const dates = bookableDates();
	if (target.databaseUrl) {
		const pool = new pg.Pool({ connectionString: target.databaseUrl, max: target.connections });
		const owners = await makeOwners((text, values) => pool.query(text, values), prisonId!);
		return async (seconds, warmupSeconds) => {
			const clients = await Promise.all(Array.from({ length: target.connections }, () => pool.connect()));
			try {
				const one = (loop: number, n: number) => writeOne((text, values) => clients[loop]!.query(text, values), owners, dates, n);
				if (warmupSeconds > 0) await measure(target.connections, warmupSeconds, one);
				return await measure(target.connections, seconds, one);
			} finally {
				for (const client of clients) client.release();
			}
		};
	}
	// PGlite: a bare instance of its own (the server's has its folder open), from the same migrated template.
	const template = new Blob([await readFile(target.pgliteTemplatePath!)]);
	const pglite = await PGlite.create({ dataDir: target.pgliteDataDir!, relaxedDurability: false, loadDataDir: template });
	const opened = await openDatabaseOver(pglite);
	const owners = await makeOwners((text, values) => pglite.query<{ id: string }>(text, values), opened);
	const one = (_loop: number, n: number) => writeOne((text, values) => pglite.query(text, values), owners, dates, n);
	return async (seconds, warmupSeconds) => {
		if (warmupSeconds > 0) await measure(1, warmupSeconds, one);
		return measure(1, seconds, one);
	};
}

/** The yardstick's prison in a bare PGlite (the app's own insert, through a Kysely over the same instance). */
async function openDatabaseOver(pglite: PGlite): Promise<string> {
	const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), plugins: [new CamelCasePlugin()] });
	return insertPrison(db, { ...ROCHESTER, code: 'BWLM', name: 'HMP Bench Write Limit' });
}

/** PGlite: the template written to a folder of its own, where the bare PGlite also keeps its data. */
export async function pgliteWriteLimitTarget(template: Blob | undefined, cleanups: (() => Promise<unknown>)[]): Promise<WriteLimitTarget> {
	if (!template) throw new Error('the write limit on PGlite needs the migrated template');
	const folder = await mkdtemp(path.join(tmpdir(), 'bpv-bench-write-limit-'));
	cleanups.push(() => rm(folder, { recursive: true, force: true }));
	const pgliteTemplatePath = path.join(folder, 'template.tar.gz');
	await writeFile(pgliteTemplatePath, Buffer.from(await template.arrayBuffer()));
	return { pgliteTemplatePath, pgliteDataDir: path.join(folder, 'data'), connections: 1 };
}
