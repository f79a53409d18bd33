// Two server processes on one PostgreSQL, as a deployment with two instances behind a load
// balancer: the same submits reach both at once, and staff on both confirm the same requests at
// the same moment into a slot with fewer places than requests. No overbooking, no request stored
// twice, and each booking's push notification sent exactly once although both run a push worker.
//
// Only with PostgreSQL (DATABASE_URL): PGlite is one process's files and cannot be shared, so on
// PGlite this suite is not applicable and is not defined. CI runs it in its PostgreSQL pass.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ROCHESTER } from '../../server/demo-prison';
import { aVisitRequest, bookableDate, call, newDeviceSecret } from '../helpers/api';
import { createBrowserLikeSubscription, startPushEndpoint, type BrowserLikeSubscription } from '../helpers/push-endpoint';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { createTestDatabase, seedTestPrison } from '../helpers/test-database';
import { waitUntil } from '../helpers/wait-until';

const STAFF = { email: 'staff@rochester.example', password: 'two-servers-password' };
const REQUESTS = 30;
const PHONES = 6;
/** HMP Rochester's Saturday morning session: fewer tables than requests. */
const SLOT_START = '09:30';
const CAPACITY = ROCHESTER.timetable.find((slot) => slot.weekday === 6 && slot.start === SLOT_START)!.capacity;

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

const tally = (statuses: number[]) =>
	statuses.reduce<Record<number, number>>((counts, s) => ({ ...counts, [s]: (counts[s] ?? 0) + 1 }), {});

