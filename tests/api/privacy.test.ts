// Privacy (PRODUCT.md): a device downloads everything held about it and nothing of anyone else's;
// "forget me" withdraws, cancels, gives places back and erases exactly as the retention purge does,
// then refuses the bearer; it races a staff confirm safely; and every staff read is recorded.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../server/auth/tokens';
import {
	aVisitRequest,
	bookableDate,
	call,
	createPrison,
	createStaff,
	newDeviceSecret,
	signIn,
	startTestApi,
	type TestApi
} from '../helpers/api';
import { allTables, fingerprint, rowCounts } from '../helpers/db-fingerprint';

let api: TestApi;
let prisonId: string;
let cookie: string;
const date = bookableDate(6);
const laterDate = bookableDate(6, new Date(Date.now() + 7 * 86_400_000));

/** Every row of every table as text: what a database dump would show. */
async function everythingStored(): Promise<string> {
	const parts = await Promise.all(
		(await allTables(api.db)).map(async (table) =>
			(await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t`.execute(api.db)).rows.map((r) => r.row).join('\n')
		)
	);
	return parts.join('\n');
}

async function deviceId(secret: string): Promise<string> {
	const row = await api.db.selectFrom('visitorDevices').select('id').where('secretHash', '=', sha256Hex(secret)).executeTakeFirstOrThrow();
	return row.id;
}

async function subscribe(secret: string, tag: string) {
	await api.db
		.insertInto('pushSubscriptions')
		.values({ endpoint: `https://push.example/${tag}`, p256dh: `key-${tag}`, auth: `auth-${tag}`, deviceId: await deviceId(secret) })
		.execute();
}

let made = 0;
/** A request whose every personal value carries `tag`, so a search of the database finds them. */
async function submit(secret: string, tag: string, slotDate = date) {
	const body = aVisitRequest(prisonId, {
		prisoner: { firstName: `Prisoner${tag}`, lastName: `Surname${tag}`, dateOfBirth: '1981-07-09', prisonerNumber: `A${1000 + ++made}BC` },
		visitors: [
			{
				firstName: `Lead${tag}`,
				lastName: `Surname${tag}`,
				dateOfBirth: '1962-11-23',
				email: `lead.${tag.toLowerCase()}@example.com`,
				phone: '07700 900123'
			},
			{ firstName: `Child${tag}`, lastName: `Surname${tag}`, dateOfBirth: '2016-03-14' }
		],
		slots: [{ date: slotDate, start: '14:00' }],
		additionalSupport: `Ramp for Lead${tag}`
	});
	const response = await call(api, 'POST', '/api/visit-requests', { body, bearer: secret });
	expect(response.status).toBe(201);
	return body;
}

async function confirm(id: string, slotDate = date, message?: string) {
	const response = await call(api, 'POST', `/api/staff/requests/${id}/confirm`, {
		cookie,
		body: { slot: { date: slotDate, start: '14:00' }, ...(message ? { message } : {}) }
	});
	expect(response.status).toBe(200);
}

async function placesBooked(slotDate: string): Promise<number> {
	const row = await api.db
		.selectFrom('slotUsage')
		.select('booked')
		.where('prisonId', '=', prisonId)
		.where('date', '=', slotDate)
		.where('startTime', '=', '14:00')
		.executeTakeFirst();
	return row?.booked ?? 0;
}

beforeAll(async () => {
	api = await startTestApi();
	prisonId = await createPrison(api.db);
	cookie = await signIn(api, await createStaff(api.db, { prisonIds: [prisonId], name: 'Officer Reader' }));
});
afterAll(async () => {
	await api?.close();
});

describe('download your data', () => {
	it("holds exactly the device's requests, visitors, history and push subscriptions, none of another device's", async () => {
		const mine = newDeviceSecret();
		const theirs = newDeviceSecret();
		const a = await submit(mine, 'Exportone');
		const b = await submit(mine, 'Exporttwo', laterDate);
		await confirm(b.id, laterDate, 'See you ExportTwo');
		const other = await submit(theirs, 'Otherdevice');
		await subscribe(mine, 'mine');
		await subscribe(theirs, 'theirs');

		const response = await call(api, 'GET', '/api/visit-requests/export', { bearer: mine });
		expect(response.status).toBe(200);
		const data = response.body;
		expect(data.requests.map((r: { id: string }) => r.id).sort()).toEqual([a.id, b.id].sort());
		const booked = data.requests.find((r: { id: string }) => r.id === b.id);
		expect(booked).toMatchObject({
			status: 'booked',
			prisoner: b.prisoner,
			message: 'See you ExportTwo',
			additionalSupport: b.additionalSupport
		});
		expect(booked.visitors.map((v: { firstName: string; dateOfBirth: string }) => [v.firstName, v.dateOfBirth])).toEqual(
			b.visitors.map((v) => [v.firstName, v.dateOfBirth])
		);
		expect(booked.visitors[0]).toMatchObject({ email: 'lead.exporttwo@example.com' });
		expect(booked.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['requested', 'booked']);
		expect(data.pushSubscriptions).toEqual([{ endpoint: 'https://push.example/mine', createdAt: expect.any(String) }]);
		const text = JSON.stringify(data);
		for (const foreign of [other.id, 'Otherdevice', 'push.example/theirs']) expect(text).not.toContain(foreign);
	});

	it('refuses a bearer it has never seen, registering nothing', async () => {
		const before = await fingerprint(api.db);
		expect((await call(api, 'GET', '/api/visit-requests/export', { bearer: newDeviceSecret() })).status).toBe(401);
		expect((await call(api, 'GET', '/api/visit-requests/export')).status).toBe(401);
		expect(await fingerprint(api.db)).toEqual(before);
	});
});

describe('forget me', () => {
	it('withdraws, cancels future visits, gives places back, erases every personal value, keeps the counts and refuses the bearer', async () => {
		const phone = newDeviceSecret();
		const bystander = newDeviceSecret();
		const pending = await submit(phone, 'Forgetpending');
		const booked = await submit(phone, 'Forgetbooked', laterDate);
		const kept = await submit(bystander, 'Keepbystander', laterDate);
		await confirm(booked.id, laterDate, 'Welcome Forgetbooked');
		await confirm(kept.id, laterDate);
		await subscribe(phone, 'forgetme');
		const placesBefore = await placesBooked(laterDate);
		const countsBefore = await rowCounts(api.db, ['visit_requests', 'request_slots']);
		const changesBefore = (await rowCounts(api.db, ['state_changes'])).state_changes ?? 0;

		const response = await call(api, 'DELETE', '/api/visit-requests', { bearer: phone });
		expect(response.status).toBe(200);
		expect(response.body).toEqual({
			withdrawn: [pending.id],
			cancelled: [booked.id],
			erased: 2,
			visitorsErased: 4,
			pushSubscriptionsDeleted: 1,
			credentialRevoked: true
		});
		expect(await placesBooked(laterDate)).toBe(placesBefore - 1);
		// Counts kept: the requests and their slots stay; two state changes were added.
		expect(await rowCounts(api.db, ['visit_requests', 'request_slots'])).toEqual(countsBefore);
		expect((await rowCounts(api.db, ['state_changes'])).state_changes).toBe(changesBefore + 2);
		const rows = await api.db
			.selectFrom('visitRequests')
			.select(['id', 'status', 'cancellationReason', 'visitorCount', 'purgeReason'])
			.where('id', 'in', [pending.id, booked.id])
			.orderBy('status')
			.execute();
		expect(rows.find((r) => r.id === booked.id)).toMatchObject({
			status: 'cancelled',
			cancellationReason: 'visitor_asked',
			visitorCount: 2,
			purgeReason: 'visitor_asked'
		});
		expect(rows.find((r) => r.id === pending.id)).toMatchObject({ status: 'withdrawn', visitorCount: 2, purgeReason: 'visitor_asked' });

		// Nowhere in any column of any table.
		const stored = await everythingStored();
		for (const tag of ['Forgetpending', 'Forgetbooked']) {
			for (const personal of [
				`Prisoner${tag}`,
				`Surname${tag}`,
				`Lead${tag}`,
				`Child${tag}`,
				`lead.${tag.toLowerCase()}@example.com`,
				`Ramp for Lead${tag}`
			]) {
				expect(stored, personal).not.toContain(personal);
			}
		}
		for (const personal of ['Welcome Forgetbooked', 'push.example/forgetme', 'key-forgetme', 'auth-forgetme'])
			expect(stored, personal).not.toContain(personal);
		// The other device is untouched.
		expect(stored).toContain('SurnameKeepbystander');
		expect((await call(api, 'GET', `/api/visit-requests/${kept.id}`, { bearer: bystander })).body.status).toBe('booked');

		// The same bearer is refused everywhere and touches nothing, a second erase included.
		const after = await fingerprint(api.db);
		expect((await call(api, 'GET', '/api/visit-requests', { bearer: phone })).status).toBe(401);
		expect((await call(api, 'GET', '/api/visit-requests/export', { bearer: phone })).status).toBe(401);
		expect((await call(api, 'DELETE', '/api/visit-requests', { bearer: phone })).status).toBe(401);
		expect((await call(api, 'POST', '/api/visit-requests', { bearer: phone, body: aVisitRequest(prisonId) })).status).toBe(401);
		expect(await fingerprint(api.db)).toEqual(after);

		// Staff see the request, without personal data, and why.
		const seen = await call(api, 'GET', `/api/staff/requests/${booked.id}`, { cookie });
		expect(seen.status).toBe(200);
		expect(seen.body).toMatchObject({
			status: 'cancelled',
			prisoner: null,
			visitors: [],
			additionalSupport: null,
			message: null,
			detailsRemoved: 'visitor_asked'
		});
	});

	it('a foreign bearer or none is refused and nothing is touched', async () => {
		const before = await fingerprint(api.db);
		expect((await call(api, 'DELETE', '/api/visit-requests', { bearer: newDeviceSecret() })).status).toBe(401);
		expect((await call(api, 'DELETE', '/api/visit-requests')).status).toBe(401);
		expect((await call(api, 'DELETE', '/api/visit-requests', { headers: { Authorization: 'Bearer nonsense' } })).status).toBe(401);
		expect(await fingerprint(api.db)).toEqual(before);
	});

	it('erasing twice at once is harmless: one does the work, nothing is left either way', async () => {
		const phone = newDeviceSecret();
		const made = await submit(phone, 'Twiceover');
		const answers = await Promise.all([
			call(api, 'DELETE', '/api/visit-requests', { bearer: phone }),
			call(api, 'DELETE', '/api/visit-requests', { bearer: phone })
		]);
		expect(answers.map((a) => a.status)).toContain(200);
		for (const answer of answers) expect([200, 401]).toContain(answer.status);
		const withdrawals = await api.db
			.selectFrom('stateChanges')
			.select('id')
			.where('requestId', '=', made.id)
			.where('toStatus', '=', 'withdrawn')
			.execute();
		expect(withdrawals).toHaveLength(1);
		expect(await everythingStored()).not.toContain('SurnameTwiceover');
	});

	it('racing a staff confirm ends booked-then-cancelled or withdrawn, never a booked visit without its details', async () => {
		const outcomes = new Set<string>();
		for (let round = 0; round < 6; round++) {
			const phone = newDeviceSecret();
			const made = await submit(phone, `Race${'abcdef'[round]}`);
			const placesBefore = await placesBooked(date);
			const [confirmed, erased] = await Promise.all([
				call(api, 'POST', `/api/staff/requests/${made.id}/confirm`, { cookie, body: { slot: { date, start: '14:00' } } }),
				call(api, 'DELETE', '/api/visit-requests', { bearer: phone })
			]);
			expect(erased.status).toBe(200);
			expect([200, 409]).toContain(confirmed.status);
			const row = await api.db
				.selectFrom('visitRequests')
				.select(['status', 'purgedAt', 'prisonerNumber'])
				.where('id', '=', made.id)
				.executeTakeFirstOrThrow();
			const path = (
				await api.db.selectFrom('stateChanges').select('toStatus').where('requestId', '=', made.id).orderBy('id').execute()
			).map((c) => c.toStatus);
			expect(row.purgedAt).not.toBeNull();
			expect(row.prisonerNumber).toBeNull();
			expect([['requested', 'booked', 'cancelled'].join(), ['requested', 'withdrawn'].join()]).toContain(path.join());
			expect(row.status).toBe(path.at(-1));
			expect(confirmed.status === 200).toBe(path.includes('booked'));
			// The place is given back either way.
			expect(await placesBooked(date)).toBe(placesBefore);
			outcomes.add(path.join());
		}
		expect(outcomes.size).toBeGreaterThan(0);
	});
});

describe('staff reads', () => {
	it('records every read of a request, the queue and the day list, and shows them in the history', async () => {
		const phone = newDeviceSecret();
		const made = await submit(phone, 'Readme', laterDate);
		const readsBefore = (await rowCounts(api.db, ['request_reads'])).request_reads;

		const queue = await call(api, 'GET', `/api/staff/requests?prisonId=${prisonId}`, { cookie });
		expect(queue.status).toBe(200);
		const queued = queue.body.requests.length;
		expect(queued).toBeGreaterThan(0);
		expect((await rowCounts(api.db, ['request_reads'])).request_reads).toBe(readsBefore + queued);

		await confirm(made.id, laterDate);
		const list = await call(api, 'GET', `/api/staff/visits?prisonId=${prisonId}&date=${laterDate}`, { cookie });
		expect(list.status).toBe(200);

		const page = await call(api, 'GET', `/api/staff/requests/${made.id}`, { cookie });
		expect(page.status).toBe(200);
		expect(page.body.reads.map((r: { staffName: string; what: string }) => [r.staffName, r.what])).toEqual([
			['Officer Reader', 'queue'],
			['Officer Reader', 'day-list'],
			['Officer Reader', 'request']
		]);
		for (const read of page.body.reads) expect(Number.isNaN(Date.parse(read.at))).toBe(false);
		expect(page.body.detailsRemoved).toBeNull();
	});

	it('records nothing for a refused read', async () => {
		const before = await fingerprint(api.db, ['request_reads']);
		expect((await call(api, 'GET', `/api/staff/requests/${randomUUID()}`, { cookie })).status).toBe(404);
		expect((await call(api, 'GET', `/api/staff/requests/${randomUUID()}`)).status).toBe(401);
		expect(await fingerprint(api.db, ['request_reads'])).toEqual(before);
	});
});
