// The prisoner's record: allowance and bans, flags on the queue and the request page,
// confirming over a flag, allowance spent and given back (also under 30 concurrent confirms),
// booking on a visitor's behalf and a phone claiming that booking by reference.
import { createHash, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateShort } from '../../src/lib/shared/format';
import { t } from '../../src/lib/shared/i18n';
import { withFlags } from '../../server/prisoners/flags';
import { toVisitRequests, requestsQuery } from '../../server/requests/repository';
import { addDays, todayIn } from '../../src/lib/shared/rules/dates';
import { createBrowserLikeSubscription, startPushEndpoint, type PushEndpoint } from '../helpers/push-endpoint';
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

let api: TestApi;
let pushService: PushEndpoint;
let prison: string;
let cookie: string;
let officerId: string;
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
let saturday: string;
let sunday: string;

const SLOT = (date: string) => ({ date, start: '14:00' });
/** A prisoner number of their own for each test, so records do not meet. */
const newPrisonerNumber = () =>
	`A${String(randomInt(10_000)).padStart(4, '0')}${String.fromCharCode(65 + randomInt(26), 65 + randomInt(26))}`;
const recordPath = (number: string, rest = '') => `/api/staff/prisons/${prison}/prisoners/${number}${rest}`;

async function submit(prisonerNumber: string, overrides: Record<string, unknown> = {}) {
	const body = aVisitRequest(prison, {
		prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber },
		slots: [SLOT(saturday)],
		...overrides
	});
	// A phone per request: one phone's burst limit is not what these tests are about.
	const bearer = newDeviceSecret();
	const response = await call(api, 'POST', '/api/visit-requests', { body, bearer });
	expect(response.status).toBe(201);
	return { ...(response.body as { id: string; reference: string; slots: { date: string; start: string }[] }), bearer };
}

const staffView = async (id: string) => (await call(api, 'GET', `/api/staff/requests/${id}`, { cookie })).body;
const codes = (flags: { code: string }[]) => flags.map((f) => f.code).sort();
const confirm = (id: string, body: Record<string, unknown>) => call(api, 'POST', `/api/staff/requests/${id}/confirm`, { cookie, body });

beforeAll(async () => {
	// The push worker runs in the server: a subscription it can really send to keeps its jobs (one it may not send to is removed with them).
	pushService = await startPushEndpoint();
	api = await startTestApi({ env: { PUSH_ALLOW_INSECURE: '1' }, pushAgent: pushService.agent });
	prison = await createPrison(api.db, {
		timetable: [
			{ weekday: 6, start: '14:00', end: '16:00', capacity: 60 },
			{ weekday: 7, start: '14:00', end: '16:00', capacity: 60 }
		]
	});
	const officer = await createStaff(api.db, { prisonIds: [prison], name: 'Sam Officer' });
	officerId = officer.id;
	cookie = await signIn(api, officer);
	saturday = bookableDate(6);
	sunday = addDays(saturday, 1);
});
afterAll(async () => {
	await api?.close();
	await pushService?.close();
});

