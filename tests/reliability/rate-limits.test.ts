// Rate limits under a burst of concurrent requests, over HTTP, with a clock the test moves:
// a phone's burst of submissions passes and the one after it is refused; sign-in is limited per
// email and per address, and a correct password does not get past a spent limit.
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, loginDelayMs } from '../../server/routes/staff/auth';
import { SUBMIT_LIMIT } from '../../server/routes/visit-requests';
import { addDays } from '../../src/lib/shared/rules/dates';
import { aVisitRequest, bookableDate, call, createPrison, createStaff, newDeviceSecret, startTestApi, type TestApi } from '../helpers/api';

let now = new Date();
/** Each sign-in slow-down the server made, in ms: counted, not waited (the test's clock stands still, so waiting proves nothing). */
const waits: number[] = [];
let api: TestApi;
let prisonId: string;
let officer: { email: string; password: string };

beforeAll(async () => {
	api = await startTestApi({
		clock: () => now,
		wait: (ms) => {
			waits.push(ms);
			return Promise.resolve();
		}
	});
	prisonId = await createPrison(api.db, {
		timetable: Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, start: '14:00', end: '16:00', capacity: 500 }))
	});
	officer = await createStaff(api.db, { prisonIds: [prisonId] });
});
afterAll(async () => {
	await api?.close();
});

const tally = (statuses: number[]) =>
	statuses.reduce<Record<number, number>>((counts, s) => ({ ...counts, [s]: (counts[s] ?? 0) + 1 }), {});
const storedFor = async (ids: string[]) =>
	ids.length === 0 ? 0 : (await api.db.selectFrom('visitRequests').select('id').where('id', 'in', ids).execute()).length;

describe('submissions from one phone', () => {
	it('lets a burst through, at least the ten PRODUCT.md asks for, and refuses the next with 429', async () => {
		expect(SUBMIT_LIMIT.capacity).toBeGreaterThanOrEqual(10);
		const phone = newDeviceSecret();
		const dates = Array.from({ length: 20 }, (_, i) => addDays(bookableDate(1, now), i % 7));
		const bodies = Array.from({ length: SUBMIT_LIMIT.capacity + 5 }, (_, i) =>
			aVisitRequest(prisonId, { slots: [{ date: dates[i % dates.length]!, start: '14:00' }] })
		);
		// All at once, as a phone coming back online after a week sends its outbox.
		const answers = await Promise.all(bodies.map((body) => call(api, 'POST', '/api/visit-requests', { body, bearer: phone })));
		expect(tally(answers.map((a) => a.status))).toEqual({ 201: SUBMIT_LIMIT.capacity, 429: 5 });
		const refused = answers.filter((a) => a.status === 429);
		for (const answer of refused) {
			expect(answer.body.error.code).toBe('rate_limited');
			expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
		}
		// Exactly the accepted ones are stored; the refused ones are not.
		expect(await storedFor(bodies.map((b) => b.id))).toBe(SUBMIT_LIMIT.capacity);

		// Another phone on the same address is not affected.
		const other = await call(api, 'POST', '/api/visit-requests', {
			body: aVisitRequest(prisonId, { slots: [{ date: dates[0]!, start: '14:00' }] }),
			bearer: newDeviceSecret()
		});
		expect(other.status).toBe(201);

		// After one refill interval, exactly one more goes through.
		now = new Date(now.getTime() + SUBMIT_LIMIT.refillEveryMs);
		// Two of the refused ones: which five were refused depends on the order the server took them in.
		const again = refused.slice(0, 2).map((answer) => bodies[answers.indexOf(answer)]!);
		const retried = await Promise.all(again.map((body) => call(api, 'POST', '/api/visit-requests', { body, bearer: phone })));
		expect(tally(retried.map((a) => a.status))).toEqual({ 201: 1, 429: 1 });
	});
});

/** A sign-in from another address: loopback has a whole /8, and the server sees the socket's source. */
function loginFrom(address: string, body: { email: string; password: string }): Promise<{ status: number; setCookie: string | undefined }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(`${api.url}/api/staff/login`, {
			method: 'POST',
			localAddress: address,
			agent: false,
			headers: { 'Content-Type': 'application/json', Origin: api.url }
		});
		req.on('response', (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie']?.[0] }));
		});
		req.on('error', reject);
		req.end(JSON.stringify(body));
	});
}

