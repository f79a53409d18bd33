// Who may use staff mode's API: every staff route of the contract, asked by someone with no
// credentials, by a visitor's phone, by staff of another prison and by staff of the prison itself.
// Refused writes change nothing; decisions that lose a race say what happened, by whom and when.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInstant } from '../../src/lib/shared/format';
import { t } from '../../src/lib/shared/i18n';
import { addDays } from '../../src/lib/shared/rules/dates';
import {
	aVisitRequest,
	bookableDate,
	call,
	createPrison,
	createStaff,
	newDeviceSecret,
	signIn,
	startTestApi,
	type CallOptions,
	type CallResult,
	type TestApi
} from '../helpers/api';
import { openEventStream } from '../helpers/event-stream';

let api: TestApi;
let prisonA: string;
let prisonB: string;
const phone = newDeviceSecret();
const sessions: Record<'staffA' | 'staffB', string> = { staffA: '', staffB: '' };
let officerA: { id: string; email: string; password: string; name: string };

/** Requests of prison A that the matrix acts on. */
const ids = { toConfirm: '', toReject: '', booked: '' };
let saturday: string;
/** A ban of prison A's that refused callers try to remove. */
let seededBan = '';
const NO_SUCH_REQUEST = '00000000-0000-4000-8000-000000000000';

async function submit(prisonId: string, overrides = {}) {
	const response = await call(api, 'POST', '/api/visit-requests', { body: aVisitRequest(prisonId, overrides), bearer: phone });
	expect(response.status).toBe(201);
	return response.body as { id: string; slots: { date: string; start: string }[] };
}

beforeAll(async () => {
	api = await startTestApi();
	prisonA = await createPrison(api.db);
	prisonB = await createPrison(api.db);
	officerA = await createStaff(api.db, { prisonIds: [prisonA], name: 'Sam Officer' });
	sessions.staffA = await signIn(api, officerA);
	sessions.staffB = await signIn(api, await createStaff(api.db, { prisonIds: [prisonB], name: 'Pat Elsewhere' }));
	saturday = bookableDate(6);
	ids.toConfirm = (await submit(prisonA)).id;
	ids.toReject = (await submit(prisonA)).id;
	const booked = await submit(prisonA);
	ids.booked = booked.id;
	expect(
		(await call(api, 'POST', `/api/staff/requests/${booked.id}/confirm`, { cookie: sessions.staffA, body: { slot: booked.slots[0] } }))
			.status
	).toBe(200);
	const ban = await call(api, 'POST', `/api/staff/prisons/${prisonA}/prisoners/C1234DE/bans`, {
		cookie: sessions.staffA,
		body: { firstName: 'Seeded', lastName: 'Ban', dateOfBirth: '1980-01-01', reason: 'For the matrix' }
	});
	expect(ban.status).toBe(201);
	seededBan = ban.body.id;
});
afterAll(async () => {
	await api?.close();
});

type Caller = 'anonymous' | 'visitor' | 'visitorSecretAsCookie' | 'staffB' | 'staffA';
const CALLERS: Caller[] = ['anonymous', 'visitor', 'visitorSecretAsCookie', 'staffB', 'staffA'];

function credentials(caller: Caller): CallOptions {
	switch (caller) {
		case 'anonymous':
			return {};
		case 'visitor':
			// The phone that made every request in this file: owning a request is no staff right.
			return { bearer: phone };
		case 'visitorSecretAsCookie':
			return { cookie: `bpv_session=${phone}` };
		case 'staffA':
		case 'staffB':
			return { cookie: sessions[caller] };
	}
}

interface Route {
	name: string;
	send(as: CallOptions): Promise<CallResult>;
}

const route = (name: string, body?: () => unknown): Route => {
	const [method, path] = name.split(' ') as [string, string];
	return {
		name,
		send: (as) =>
			call(
				api,
				method,
				`/api${path.replace(':A', prisonA).replace(':toConfirm', ids.toConfirm).replace(':toReject', ids.toReject).replace(':booked', ids.booked).replace(':unknown', NO_SUCH_REQUEST).replace(':saturday', saturday).replace(':saturday', saturday).replace(':officerA', officerA.id)}`,
				{
					...as,
					...(body ? { body: body() } : {})
				}
			)
	};
};

/** The live-events stream: its status, then closed at once (streams are tested in staff-events.test.ts). */
const eventsRoute: Route = {
	name: 'GET /staff/events?prisonId=:A',
	send: async (as) => {
		const stream = await openEventStream(`${api.url}/api/staff/events?prisonId=${prisonA}`, as);
		stream.close();
		return { status: stream.status, body: null, headers: new Headers() };
	}
};