describe.runIf(Boolean(process.env.DATABASE_URL))('two server processes on one PostgreSQL', () => {
	it('never overbook, never store a request twice, and send each push once', async () => {
		expect(CAPACITY).toBeLessThan(REQUESTS);
		const database = await createTestDatabase();
		cleanups.push(() => database.close());
		const pushService = await startPushEndpoint();
		cleanups.push(() => pushService.close());
		const env = {
			DATABASE_URL: database.url!,
			SEED: 'demo',
			DEMO_STAFF_PASSWORD: STAFF.password,
			PUSH_ALLOW_INSECURE: '1',
			NODE_EXTRA_CA_CERTS: pushService.certPath
		};
		// One after the other, so the demo data is seeded once; then both run side by side.
		const servers: ServerProcess[] = [];
		for (let i = 0; i < 2; i += 1) {
			const server = await startServerProcess({ port: await freePort(), env, timeoutMs: 90_000 });
			cleanups.push(() => server.stop());
			servers.push(server);
		}
		const [a] = servers as [ServerProcess, ServerProcess];
		const prisonId: string = (await call(a, 'GET', '/api/prisons')).body.prisons.find(
			(p: { code: string }) => p.code === ROCHESTER.code
		).id;
		// The demo prison books at once; this test is about staff decisions, so staff decide every request here.
		await database.db.updateTable('prisons').set({ bookingMode: 'request' }).execute();

		// Phones subscribe to pushes, some through each server.
		const phones: { secret: string; browser: BrowserLikeSubscription }[] = [];
		for (let i = 0; i < PHONES; i += 1) {
			const phone = { secret: newDeviceSecret(), browser: createBrowserLikeSubscription(`${pushService.url}/push/${randomUUID()}`) };
			const subscribed = await call(servers[i % 2]!, 'POST', '/api/push/subscriptions', {
				bearer: phone.secret,
				body: phone.browser.subscription
			});
			expect(subscribed.status).toBe(201);
			phones.push(phone);
		}

		// ── Every request sent to both servers at the same moment (a retry racing the original) ──
		const date = bookableDate(6);
		const requests = Array.from({ length: REQUESTS }, (_, i) => ({
			phone: phones[i % PHONES]!,
			body: aVisitRequest(prisonId, { slots: [{ date, start: SLOT_START }] })
		}));
		const submitted = await Promise.all(
			requests.map(({ phone, body }) =>
				Promise.all(servers.map((server) => call(server, 'POST', '/api/visit-requests', { bearer: phone.secret, body })))
			)
		);
		for (const pair of submitted) {
			// One stored it (201), the other answered with the stored request (200), same reference.
			expect(pair.map((answer) => answer.status).sort()).toEqual([200, 201]);
			expect(pair[0]!.body.reference).toBe(pair[1]!.body.reference);
		}

		// ── Staff on both servers confirm every request at once into a slot with CAPACITY places ──
		const cookies = await Promise.all(
			servers.map(async (server) => {
				const login = await call(server, 'POST', '/api/staff/login', { body: STAFF });
				expect(login.status).toBe(200);
				return (login.headers.get('set-cookie') ?? '').split(';')[0]!;
			})
		);
		const confirmed = await Promise.all(
			requests.map(({ body }) =>
				Promise.all(
					servers.map((server, i) =>
						call(server, 'POST', `/api/staff/requests/${body.id}/confirm`, { cookie: cookies[i]!, body: { slot: body.slots[0] } })
					)
				)
			)
		);
		const statuses = confirmed.flat().map((answer) => answer.status);
		expect(tally(statuses)).toEqual({ 200: CAPACITY, 409: 2 * REQUESTS - CAPACITY });
		// No request was confirmed by both servers.
		for (const pair of confirmed) expect(pair.filter((answer) => answer.status === 200).length).toBeLessThanOrEqual(1);
		const bookedIds = new Set(requests.filter((_, i) => confirmed[i]!.some((answer) => answer.status === 200)).map(({ body }) => body.id));
		expect(bookedIds.size).toBe(CAPACITY);

		// ── The database: each request once, exactly CAPACITY booked, usage matching, history exact ──
		const db = database.db;
		const stored = await db.selectFrom('visitRequests').select(['id', 'status']).execute();
		expect(stored.map((r) => r.id).sort()).toEqual(requests.map(({ body }) => body.id).sort());
		expect(
			stored
				.filter((r) => r.status === 'booked')
				.map((r) => r.id)
				.sort()
		).toEqual([...bookedIds].sort());
		expect(stored.filter((r) => r.status === 'requested')).toHaveLength(REQUESTS - CAPACITY);
		const usage = await db.selectFrom('slotUsage').select(['date', 'startTime', 'booked']).where('prisonId', '=', prisonId).execute();
		expect(usage).toEqual([{ date, startTime: SLOT_START, booked: CAPACITY }]);
		const changes = await db.selectFrom('stateChanges').select(['requestId', 'toStatus']).execute();
		expect(changes).toHaveLength(REQUESTS + CAPACITY);

		// ── Pushes: both workers ran; once every job is sent, each booking was pushed exactly once ──
		const unsent = async () => (await db.selectFrom('deliveries').select('id').where('status', '!=', 'sent').execute()).length;
		await waitUntil(async () => (await unsent()) === 0, 'every delivery sent', 60_000);
		expect(await db.selectFrom('deliveries').select('id').execute()).toHaveLength(CAPACITY);
		// Only decrypting is tried phone by phone: a push no phone can read, or one saying the wrong thing, fails.
		const readByAPhone = (body: Buffer) => {
			for (const phone of phones) {
				try {
					return phone.browser.decrypt(body);
				} catch {
					// Encrypted for another phone.
				}
			}
			return undefined;
		};
		const pushedFor = new Map<string, number>();
		for (const push of pushService.received) {
			const message = readByAPhone(push.body);
			expect(message, 'a push that no phone could decrypt').toBeDefined();
			const { requestId, status } = JSON.parse(message!) as { requestId: string; status: string };
			expect(status).toBe('booked');
			pushedFor.set(requestId, (pushedFor.get(requestId) ?? 0) + 1);
		}
		expect(pushService.received).toHaveLength(CAPACITY);
		expect([...pushedFor.keys()].sort()).toEqual([...bookedIds].sort());
		expect([...pushedFor.values()].every((n) => n === 1)).toBe(true);
	}, 240_000);

	it('book exactly the places a slot has when instant submits reach both processes at once, each request once', async () => {
		const database = await createTestDatabase();
		cleanups.push(() => database.close());
		const places = 10;
		const prisonId = await seedTestPrison(database.db, {
			bookingMode: 'instant',
			timetable: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '14:00', end: '16:00', capacity: places }))
		});
		const servers: ServerProcess[] = [];
		for (let i = 0; i < 2; i += 1) {
			const server = await startServerProcess({
				port: await freePort(),
				env: { DATABASE_URL: database.url!, SEED: 'none' },
				timeoutMs: 90_000
			});
			cleanups.push(() => server.stop());
			servers.push(server);
		}
		const slot = { date: bookableDate(3), start: '14:00' };
		// 50 prisoners, each request sent to both processes at the same moment (a retry racing the original).
		const requests = Array.from({ length: 50 }, (_, i) => ({
			bearer: newDeviceSecret(),
			body: aVisitRequest(prisonId, {
				prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: `D${String(1000 + i)}AA` },
				slots: [slot]
			})
		}));
		const answers = await Promise.all(
			requests.map(({ bearer, body }) =>
				Promise.all(servers.map((server) => call(server, 'POST', '/api/visit-requests', { bearer, body })))
			)
		);
		const stored = await database.db.selectFrom('visitRequests').select(['id', 'status']).where('prisonId', '=', prisonId).execute();
		expect(stored.filter((r) => r.status === 'booked')).toHaveLength(places);
		// Nothing else was stored: a request with no place left is refused (422) and kept on the phone.
		expect(stored.every((r) => r.status === 'booked')).toBe(true);
		const usage = await database.db.selectFrom('slotUsage').select('booked').where('prisonId', '=', prisonId).execute();
		expect(usage).toEqual([{ booked: places }]);
		for (const [i, pair] of answers.entries()) {
			const booked = stored.some((r) => r.id === requests[i]!.body.id);
			// A booked request: one process booked it (201), the other answered the booking (200); else both said full.
			expect(pair.map((a) => a.status).sort()).toEqual(booked ? [200, 201] : [422, 422]);
			if (booked) expect(pair.every((a) => a.body.status === 'booked')).toBe(true);
		}
		const bookings = await database.db.selectFrom('stateChanges').select('requestId').where('toStatus', '=', 'booked').execute();
		expect(bookings).toHaveLength(places);
	}, 240_000);
});
