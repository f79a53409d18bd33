// The process's one LISTEN connection (server/db/listen.ts): channels, payloads, and on PostgreSQL
// a connection that is killed coming back by itself, telling its subscribers it was away.
import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startListening, type Notifications } from '../../server/db/listen';
import { silentLogger } from '../../server/log';
import { createTestDatabase, listenOn, type TestDatabase } from '../helpers/test-database';

let database: TestDatabase;
const open: Notifications[] = [];

beforeAll(async () => {
	database = await createTestDatabase();
});
afterEach(async () => {
	await Promise.all(open.splice(0).map((notifications) => notifications.close()));
});
afterAll(async () => {
	await database?.close();
});

async function connection(): Promise<Notifications> {
	const notifications = await listenOn(database, { backoffMs: 20 });
	open.push(notifications);
	return notifications;
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

const notify = (channel: string, payload: string) => sql`select pg_notify(${channel}, ${payload})`.execute(database.db);

it('hands each channel its own NOTIFYs, to every subscriber, until they unsubscribe', async () => {
	const notifications = await connection();
	const heard: string[] = [];
	let connected = 0;
	const stopA = await notifications.subscribe('test_a', {
		notify: (payload) => heard.push(`a1:${payload}`),
		connected: () => (connected += 1)
	});
	await notifications.subscribe('test_a', { notify: (payload) => heard.push(`a2:${payload}`) });
	await notifications.subscribe('test_b', { notify: (payload) => heard.push(`b:${payload}`) });
	expect(connected).toBe(1);
	expect(notifications.listening()).toBe(true);

	await notify('test_a', 'one');
	await notify('test_b', 'two');
	await notify('test_other', 'nobody listens');
	await until(() => heard.length >= 3);
	expect(heard.sort()).toEqual(['a1:one', 'a2:one', 'b:two']);

	stopA();
	await notify('test_a', 'three');
	await until(() => heard.length >= 4);
	expect(heard.slice(3)).toEqual(['a2:three']);
});

it('delivers a NOTIFY sent in a transaction only when it commits', async () => {
	const notifications = await connection();
	const heard: string[] = [];
	await notifications.subscribe('test_tx', { notify: (payload) => heard.push(payload) });

	await database.db
		.transaction()
		.execute(async (trx) => {
			await sql`select pg_notify('test_tx', 'rolled back')`.execute(trx);
			throw new Error('roll back');
		})
		.catch(() => undefined);
	await database.db.transaction().execute(async (trx) => {
		await sql`select pg_notify('test_tx', 'committed')`.execute(trx);
	});
	// NOTIFYs arrive in commit order: once one sent after both has been heard, a rolled-back one
	// that were (wrongly) delivered would have been heard before it.
	await notify('test_tx', 'after both');
	await until(() => heard.includes('after both'));
	expect(heard).toEqual(['committed', 'after both']);
});

it('refuses a channel name that is not an identifier (it goes into LISTEN as SQL)', async () => {
	const notifications = await connection();
	await expect(notifications.subscribe('x; drop table prisons', { notify: () => {} })).rejects.toThrow(/channel/);
});

describe.runIf(Boolean(process.env.DATABASE_URL))('on PostgreSQL', () => {
	it('reconnects after its connection is killed, LISTENs again, and says it was away', async () => {
		const notifications = await connection();
		const events: string[] = [];
		await notifications.subscribe('test_reconnect', {
			notify: (payload) => events.push(`notify:${payload}`),
			connected: () => events.push('connected'),
			disconnected: () => events.push('disconnected')
		});
		await notify('test_reconnect', 'before');
		await until(() => events.includes('notify:before'));

		const killed = await sql<{ pid: number }>`
			select pg_terminate_backend(pid) as pid from pg_stat_activity
			where datname = current_database() and pid <> pg_backend_pid() and query like 'LISTEN%'`.execute(database.db);
		expect(killed.rows).toHaveLength(1);
		await until(() => events.filter((event) => event === 'connected').length === 2);
		expect(notifications.listening()).toBe(true);

		await notify('test_reconnect', 'after');
		await until(() => events.includes('notify:after'));
		expect(events).toEqual(['connected', 'notify:before', 'disconnected', 'connected', 'notify:after']);
	});
});

/** A pg.Client stand-in whose connection can be made to fail, to see the backoff without a server. */
function flakyClients(failFirst: number) {
	const made: { at: number; fails: boolean }[] = [];
	const createClient = () => {
		const fails = made.length < failFirst;
		made.push({ at: Date.now(), fails });
		const client = new EventEmitter() as EventEmitter & Partial<pg.Client>;
		Object.assign(client, {
			connect: async () => {
				if (fails) throw new Error('connection refused');
			},
			query: async () => ({ rows: [] }),
			end: async () => undefined
		});
		return client as unknown as pg.Client;
	};
	return { made, createClient };
}

it('keeps trying with growing waits while the database cannot be reached, then connects', async () => {
	const clients = flakyClients(4);
	const notifications = await startListening(
		{ kind: 'postgres', databaseUrl: 'postgres://unused' },
		{ logger: silentLogger(), backoffMs: 20, random: () => 1, createClient: clients.createClient }
	);
	open.push(notifications);
	let connected = 0;
	await notifications.subscribe('test_backoff', { notify: () => {}, connected: () => (connected += 1) });
	expect(notifications.listening()).toBe(false);
	expect(connected).toBe(0);

	await until(() => connected === 1);
	expect(notifications.listening()).toBe(true);
	expect(clients.made.map((client) => client.fails)).toEqual([true, true, true, true, false]);
	const waits = clients.made.slice(1).map((client, i) => client.at - clients.made[i]!.at);
	// 20, 40, 80, 160 ms (random() = 1 takes the whole ceiling); timers only ever run late, so these are lower bounds.
	waits.forEach((wait, i) => expect(wait).toBeGreaterThanOrEqual(20 * 2 ** i - 2));
});