// Routes in the order prison A's officer then uses them (the closure added is the one removed).
const ROUTES: Route[] = [
	route('GET /staff/me'),
	route('GET /staff/requests?prisonId=:A'),
	route('GET /staff/requests/:toConfirm'),
	route('GET /staff/requests/:unknown'),
	route('POST /staff/requests/:toConfirm/confirm', () => ({ slot: { date: saturday, start: '14:00' } })),
	route('POST /staff/requests/:toReject/reject', () => ({ reasons: ['visitor_not_on_list'] })),
	route('POST /staff/requests/:booked/cancel', () => ({ reason: 'prison_closed' })),
	route('GET /staff/visits?prisonId=:A&date=:saturday'),
	route('GET /staff/prisons/:A/timetable'),
	route('PUT /staff/prisons/:A/timetable', () => ({ slots: [{ weekday: 6, start: '14:00', end: '16:00', capacity: 20 }] })),
	route('GET /staff/prisons/:A/closures'),
	// A week later: Saturday has a booked visit now, and a closure over it would be refused (409 closure_hits_visits).
	route('POST /staff/prisons/:A/closures', () => ({ date: addDays(saturday, 7), reason: 'Staff training' })),
	route('DELETE /staff/prisons/:A/closures', () => ({ date: addDays(saturday, 7) })),
	route('GET /staff/prisons/:A/prisoners/A1234BC'),
	route('PUT /staff/prisons/:A/prisoners/A1234BC/allowance', () => ({ remaining: 6, renewsOn: '2027-01-01' })),
	route('POST /staff/prisons/:A/prisoners/A1234BC/bans', () => ({
		firstName: 'Bob',
		lastName: 'Smith',
		dateOfBirth: '1980-01-01',
		reason: 'Passing items'
	})),
	{
		// Removes the ban prison A's officer just added (any other caller asks for one that is there).
		name: 'DELETE /staff/prisons/:A/prisoners/A1234BC/bans/:ban',
		send: async (as) => {
			const ban = await api.db
				.selectFrom('prisonerBans')
				.select('id')
				.where('prisonId', '=', prisonA)
				.orderBy('createdAt', 'desc')
				.executeTakeFirst();
			return call(api, 'DELETE', `/api/staff/prisons/${prisonA}/prisoners/A1234BC/bans/${ban?.id ?? seededBan}`, as);
		}
	},
	route('POST /staff/prisons/:A/bookings', () => ({
		prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: 'B1234CD' },
		visitors: [{ firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1970-06-15', phone: '07700 900 982' }],
		slot: { date: saturday, start: '14:00' },
		method: 'phone'
	})),
	eventsRoute,
	// Running the service: prison A's own staff.
	route('PATCH /staff/prisons/:A', () => ({ onlineBooking: true })),
	route('GET /staff/prisons/:A/report?from=:saturday&to=:saturday'),
	route('GET /staff/prisons/:A/prisoners/A1234BC/closed-visits'),
	route('PUT /staff/prisons/:A/prisoners/A1234BC/closed-visits', () => ({ closedVisitsOnly: false })),
	// Administration: administrators only, so neither officer (an administrator is tested below).
	route('GET /admin/prisons'),
	route('POST /admin/prisons', () => ({ code: 'NEWP', name: 'HMP New', address: '1 Road' })),
	route('PATCH /admin/prisons/:A', () => ({ name: 'Renamed' })),
	route('GET /admin/staff'),
	route('POST /admin/staff', () => ({ email: 'someone.new@prison.example', name: 'Some One', prisonIds: [] })),
	route('PATCH /admin/staff/:officerA', () => ({ admin: true })),
	route('POST /admin/staff/:officerA/password-link'),
	route('POST /admin/staff/:officerA/deactivate')
];

//                                                     anonymous visitor secret-as-cookie staff B staff A
const EXPECTED: Record<string, [number, number, number, number, number]> = {
	'GET /staff/me': /*                                 */ [401, 401, 401, 200, 200],
	'GET /staff/requests?prisonId=:A': /*               */ [401, 401, 401, 403, 200],
	'GET /staff/requests/:toConfirm': /*                */ [401, 401, 401, 403, 200],
	'GET /staff/requests/:unknown': /*                  */ [401, 401, 401, 404, 404],
	'POST /staff/requests/:toConfirm/confirm': /*       */ [401, 401, 401, 403, 200],
	'POST /staff/requests/:toReject/reject': /*         */ [401, 401, 401, 403, 200],
	'POST /staff/requests/:booked/cancel': /*           */ [401, 401, 401, 403, 200],
	'GET /staff/visits?prisonId=:A&date=:saturday': /*  */ [401, 401, 401, 403, 200],
	'GET /staff/prisons/:A/timetable': /*               */ [401, 401, 401, 403, 200],
	'PUT /staff/prisons/:A/timetable': /*               */ [401, 401, 401, 403, 200],
	'GET /staff/prisons/:A/closures': /*                */ [401, 401, 401, 403, 200],
	'POST /staff/prisons/:A/closures': /*               */ [401, 401, 401, 403, 201],
	'DELETE /staff/prisons/:A/closures': /*             */ [401, 401, 401, 403, 204],
	'GET /staff/prisons/:A/prisoners/A1234BC': /*       */ [401, 401, 401, 403, 200],
	'PUT /staff/prisons/:A/prisoners/A1234BC/allowance': [401, 401, 401, 403, 200],
	'POST /staff/prisons/:A/prisoners/A1234BC/bans': /* */ [401, 401, 401, 403, 201],
	'DELETE /staff/prisons/:A/prisoners/A1234BC/bans/:ban': [401, 401, 401, 403, 204],
	'POST /staff/prisons/:A/bookings': /*               */ [401, 401, 401, 403, 201],
	'GET /staff/events?prisonId=:A': /*                 */ [401, 401, 401, 403, 200],
	'PATCH /staff/prisons/:A': /*                       */ [401, 401, 401, 403, 200],
	'GET /staff/prisons/:A/report?from=:saturday&to=:saturday': [401, 401, 401, 403, 200],
	'GET /staff/prisons/:A/prisoners/A1234BC/closed-visits': [401, 401, 401, 403, 200],
	'PUT /staff/prisons/:A/prisoners/A1234BC/closed-visits': [401, 401, 401, 403, 200],
	'GET /admin/prisons': /*                            */ [401, 401, 401, 403, 403],
	'POST /admin/prisons': /*                           */ [401, 401, 401, 403, 403],
	'PATCH /admin/prisons/:A': /*                       */ [401, 401, 401, 403, 403],
	'GET /admin/staff': /*                              */ [401, 401, 401, 403, 403],
	'POST /admin/staff': /*                             */ [401, 401, 401, 403, 403],
	'PATCH /admin/staff/:officerA': /*                  */ [401, 401, 401, 403, 403],
	'POST /admin/staff/:officerA/password-link': /*     */ [401, 401, 401, 403, 403],
	'POST /admin/staff/:officerA/deactivate': /*        */ [401, 401, 401, 403, 403]
};

const expectedFor = (caller: Caller) =>
	Object.fromEntries(Object.entries(EXPECTED).map(([name, codes]) => [name, codes[CALLERS.indexOf(caller)]]));

async function statusesOf(caller: Caller): Promise<Record<string, number>> {
	const statuses: Record<string, number> = {};
	for (const each of ROUTES) statuses[each.name] = (await each.send(credentials(caller))).status;
	return statuses;
}

/** Everything a staff write could change. */
async function snapshot() {
	const [requests, changes, audit, timetable, closures, usage, prisons, staff, links, allowances, bans] = await Promise.all([
		api.db.selectFrom('visitRequests').select(['id', 'status', 'updatedAt', 'bookedDate', 'bookedStart']).orderBy('id').execute(),
		api.db.selectFrom('stateChanges').select(['requestId', 'toStatus']).orderBy('id').execute(),
		api.db.selectFrom('auditLog').select(['action', 'prisonId']).orderBy('id').execute(),
		api.db.selectFrom('timetableSlots').selectAll().orderBy('id').execute(),
		api.db.selectFrom('closures').selectAll().orderBy('id').execute(),
		api.db.selectFrom('slotUsage').selectAll().orderBy('prisonId').orderBy('date').orderBy('startTime').execute(),
		api.db.selectFrom('prisons').selectAll().orderBy('id').execute(),
		api.db.selectFrom('staffUsers').select(['id', 'email', 'name', 'admin', 'deactivatedAt']).orderBy('id').execute(),
		api.db.selectFrom('staffPasswordTokens').selectAll().orderBy('tokenHash').execute(),
		api.db.selectFrom('prisonerAllowances').selectAll().orderBy('prisonerNumber').execute(),
		api.db.selectFrom('prisonerBans').selectAll().orderBy('id').execute()
	]);
	return { requests, changes, audit, timetable, closures, usage, prisons, staff, links, allowances, bans };
}

describe('the staff API, route by caller', () => {
	let before: Awaited<ReturnType<typeof snapshot>>;

	it.each(['anonymous', 'visitor', 'visitorSecretAsCookie', 'staffB'] as const)('refuses %s everything of prison A', async (caller) => {
		before ??= await snapshot();
		expect(await statusesOf(caller)).toEqual(expectedFor(caller));
	});

	it('changed nothing while refusing', async () => {
		expect(await snapshot()).toEqual(before);
	});

	it("lets prison A's officer do each of them", async () => {
		expect(await statusesOf('staffA')).toEqual(expectedFor('staffA'));
		const decided = await api.db.selectFrom('visitRequests').select(['id', 'status']).where('id', 'in', Object.values(ids)).execute();
		expect(Object.fromEntries(decided.map((r) => [r.id, r.status]))).toEqual({
			[ids.toConfirm]: 'booked',
			[ids.toReject]: 'rejected',
			[ids.booked]: 'cancelled'
		});
	});

	it("lists none of prison A's requests to prison B's officer", async () => {
		const { status, body } = await call(api, 'GET', '/api/staff/requests', { cookie: sessions.staffB });
		expect(status).toBe(200);
		expect(body.requests).toEqual([]);
		expect(Object.values(body.counts as Record<string, number>).every((count) => count === 0)).toBe(true);
	});

	it("records each of prison A's officer's actions with their name", async () => {
		const changes = await api.db
			.selectFrom('stateChanges')
			.select(['requestId', 'toStatus', 'actorType', 'actorName'])
			.where('requestId', 'in', Object.values(ids))
			.where('actorType', '=', 'staff')
			.execute();
		expect(changes).toHaveLength(4);
		expect(changes.every((change) => change.actorName === 'Sam Officer')).toBe(true);
		const audit = await api.db
			.selectFrom('auditLog')
			.innerJoin('staffUsers', 'staffUsers.id', 'auditLog.staffId')
			.select(['auditLog.action', 'staffUsers.name'])
			.where('auditLog.prisonId', '=', prisonA)
			.orderBy('auditLog.id')
			.execute();
		expect(audit).toEqual([
			{ action: 'prisoner.ban.add', name: 'Sam Officer' },
			{ action: 'timetable.replace', name: 'Sam Officer' },
			{ action: 'closure.add', name: 'Sam Officer' },
			{ action: 'closure.remove', name: 'Sam Officer' },
			{ action: 'prisoner.allowance.set', name: 'Sam Officer' },
			{ action: 'prisoner.ban.add', name: 'Sam Officer' },
			{ action: 'prisoner.ban.remove', name: 'Sam Officer' },
			{ action: 'prison.online-booking', name: 'Sam Officer' },
			{ action: 'prisoner.closed-visits', name: 'Sam Officer' }
		]);
	});
});

describe('a service administrator', () => {
	it('may administer, but not act for a prison they do not work at', async () => {
		const admin = await signIn(api, await createStaff(api.db, { prisonIds: [], name: 'Ali Admin', serviceAdmin: true }));
		const send = (name: string, body?: unknown) => route(name, body === undefined ? undefined : () => body).send({ cookie: admin });
		expect((await send('GET /admin/prisons')).status).toBe(200);
		expect((await send('GET /admin/staff')).status).toBe(200);
		expect((await send('PATCH /admin/prisons/:A', { visitorInfo: 'Bring photo ID' })).status).toBe(200);
		for (const name of [
			'GET /staff/requests?prisonId=:A',
			'GET /staff/prisons/:A/timetable',
			'GET /staff/prisons/:A/report?from=:saturday&to=:saturday'
		]) {
			expect((await send(name)).status).toBe(403);
		}
		expect((await send('PATCH /staff/prisons/:A', { onlineBooking: true })).status).toBe(403);
	});
});

describe('signing in and out', () => {
	it('gives the same answer for a wrong password and an unknown email, then stops trying', async () => {
		const officer = await createStaff(api.db, { prisonIds: [prisonA] });
		const attempt = (password: string) => call(api, 'POST', '/api/staff/login', { body: { email: officer.email, password } });
		const wrong = await attempt('not-the-password');
		const unknown = await call(api, 'POST', '/api/staff/login', { body: { email: 'nobody@prison.example', password: 'x' } });
		expect([wrong.status, unknown.status]).toEqual([401, 401]);
		expect(wrong.body).toEqual(unknown.body);
		expect(wrong.body.error.message).toBe(t('api.staff.signInFailed'));
		for (let i = 0; i < 4; i += 1) expect((await attempt('still-wrong')).status).toBe(401);
		// Five failures for one email: even the right password waits now.
		const limited = await attempt(officer.password);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
	});

	it('ends only the session that signs out; signing out with none changes nothing', async () => {
		expect((await call(api, 'POST', '/api/staff/logout')).status).toBe(200);
		const second = await signIn(api, officerA);
		expect((await call(api, 'POST', '/api/staff/logout', { cookie: second })).status).toBe(200);
		expect((await call(api, 'GET', '/api/staff/me', { cookie: second })).status).toBe(401);
		expect((await call(api, 'GET', '/api/staff/me', { cookie: sessions.staffA })).status).toBe(200);
		const audit = await api.db
			.selectFrom('auditLog')
			.select('action')
			.where('staffId', '=', officerA.id)
			.where('prisonId', 'is', null)
			.orderBy('id')
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['staff.login', 'staff.login', 'staff.logout']);
	});
});

