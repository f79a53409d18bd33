// Submits that arrive together share their statements (group commit): each is still answered on
// its own and stored exactly once, the per-prison limit stays exact, and a request that cannot be
// stored never takes its neighbours with it. Real database (PostgreSQL with DATABASE_URL, else PGlite).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../server/http/rate-limit';
import { readSubmitFactsOfMany, insertRequests, type NewRequestRow } from '../../server/requests/submit-statements';
import {
	aVisitRequest,
	bookableDate,
	call,
	createPrison,
	newDeviceSecret,
	ONE_WEEK_WINDOW,
	startTestApi,
	type TestApi
} from '../helpers/api';

let api: TestApi;
let prisonId: string;
const LIMIT = 25;

beforeAll(async () => {
	// The clock stands still, so the prison's limit does not refill while the test runs.
	const now = new Date();
	api = await startTestApi({ env: { NEW_REQUESTS_PER_PRISON_PER_MINUTE: String(LIMIT) }, clock: () => now });
	prisonId = await createPrison(api.db);
}, 120_000);

// Seven places in its one-week window, fewer than the limit: the burst is the per-minute figure.
const fewPlaces = () =>
	createPrison(api.db, {
		...ONE_WEEK_WINDOW,
		timetable: Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, start: '14:00', end: '16:00', capacity: 1 }))
	});

afterAll(async () => {
	await api?.close();
});

const submit = (body: unknown, bearer = newDeviceSecret()) => call(api, 'POST', '/api/visit-requests', { body, bearer });
const stored = (prison: string) => api.db.selectFrom('visitRequests').select(['id', 'reference']).where('prisonId', '=', prison).execute();

describe('submits that arrive together', () => {
	it('store each once and keep the per-prison limit exact', async () => {
		const prison = await fewPlaces();
		const bodies = Array.from({ length: LIMIT + 15 }, () => aVisitRequest(prison));
		const answers = await Promise.all(bodies.map((body) => submit(body)));
		const statuses = answers.map((answer) => answer.status);
		expect(statuses.filter((status) => status === 201)).toHaveLength(LIMIT);
		expect(statuses.filter((status) => status === 429)).toHaveLength(15);
		const rows = await stored(prison);
		expect(rows).toHaveLength(LIMIT);
		// Each 201 is the request it was sent for, with its own reference.
		const created = answers.flatMap((answer, i) =>
			answer.status === 201 ? [{ id: bodies[i]!.id, reference: answer.body.reference }] : []
		);
		expect(new Set(created.map((c) => c.reference)).size).toBe(LIMIT);
		expect(rows.map((row) => ({ id: row.id, reference: row.reference })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
			created.sort((a, b) => a.id.localeCompare(b.id))
		);
	}, 120_000);

	it('store a request sent several times at once once, and answer every copy with it', async () => {
		const prison = await fewPlaces();
		const phone = newDeviceSecret();
		const body = aVisitRequest(prison);
		const answers = await Promise.all(Array.from({ length: 5 }, () => submit(body, phone)));
		expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 201]);
		expect(new Set(answers.map((answer) => answer.body.reference)).size).toBe(1);
		expect(await stored(prison)).toHaveLength(1);
	}, 120_000);
});