describe('the record', () => {
	it("starts untracked and empty, and lists the prisoner's requests", async () => {
		const number = newPrisonerNumber();
		const request = await submit(number);
		const { status, body } = await call(api, 'GET', recordPath(number.toLowerCase()), { cookie });
		expect(status).toBe(200);
		expect(body).toMatchObject({ prisonerNumber: number, allowance: { remaining: null, renewsOn: null }, bans: [], version: 0 });
		expect(body.requests.map((r: { id: string }) => r.id)).toEqual([request.id]);
		expect(body.prisoner).toEqual({ firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01' });
	});

	it('sets the allowance and adds and removes a ban, each audited', async () => {
		const number = newPrisonerNumber();
		const put = await call(api, 'PUT', recordPath(number, '/allowance'), { cookie, body: { remaining: 2, renewsOn: '2027-01-01' } });
		expect(put.status).toBe(200);
		expect(put.body.allowance).toEqual({ remaining: 2, renewsOn: '2027-01-01' });
		const ban = await call(api, 'POST', recordPath(number, '/bans'), {
			cookie,
			body: { firstName: 'Bob', lastName: 'Smith', dateOfBirth: '1980-01-01', until: '2099-12-31', reason: 'Passing items' }
		});
		expect(ban.status).toBe(201);
		expect(ban.body).toMatchObject({ id: expect.any(String), firstName: 'Bob', until: '2099-12-31', reason: 'Passing items' });
		expect((await call(api, 'GET', recordPath(number), { cookie })).body.bans).toEqual([ban.body]);
		expect((await call(api, 'DELETE', recordPath(number, `/bans/${ban.body.id}`), { cookie })).status).toBe(204);
		expect((await call(api, 'DELETE', recordPath(number, `/bans/${ban.body.id}`), { cookie })).status).toBe(404);
		expect((await call(api, 'GET', recordPath(number), { cookie })).body.bans).toEqual([]);

		const audit = await api.db
			.selectFrom('auditLog')
			.select(['action', 'staffId', 'prisonId', 'detail'])
			.where('target', '=', number)
			.orderBy('id')
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['prisoner.allowance.set', 'prisoner.ban.add', 'prisoner.ban.remove']);
		expect(audit.every((a) => a.staffId === officerId && a.prisonId === prison)).toBe(true);
		expect(audit[0]?.detail).toEqual({ before: { remaining: null, renewsOn: null }, after: { remaining: 2, renewsOn: '2027-01-01' } });
	});

	it('refuses a change made on an old copy of the allowance, saying what it is now', async () => {
		const number = newPrisonerNumber();
		const first = await call(api, 'PUT', recordPath(number, '/allowance'), { cookie, body: { remaining: 4, version: 0 } });
		expect(first.body.version).toBe(1);
		const stale = await call(api, 'PUT', recordPath(number, '/allowance'), { cookie, body: { remaining: 9, version: 0 } });
		expect(stale.status).toBe(409);
		expect(stale.body.error).toMatchObject({ code: 'record_changed', details: { allowance: { remaining: 4 }, version: 1 } });
		expect((await call(api, 'GET', recordPath(number), { cookie })).body.allowance.remaining).toBe(4);
	});

	it('answers bad input with every field message in one round, and stores nothing', async () => {
		const number = newPrisonerNumber();
		const tomorrow = addDays(todayIn('Europe/London', new Date()), 1);
		const ban = await call(api, 'POST', recordPath(number, '/bans'), {
			cookie,
			body: { firstName: ' ', lastName: 'Smith', dateOfBirth: tomorrow, reason: '' }
		});
		expect(ban.status).toBe(400);
		expect(ban.body.error.fields).toEqual({
			firstName: t('field.visitor.firstName.required'),
			dateOfBirth: t('validation.date.future'),
			reason: t('prisoners.field.banReason.required')
		});
		const allowance = await call(api, 'PUT', recordPath(number, '/allowance'), { cookie, body: { remaining: -1, renewsOn: '2026-02-30' } });
		expect(allowance.status).toBe(400);
		expect(allowance.body.error.fields).toEqual({
			remaining: t('prisoners.field.remaining.negative'),
			renewsOn: t('validation.date.invalid')
		});
		const badNumber = await call(api, 'GET', recordPath('12345'), { cookie });
		expect(badNumber.status).toBe(400);
		expect(badNumber.body.error.fields).toEqual({ prisonerNumber: t('validation.prisonerNumber.format') });
		const request = await submit(number);
		const noReason = await confirm(request.id, { slot: SLOT(saturday), override: { reason: '  ' } });
		expect(noReason.status).toBe(400);
		expect(noReason.body.error.fields).toEqual({
			'override.reason': t('prisoners.field.overrideReason.required'),
			'override.codes': t('journeys.field.overrideCodes.required')
		});
		const rows = await api.db.selectFrom('prisonerBans').select('id').where('prisonerNumber', '=', number).execute();
		const allowances = await api.db.selectFrom('prisonerAllowances').select('remaining').where('prisonerNumber', '=', number).execute();
		expect([rows, allowances]).toEqual([[], []]);
	});
});

describe('flags', () => {
	it('flags a banned visitor by name and date of birth, ignoring case and spaces, only while the ban covers a chosen date', async () => {
		const number = newPrisonerNumber();
		const visitors = [
			{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email: 'mary@example.com' },
			{ firstName: 'Bob', lastName: 'Smith', dateOfBirth: '1980-01-01' }
		];
		const request = await submit(number, { visitors, slots: [SLOT(saturday), SLOT(sunday)] });
		expect((await staffView(request.id)).flags).toEqual([]);

		// Ends on the Saturday: covers one of the two chosen dates.
		await call(api, 'POST', recordPath(number, '/bans'), {
			cookie,
			body: { firstName: 'bob ', lastName: 'SMI TH', dateOfBirth: '1980-01-01', until: saturday, reason: 'Passing items' }
		});
		const [flag] = (await staffView(request.id)).flags;
		expect(flag).toMatchObject({ code: 'visitor_banned', blocking: true, visitors: [1], dates: [saturday] });
		expect(flag.message).toContain('Bob Smith');
		expect(flag.message).toContain('Passing items');

		// Another date of birth, or a ban that ended before the dates: no flag.
		const other = await submit(newPrisonerNumber(), { visitors, slots: [SLOT(sunday)] });
		const otherNumber = (await staffView(other.id)).prisoner.prisonerNumber;
		await call(api, 'POST', recordPath(otherNumber, '/bans'), {
			cookie,
			body: { firstName: 'Bob', lastName: 'Smith', dateOfBirth: '1980-01-02', reason: 'x' }
		});
		await call(api, 'POST', recordPath(otherNumber, '/bans'), {
			cookie,
			body: { firstName: 'Bob', lastName: 'Smith', dateOfBirth: '1980-01-01', until: saturday, reason: 'x' }
		});
		expect((await staffView(other.id)).flags).toEqual([]);
	});

	it('flags no allowance only at 0, and not when untracked', async () => {
		const number = newPrisonerNumber();
		const request = await submit(number);
		expect((await staffView(request.id)).flags).toEqual([]);
		await call(api, 'PUT', recordPath(number, '/allowance'), { cookie, body: { remaining: 1 } });
		expect((await staffView(request.id)).flags).toEqual([]);
		await call(api, 'PUT', recordPath(number, '/allowance'), { cookie, body: { remaining: 0, renewsOn: '2027-03-01' } });
		const flags = (await staffView(request.id)).flags;
		expect(flags).toEqual([{ code: 'no_allowance', blocking: true, message: t('flags.noAllowance.renews', { renewsOn: '1 March 2027' }) }]);
	});

	it('flags a duplicate request on a shared date, and a clash once the other is booked', async () => {
		const number = newPrisonerNumber();
		const first = await submit(number, { slots: [SLOT(saturday)] });
		const elsewhereDate = await submit(number, { slots: [SLOT(sunday)] });
		expect((await staffView(elsewhereDate.id)).flags).toEqual([]);
		const second = await submit(number, { slots: [SLOT(sunday), SLOT(saturday)] });

		const waiting = (await staffView(second.id)).flags;
		expect(waiting.filter((f: { code: string }) => f.code === 'duplicate_request')).toEqual([
			expect.objectContaining({ dates: [saturday], otherRequest: { id: first.id, reference: first.reference } }),
			expect.objectContaining({ dates: [sunday], otherRequest: { id: elsewhereDate.id, reference: elsewhereDate.reference } })
		]);
		expect(codes(waiting)).not.toContain('prisoner_clash');

		expect((await confirm(first.id, { slot: SLOT(saturday) })).status).toBe(200);
		const flags = (await staffView(second.id)).flags;
		expect(codes(flags)).toEqual(['duplicate_request', 'duplicate_request', 'prisoner_clash']);
		const clash = flags.find((f: { code: string }) => f.code === 'prisoner_clash');
		expect(clash).toMatchObject({ dates: [saturday], otherRequest: { reference: first.reference } });
		expect(clash.message).toBe(t('flags.clash', { reference: first.reference, date: formatDateShort(saturday), time: '2pm' }));

		// The queue carries the same flags as the request's own page.
		const queue = await call(api, 'GET', `/api/staff/requests?prisonId=${prison}`, { cookie });
		const inQueue = queue.body.requests.find((r: { id: string }) => r.id === second.id);
		expect(inQueue.flags).toEqual(flags);
	});

	it('computes flags for a whole page of requests in the same number of queries as for one', async () => {
		const numbers = Array.from({ length: 12 }, newPrisonerNumber);
		for (const number of numbers) await submit(number);
		const rows = await requestsQuery(api.db).where('prisonerNumber', 'in', numbers).execute();
		const requests = await toVisitRequests(api.db, rows);
		const queriesFor = async (count: number) => {
			let queries = 0;
			const counting = api.db.withPlugin({
				transformQuery: (args) => {
					queries += 1;
					return args.node;
				},
				transformResult: async (args) => args.result
			});
			await withFlags(counting, requests.slice(0, count));
			return queries;
		};
		const one = await queriesFor(1);
		expect(one).toBeGreaterThan(0);
		expect(await queriesFor(12)).toBe(one);
	});
});

describe('confirming over a flag', () => {
	const banned = { firstName: 'Bob', lastName: 'Smith', dateOfBirth: '1980-01-01' };
	const withBob = [{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email: 'mary@example.com' }, banned];

	it('needs an override reason for a banned visitor, audits it, and excluding the visitor needs none', async () => {
		const number = newPrisonerNumber();
		await call(api, 'POST', recordPath(number, '/bans'), { cookie, body: { ...banned, reason: 'Passing items' } });
		const request = await submit(number, { visitors: withBob });

		const usage = () =>
			api.db.selectFrom('slotUsage').select('booked').where('prisonId', '=', prison).where('date', '=', saturday).executeTakeFirst();
		const before = await usage();
		const refused = await confirm(request.id, { slot: SLOT(saturday) });
		expect(refused.status).toBe(409);
		expect(refused.body.error.code).toBe('flagged');
		expect(refused.body.error.details.flags).toEqual([expect.objectContaining({ code: 'visitor_banned', visitors: [1] })]);
		expect((await staffView(request.id)).status).toBe('requested');
		expect(await usage()).toEqual(before);

		const excluded = await confirm(request.id, { slot: SLOT(saturday), excludedVisitors: [1] });
		expect(excluded.status).toBe(200);
		expect(excluded.body).toMatchObject({ status: 'booked', excludedVisitors: [1] });
		expect((await staffView(request.id)).flags).toEqual([]);
		const overrides = await api.db
			.selectFrom('auditLog')
			.select('id')
			.where('action', '=', 'request.override')
			.where('target', '=', request.id)
			.execute();
		expect(overrides).toEqual([]);

		const another = await submit(number, { visitors: withBob, slots: [SLOT(sunday)] });
		const overridden = await confirm(another.id, {
			slot: SLOT(sunday),
			override: { reason: 'Governor agreed a supervised visit', codes: ['visitor_banned'] }
		});
		expect(overridden.status).toBe(200);
		const audit = await api.db
			.selectFrom('auditLog')
			.select(['staffId', 'prisonId', 'detail'])
			.where('action', '=', 'request.override')
			.where('target', '=', another.id)
			.execute();
		expect(audit).toEqual([
			{
				staffId: officerId,
				prisonId: prison,
				detail: { reason: 'Governor agreed a supervised visit', flags: ['visitor_banned'], visitors: [1] }
			}
		]);
	});

	it('uses one allowance visit per confirm, refuses at 0 without an override, and gives it back on cancelling', async () => {
		const number = newPrisonerNumber();
		await call(api, 'PUT', recordPath(number, '/allowance'), { cookie, body: { remaining: 1 } });
		const first = await submit(number);
		const second = await submit(number, { slots: [SLOT(sunday)] });
		expect((await confirm(first.id, { slot: SLOT(saturday) })).status).toBe(200);
		expect((await call(api, 'GET', recordPath(number), { cookie })).body.allowance.remaining).toBe(0);

		const refused = await confirm(second.id, { slot: SLOT(sunday) });
		expect(refused.status).toBe(409);
		expect(refused.body.error).toMatchObject({ code: 'flagged', details: { flags: [expect.objectContaining({ code: 'no_allowance' })] } });

		expect((await call(api, 'POST', `/api/staff/requests/${first.id}/cancel`, { cookie, body: { reason: 'prison_closed' } })).status).toBe(
			200
		);
		expect((await call(api, 'GET', recordPath(number), { cookie })).body.allowance.remaining).toBe(1);
		expect((await confirm(second.id, { slot: SLOT(sunday) })).status).toBe(200);
		expect((await call(api, 'GET', recordPath(number), { cookie })).body.allowance.remaining).toBe(0);

		// A visit confirmed over "no allowance" used none, so cancelling it gives none back.
		const third = await submit(number, { slots: [SLOT(saturday)] });
		expect(
			(await confirm(third.id, { slot: SLOT(saturday), override: { reason: 'Compassionate visit', codes: ['no_allowance'] } })).status
		).toBe(200);
		expect((await call(api, 'POST', `/api/visit-requests/${third.id}/cancel`, { bearer: third.bearer, body: {} })).status).toBe(200);
		expect((await call(api, 'GET', recordPath(number), { cookie })).body.allowance.remaining).toBe(0);
	});

	it('never takes the allowance below 0 under 30 concurrent confirms', async () => {
		const number = newPrisonerNumber();
		await call(api, 'PUT', recordPath(number, '/allowance'), { cookie, body: { remaining: 5 } });
		const requests = [];
		for (let i = 0; i < 30; i += 1) requests.push(await submit(number, { slots: [SLOT(i % 2 === 0 ? saturday : sunday)] }));
		const answers = await Promise.all(requests.map((r) => confirm(r.id, { slot: r.slots[0] })));
		const statuses = answers.map((a) => a.status).sort();
		expect(statuses.filter((s) => s === 200)).toHaveLength(5);
		expect(statuses.filter((s) => s === 409)).toHaveLength(25);
		expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'flagged')).toBe(true);
		const stored = await api.db
			.selectFrom('prisonerAllowances')
			.select('remaining')
			.where('prisonerNumber', '=', number)
			.executeTakeFirstOrThrow();
		expect(stored.remaining).toBe(0);
		const used = await api.db
			.selectFrom('visitRequests')
			.select('id')
			.where('prisonerNumber', '=', number)
			.where('allowanceUsed', '=', true)
			.execute();
		expect(used).toHaveLength(5);
	});
});