describe('sign-in', () => {
	it('is limited per (email, address), and the right password from that address waits too', async () => {
		const attempts = LOGIN_LIMITS.perPair.capacity + 3;
		const answers = await Promise.all(
			Array.from({ length: attempts }, () =>
				call(api, 'POST', '/api/staff/login', { body: { email: officer.email, password: 'wrong password' } })
			)
		);
		expect(tally(answers.map((a) => a.status))).toEqual({ 401: LOGIN_LIMITS.perPair.capacity, 429: 3 });
		const right = await call(api, 'POST', '/api/staff/login', { body: { email: officer.email, password: officer.password } });
		expect(right.status).toBe(429);
		expect(right.headers.get('set-cookie')).toBeNull();

		// One refill interval later, the right password works again.
		now = new Date(now.getTime() + LOGIN_LIMITS.perPair.refillEveryMs);
		expect((await call(api, 'POST', '/api/staff/login', { body: { email: officer.email, password: officer.password } })).status).toBe(200);
	});

	it('does not let anyone lock an officer out: failures from one address leave another address free', async () => {
		// The outside test's finding: five wrong passwords for a staff email, then the right one got 429.
		const victim = await createStaff(api.db, { prisonIds: [prisonId] });
		const attacker = '127.0.0.21';
		const wrong = await Promise.all(
			Array.from({ length: LOGIN_LIMITS.perPair.capacity + 2 }, () => loginFrom(attacker, { email: victim.email, password: 'wrong' }))
		);
		expect(tally(wrong.map((a) => a.status))).toEqual({ 401: LOGIN_LIMITS.perPair.capacity, 429: 2 });
		const officerAtWork = await loginFrom('127.0.0.22', { email: victim.email, password: victim.password });
		expect(officerAtWork.status).toBe(200);
		expect(officerAtWork.setCookie).toMatch(/^bpv_session=/);
	});

	it('slows attempts for an email failing from many addresses, exponentially, but still lets the right password in', async () => {
		const victim = await createStaff(api.db, { prisonIds: [prisonId] });
		const { slowAfter, firstDelayMs, maxDelayMs } = LOGIN_LIMITS.perEmail;
		expect(loginDelayMs(slowAfter - 1)).toBe(0);
		expect(loginDelayMs(slowAfter + 2)).toBe(firstDelayMs * 4);
		expect(loginDelayMs(1_000)).toBe(maxDelayMs);
		// slowAfter + 4 failures (the delay is then at its maximum), each from its own address, so no
		// pair or address limit applies.
		const failures = await Promise.all(
			Array.from({ length: slowAfter + 4 }, (_, i) => loginFrom(`127.0.1.${i + 1}`, { email: victim.email, password: 'wrong' }))
		);
		expect(tally(failures.map((f) => f.status))).toEqual({ 401: slowAfter + 4 });
		expect(loginDelayMs(slowAfter + 4)).toBe(maxDelayMs);
		waits.length = 0;
		const right = await loginFrom('127.0.2.1', { email: victim.email, password: victim.password });
		expect(right.status).toBe(200);
		expect(waits).toEqual([maxDelayMs]);
		// Another email is not slowed at all.
		waits.length = 0;
		expect((await loginFrom('127.0.2.2', { email: officer.email, password: officer.password })).status).toBe(200);
		expect(waits).toEqual([]);
	}, 60_000);

	it('is limited per address across many emails', async () => {
		// A fresh window for the address: enough time for the bucket to be full again.
		now = new Date(now.getTime() + LOGIN_LIMITS.perAddress.capacity * LOGIN_LIMITS.perAddress.refillEveryMs);
		const attempts = LOGIN_LIMITS.perAddress.capacity + 7;
		const answers = await Promise.all(
			Array.from({ length: attempts }, () =>
				call(api, 'POST', '/api/staff/login', { body: { email: `guess-${randomUUID()}@prison.example`, password: 'guess' } })
			)
		);
		expect(tally(answers.map((a) => a.status))).toEqual({ 401: LOGIN_LIMITS.perAddress.capacity, 429: 7 });
		// Even a real account with its right password waits, from this address.
		expect((await call(api, 'POST', '/api/staff/login', { body: { email: officer.email, password: officer.password } })).status).toBe(429);
	});
});