describe('decisions that come too late', () => {
	it('says who decided first, and when', async () => {
		const request = await submit(prisonA);
		const other = await signIn(api, await createStaff(api.db, { prisonIds: [prisonA], name: 'Jo Second' }));
		expect(
			(await call(api, 'POST', `/api/staff/requests/${request.id}/reject`, { cookie: other, body: { reasons: ['no_allowance'] } })).status
		).toBe(200);

		for (const late of [
			{ path: 'confirm', body: { slot: request.slots[0] } },
			{ path: 'reject', body: { reasons: ['duplicate_request'] } }
		]) {
			const answer = await call(api, 'POST', `/api/staff/requests/${request.id}/${late.path}`, {
				cookie: sessions.staffA,
				body: late.body
			});
			expect(answer.status).toBe(409);
			expect(answer.body.error).toMatchObject({
				code: 'state_conflict',
				details: { status: 'rejected', by: 'Jo Second', byType: 'staff' }
			});
			const at = formatInstant(answer.body.error.details.at, 'Europe/London');
			expect(answer.body.error.message).toBe(
				t('api.conflict.alreadyDecided', { status: t('status.rejected'), actor: t('actor.staff', { name: 'Jo Second' }), at })
			);
		}
		const stored = await call(api, 'GET', `/api/staff/requests/${request.id}`, { cookie: sessions.staffA });
		expect(stored.body).toMatchObject({ status: 'rejected', rejectionReasons: ['no_allowance'] });
	});

	it('says the visitor withdrew first', async () => {
		const request = await submit(prisonA);
		expect((await call(api, 'POST', `/api/visit-requests/${request.id}/withdraw`, { bearer: phone, body: {} })).status).toBe(200);
		const answer = await call(api, 'POST', `/api/staff/requests/${request.id}/confirm`, {
			cookie: sessions.staffA,
			body: { slot: request.slots[0] }
		});
		expect(answer.status).toBe(409);
		expect(answer.body.error.details).toMatchObject({ status: 'withdrawn', byType: 'device' });
		expect(answer.body.error.message).toContain(t('actor.visitor'));
	});

	it('refuses to confirm into a full slot and leaves the request waiting', async () => {
		const small = await createPrison(api.db, { timetable: [{ weekday: 6, start: '10:00', end: '11:00', capacity: 1 }] });
		const officer = await signIn(api, await createStaff(api.db, { prisonIds: [small] }));
		const slot = { date: saturday, start: '10:00' };
		const first = await submit(small, { slots: [slot] });
		const second = await submit(small, { slots: [slot] });
		expect((await call(api, 'POST', `/api/staff/requests/${first.id}/confirm`, { cookie: officer, body: { slot } })).status).toBe(200);

		const full = await call(api, 'POST', `/api/staff/requests/${second.id}/confirm`, { cookie: officer, body: { slot } });
		expect(full.status).toBe(409);
		expect(full.body.error).toMatchObject({
			code: 'slot_full',
			message: t('api.conflict.slotFull'),
			fields: { slot: t('api.conflict.slotFull') }
		});
		const detail = await call(api, 'GET', `/api/staff/requests/${second.id}`, { cookie: officer });
		expect(detail.body).toMatchObject({ status: 'requested', choices: [expect.objectContaining({ available: 0, bookable: false })] });
	});
});