describe("booking on a visitor's behalf, then claiming it on a phone", () => {
	const family = {
		prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: '' },
		visitors: [{ firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1970-06-15', phone: '07700 900 982' }]
	};
	const book = (body: Record<string, unknown>) => call(api, 'POST', `/api/staff/prisons/${prison}/bookings`, { cookie, body });

	it('books one slot at once from today, records the method, and a phone claims it with the reference and date of birth', async () => {
		const number = newPrisonerNumber();
		await call(api, 'PUT', recordPath(number, '/allowance'), { cookie, body: { remaining: 3 } });
		const booked = await book({
			...family,
			prisoner: { ...family.prisoner, prisonerNumber: number },
			slot: SLOT(saturday),
			method: 'phone'
		});
		expect(booked.status).toBe(201);
		expect(booked.body).toMatchObject({
			status: 'booked',
			bookedSlot: { date: saturday, start: '14:00' },
			bookingMethod: 'phone',
			reference: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
		});
		const stored = await api.db
			.selectFrom('visitRequests')
			.select(['bookingMethod', 'allowanceUsed', 'status'])
			.where('id', '=', booked.body.id)
			.executeTakeFirstOrThrow();
		expect(stored).toEqual({ bookingMethod: 'phone', allowanceUsed: true, status: 'booked' });
		const history = (await staffView(booked.body.id)).history;
		expect(history).toEqual([
			expect.objectContaining({
				fromStatus: null,
				toStatus: 'booked',
				actorName: 'Sam Officer',
				detail: { method: 'phone', slot: SLOT(saturday) }
			})
		]);
		expect((await call(api, 'GET', recordPath(number), { cookie })).body.allowance.remaining).toBe(2);

		const familyPhone = newDeviceSecret();
		expect((await call(api, 'GET', '/api/visit-requests', { bearer: familyPhone })).body.requests).toEqual([]);
		const reference = booked.body.reference as string;
		const wrongDob = await call(api, 'POST', '/api/visit-requests/claim', {
			bearer: familyPhone,
			body: { reference, leadVisitorDateOfBirth: '1970-06-16' }
		});
		const wrongReference = await call(api, 'POST', '/api/visit-requests/claim', {
			bearer: familyPhone,
			body: { reference: 'AAAA-AAAA', leadVisitorDateOfBirth: '1970-06-15' }
		});
		expect([wrongDob.status, wrongReference.status]).toEqual([404, 404]);
		expect(wrongDob.body).toEqual(wrongReference.body);
		expect(wrongDob.body.error.message).toBe(t('api.claim.notFound'));

		// Typed as read out: lower case, no dash.
		const claimed = await call(api, 'POST', '/api/visit-requests/claim', {
			bearer: familyPhone,
			body: { reference: ` ${reference.replace('-', '').toLowerCase()} `, leadVisitorDateOfBirth: '1970-06-15' }
		});
		expect(claimed.status).toBe(200);
		expect(claimed.body).toMatchObject({ id: booked.body.id, reference, status: 'booked' });
		expect(
			(
				await call(api, 'POST', '/api/visit-requests/claim', {
					bearer: familyPhone,
					body: { reference, leadVisitorDateOfBirth: '1970-06-15' }
				})
			).status
		).toBe(200);
		const list = await call(api, 'GET', '/api/visit-requests', { bearer: familyPhone });
		expect(list.body.requests.map((r: { id: string }) => r.id)).toEqual([booked.body.id]);
		expect((await call(api, 'GET', `/api/visit-requests/${booked.body.id}`, { bearer: familyPhone })).status).toBe(200);
		// Another phone still sees nothing of it.
		expect((await call(api, 'GET', `/api/visit-requests/${booked.body.id}`, { bearer: newDeviceSecret() })).status).toBe(404);

		// Pushes about it reach the claiming phone.
		const device = await api.db
			.selectFrom('visitorDevices')
			.select('id')
			.where('secretHash', '=', sha256Hex(familyPhone))
			.executeTakeFirstOrThrow();
		const browser = createBrowserLikeSubscription(`${pushService.url}/claimed`);
		const subscription = await api.db
			.insertInto('pushSubscriptions')
			.values({ endpoint: browser.subscription.endpoint, ...browser.subscription.keys, deviceId: device.id, staffId: null, prisonId: null })
			.returning('id')
			.executeTakeFirstOrThrow();
		const cancelled = await call(api, 'POST', `/api/visit-requests/${booked.body.id}/cancel`, { bearer: familyPhone, body: {} });
		expect(cancelled.status).toBe(200);
		expect(cancelled.body.status).toBe('cancelled');
		expect((await call(api, 'GET', recordPath(number), { cookie })).body.allowance.remaining).toBe(3);
		const rebook = await book({
			...family,
			prisoner: { ...family.prisoner, prisonerNumber: number },
			slot: SLOT(sunday),
			method: 'in_person'
		});
		await call(api, 'POST', '/api/visit-requests/claim', {
			bearer: familyPhone,
			body: { reference: rebook.body.reference, leadVisitorDateOfBirth: '1970-06-15' }
		});
		expect(
			(await call(api, 'POST', `/api/staff/requests/${rebook.body.id}/cancel`, { cookie, body: { reason: 'prison_closed' } })).status
		).toBe(200);
		await pushService.waitFor(2);
		const jobs = await api.db
			.selectFrom('deliveries')
			.select(['requestId', 'kind'])
			.where('subscriptionId', '=', subscription.id)
			.orderBy('createdAt')
			.execute();
		expect(jobs).toEqual([
			{ requestId: booked.body.id, kind: 'cancelled' },
			{ requestId: rebook.body.id, kind: 'cancelled' }
		]);
	});

	it('keeps the rules: flags need an override, a full or closed slot, a past date and bad fields are refused', async () => {
		const number = newPrisonerNumber();
		const prisoner = { ...family.prisoner, prisonerNumber: number };
		await call(api, 'POST', recordPath(number, '/bans'), {
			cookie,
			body: { firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1970-06-15', reason: 'Threats' }
		});
		const flagged = await book({ ...family, prisoner, slot: SLOT(saturday), method: 'phone' });
		expect(flagged.status).toBe(409);
		expect(flagged.body.error.code).toBe('flagged');
		expect(await api.db.selectFrom('visitRequests').select('id').where('prisonerNumber', '=', number).execute()).toEqual([]);
		const overridden = await book({
			...family,
			prisoner,
			slot: SLOT(saturday),
			method: 'email',
			override: { reason: 'Ban lifted by the governor today', codes: ['visitor_banned'] }
		});
		expect(overridden.status).toBe(201);
		expect(overridden.body.flags).toEqual([expect.objectContaining({ code: 'visitor_banned' })]);

		const bad = await book({
			prisoner: { ...prisoner, prisonerNumber: 'nope' },
			visitors: [{ firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1970-06-15' }],
			slot: SLOT(saturday),
			method: 'fax'
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error.fields).toEqual({
			'prisoner.prisonerNumber': t('validation.prisonerNumber.format'),
			'visitors.0.phone': t('validation.lead.contact'),
			method: t('prisoners.field.method.required')
		});
		const past = await book({
			...family,
			prisoner: { ...prisoner, prisonerNumber: newPrisonerNumber() },
			slot: SLOT(addDays(saturday, -14)),
			method: 'phone'
		});
		expect(past.status).toBe(422);
		expect(Object.keys(past.body.error.fields)).toEqual(['slot']);
	});

	it("books inside the visitors' lead time (from today), with the same capacity guard", async () => {
		const small = await createPrison(api.db, {
			timetable: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '23:58', end: '23:59', capacity: 1 }))
		});
		const officer = await signIn(api, await createStaff(api.db, { prisonIds: [small] }));
		const tomorrow = addDays(todayIn('Europe/London', new Date()), 1);
		const body = {
			...family,
			prisoner: { ...family.prisoner, prisonerNumber: newPrisonerNumber() },
			slot: { date: tomorrow, start: '23:58' },
			method: 'prisoner'
		};
		const first = await call(api, 'POST', `/api/staff/prisons/${small}/bookings`, { cookie: officer, body });
		expect(first.status).toBe(201);
		const another = () => ({ ...body, prisoner: { ...body.prisoner, prisonerNumber: newPrisonerNumber() } });
		const second = await call(api, 'POST', `/api/staff/prisons/${small}/bookings`, { cookie: officer, body: another() });
		expect(second.status).toBe(422);
		expect(second.body.error.fields).toEqual({ slot: t('validation.slot.full') });
		// Racing past the rules' look at the slot, the capacity guard still lets none more in.
		await api.db.updateTable('slotUsage').set({ booked: 0 }).where('prisonId', '=', small).execute();
		const race = await Promise.all(
			Array.from({ length: 6 }, () => call(api, 'POST', `/api/staff/prisons/${small}/bookings`, { cookie: officer, body: another() }))
		);
		expect(race.filter((r) => r.status === 201)).toHaveLength(1);
		expect(race.filter((r) => r.status !== 201).every((r) => r.body.error.code === 'slot_full' || r.status === 422)).toBe(true);
		const usage = await api.db.selectFrom('slotUsage').select('booked').where('prisonId', '=', small).execute();
		expect(usage).toEqual([{ booked: 1 }]);
		const bookedThere = await api.db
			.selectFrom('visitRequests')
			.select('id')
			.where('prisonId', '=', small)
			.where('status', '=', 'booked')
			.execute();
		expect(bookedThere).toHaveLength(2);
	});

	it('limits claims per device', async () => {
		const device = newDeviceSecret();
		const attempt = () =>
			call(api, 'POST', '/api/visit-requests/claim', {
				bearer: device,
				body: { reference: 'AAAA-AAAA', leadVisitorDateOfBirth: '1970-01-01' }
			});
		for (let i = 0; i < 5; i += 1) expect((await attempt()).status).toBe(404);
		const limited = await attempt();
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
	});
});