describe('the shared statements', () => {
	it('take exactly what a bucket holds when more calls than tokens share one statement, and say what is left', async () => {
		const now = new Date();
		const limiter = new RateLimiter(api.db, `group-commit-${randomUUID()}`, { capacity: 5, refillEveryMs: 60_000, clock: () => now });
		const together = (n: number, subject = 'prison') => Promise.all(Array.from({ length: n }, () => limiter.take(subject)));
		// Made in the same turn, so each group shares one statement: 3 of a bucket of 5, then 4 when 2 are left.
		const first = await together(3);
		expect(first.map((taken) => [taken.allowed, taken.remaining])).toEqual([
			[true, 4],
			[true, 3],
			[true, 2]
		]);
		const second = await together(4);
		expect(second.map((taken) => taken.allowed)).toEqual([true, true, false, false]);
		expect(second[2]!.retryAfterSeconds).toBe(60);
		// More calls than a fresh bucket holds.
		const fresh = await together(7, 'other');
		expect(fresh.filter((taken) => taken.allowed)).toHaveLength(5);
	});

	const rowFor = (id: string, reference: string, deviceId: string): NewRequestRow => {
		const now = new Date();
		return {
			request: {
				id,
				prisonId,
				deviceId,
				reference,
				status: 'requested',
				bodyHash: 'h',
				language: 'en',
				prisonerFirstName: 'John',
				prisonerLastName: 'Smith',
				prisonerDateOfBirth: '1990-01-01',
				prisonerNumber: 'A1234BC',
				additionalSupport: null,
				firstDate: bookableDate(6),
				bookedDate: null,
				bookedStart: null,
				cancellationReason: null,
				decisionMessage: null,
				reviewCodes: ['request_mode'],
				channels: null,
				messageLanguage: null,
				createdAt: now,
				updatedAt: now
			},
			visitors: [{ position: 0, firstName: 'Ann', lastName: 'Smith', dateOfBirth: '1980-02-03', email: null, phone: null }],
			slots: [{ preference: 1, date: bookableDate(6), startTime: '14:00' }],
			staffPush: {},
			pushTtlSeconds: 60,
			email: false,
			sms: false
		};
	};

	it('store every request of a batch but one whose id or reference is taken, each with its own visitors and times', async () => {
		const device = await api.db
			.insertInto('visitorDevices')
			.values({ secretHash: randomUUID(), createdAt: new Date(), lastSeenAt: new Date() })
			.returning('id')
			.executeTakeFirstOrThrow();
		// A reference already taken by a stored request, so the clash does not depend on the order rows go in.
		expect(await insertRequests(api.db, [rowFor(randomUUID(), 'GCAA-AAAA', device.id)])).toHaveLength(1);
		const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
		const answers = await insertRequests(api.db, [
			rowFor(a, 'GCAA-AAAB', device.id),
			rowFor(a, 'GCAA-AAAD', device.id),
			rowFor(b, 'GCAA-AAAA', device.id),
			rowFor(c, 'GCAA-AAAC', device.id)
		]);
		expect(answers.map((answer) => answer?.row.id)).toEqual([a, undefined, undefined, c]);
		for (const answer of [answers[0], answers[3]]) {
			expect(answer?.visitors).toEqual([
				{ position: 0, firstName: 'Ann', lastName: 'Smith', dateOfBirth: '1980-02-03', email: null, phone: null }
			]);
			expect(answer?.slots).toEqual([{ date: bookableDate(6), startTime: '14:00' }]);
		}
		const visitors = await api.db.selectFrom('requestVisitors').select('requestId').where('requestId', 'in', [a, b, c]).execute();
		expect(visitors.map((row) => row.requestId).sort()).toEqual([a, c].sort());
	});

	it('read each submit’s facts in the order asked, an unknown prison as none', async () => {
		const other = await createPrison(api.db, { timetable: [{ weekday: 2, start: '10:00', end: '11:00', capacity: 4 }] });
		const date = bookableDate(6);
		const facts = await readSubmitFactsOfMany(api.db, [
			{ requestId: randomUUID(), prisonId: other, from: date, to: date },
			{ requestId: randomUUID(), prisonId: randomUUID(), from: date, to: date },
			{ requestId: randomUUID(), prisonId, from: date, to: date }
		]);
		expect(facts.map((f) => f.prison?.id ?? null)).toEqual([other, null, prisonId]);
		expect(facts[0]!.timetable).toEqual([{ weekday: 2, start: '10:00', end: '11:00', capacity: 4 }]);
		expect(facts[2]!.timetable.length).toBeGreaterThan(1);
	});
});
