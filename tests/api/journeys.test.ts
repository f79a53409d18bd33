// What walking the journeys found at the gate and in the decisions: an override names each flag it
// goes past (a reason for a ban is not a reason for an empty allowance), a banned lead visitor is
// left out only when another adult leads, the day's list shows an overridden ban, and the gate
// records how a visit went (PRODUCT.md "Outcomes at the gate"), counted by the report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateShort } from '../../src/lib/shared/format';
import { t } from '../../src/lib/shared/i18n';
import { instantOf } from '../../src/lib/shared/rules/dates';
import {
	aVisitRequest,
	bookableDate,
	call,
	createPrison,
	createStaff,
	newDeviceSecret,
	signIn,
	startTestApi,
	type TestApi,
	yearBorn
} from '../helpers/api';

let api: TestApi;
let prison: string;
let cookie: string;
let sam: { email: string; password: string };
let now = new Date();
const saturday = bookableDate(6);
const sunday = bookableDate(7);
const TZ = 'Europe/London';
const SLOT = (date: string) => ({ date, start: '14:00' });
const mary = { firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email: 'mary@example.com' };
const bob = { firstName: 'Bob', lastName: 'Smith', dateOfBirth: '1980-01-01' };
const child = { firstName: 'Tim', lastName: 'Smith', dateOfBirth: `${yearBorn(6)}-01-01` };
let numbers = 0;
const newPrisonerNumber = () => `B${String(1000 + (numbers += 1))}CD`;
const recordPath = (number: string, rest = '') => `/api/staff/prisons/${prison}/prisoners/${number}${rest}`;

beforeAll(async () => {
	api = await startTestApi({ clock: () => now });
	prison = await createPrison(api.db);
	sam = await createStaff(api.db, { prisonIds: [prison], name: 'Sam Officer' });
	cookie = await signIn(api, sam);
});

/** Moves the server's clock; the session is signed in again, as one from days before would have expired. */
async function setClock(instant: Date) {
	now = instant;
	await api.db.deleteFrom('rateLimits').execute();
	cookie = await signIn(api, sam);
}
afterAll(async () => {
	await api?.close();
});

async function submit(prisonerNumber: string, visitors: object[], date = saturday) {
	const body = aVisitRequest(prison, {
		prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber },
		visitors: visitors as never,
		slots: [SLOT(date)]
	});
	const response = await call(api, 'POST', '/api/visit-requests', { body, bearer: newDeviceSecret() });
	expect(response.status).toBe(201);
	return body.id;
}
const confirm = (id: string, body: Record<string, unknown>) => call(api, 'POST', `/api/staff/requests/${id}/confirm`, { cookie, body });
const status = async (id: string) =>
	(await api.db.selectFrom('visitRequests').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const dayList = async (date: string) => (await call(api, 'GET', `/api/staff/visits?prisonId=${prison}&date=${date}`, { cookie })).body;

describe('an override names what it overrides', () => {
	it('refuses a reason that names only the ban when the allowance is empty too, and keeps the override with the booking', async () => {
		const number = newPrisonerNumber();
		await call(api, 'POST', recordPath(number, '/bans'), { cookie, body: { ...bob, reason: 'Passing items' } });
		await call(api, 'PUT', recordPath(number, '/allowance'), { cookie, body: { remaining: 0 } });
		const id = await submit(number, [mary, bob]);

		const oldBody = await confirm(id, { slot: SLOT(saturday), override: { reason: 'Governor agreed' } });
		expect(oldBody.status).toBe(400);
		expect(oldBody.body.error.fields).toEqual({ 'override.codes': t('journeys.field.overrideCodes.required') });

		const onlyTheBan = await confirm(id, { slot: SLOT(saturday), override: { reason: 'Governor agreed', codes: ['visitor_banned'] } });
		expect(onlyTheBan.status).toBe(409);
		expect(onlyTheBan.body.error.code).toBe('flagged');
		expect(onlyTheBan.body.error.details.flags).toEqual([expect.objectContaining({ code: 'no_allowance' })]);
		expect(onlyTheBan.body.error.fields).toEqual({
			'override.codes': t('journeys.field.overrideCodes.missing', { flags: t('flags.tag.no_allowance') })
		});
		expect(await status(id)).toBe('requested');
		expect(await api.db.selectFrom('visitOverrides').selectAll().where('requestId', '=', id).execute()).toEqual([]);

		const both = await confirm(id, {
			slot: SLOT(saturday),
			override: { reason: 'Governor agreed a supervised visit', codes: ['no_allowance', 'visitor_banned'] }
		});
		expect(both.status).toBe(200);
		const audit = await api.db
			.selectFrom('auditLog')
			.select('detail')
			.where('action', '=', 'request.override')
			.where('target', '=', id)
			.execute();
		expect(audit).toEqual([
			{ detail: { reason: 'Governor agreed a supervised visit', flags: ['no_allowance', 'visitor_banned'], visitors: [1] } }
		]);

		// The day's list (and so the gate) carries the ban still standing and the override that let Bob come.
		const visit = (await dayList(saturday)).slots.flatMap((s: { visits: unknown[] }) => s.visits).find((v: { id: string }) => v.id === id);
		expect(visit.flags).toEqual([expect.objectContaining({ code: 'visitor_banned', visitors: [1] })]);
		expect(visit.override).toEqual({
			codes: ['no_allowance', 'visitor_banned'],
			visitors: [1],
			reason: 'Governor agreed a supervised visit',
			by: 'Sam Officer',
			at: expect.any(String)
		});
	});

	it('leaves a banned lead visitor out only when another adult comes to lead, and says so in the warning', async () => {
		const number = newPrisonerNumber();
		await call(api, 'POST', recordPath(number, '/bans'), { cookie, body: { ...mary, email: undefined, reason: 'Threats' } });
		const withChild = await submit(number, [mary, child]);
		const view = (await call(api, 'GET', `/api/staff/requests/${withChild}`, { cookie })).body;
		expect(view.flags[0].message).toBe(
			t('journeys.flags.leadBanned.open', { name: 'Mary Lovelace', reason: 'Threats', dates: formatDateShort(saturday) })
		);

		const noLeader = await confirm(withChild, { slot: SLOT(saturday), excludedVisitors: [0] });
		expect(noLeader.status).toBe(422);
		expect(noLeader.body.error.fields).toEqual({ excludedVisitors: t('journeys.api.leadExcluded', { age: 18 }) });
		expect(await status(withChild)).toBe('requested');

		const withBob = await submit(number, [mary, bob], sunday);
		const led = await confirm(withBob, { slot: SLOT(sunday), excludedVisitors: [0] });
		expect(led.status).toBe(200);
		expect(led.body).toMatchObject({ status: 'booked', excludedVisitors: [0] });
		const visit = (await dayList(sunday)).slots
			.flatMap((s: { visits: unknown[] }) => s.visits)
			.find((v: { id: string }) => v.id === withBob);
		expect([visit.flags, visit.override]).toEqual([[], null]);
	});
});

describe('outcomes at the gate', () => {
	it('records an arrival with its outcome and note, changes it later (audited), shows it on the list and counts each in the report', async () => {
		const ids = [] as string[];
		for (let i = 0; i < 4; i += 1) {
			const id = await submit(newPrisonerNumber(), [mary]);
			expect((await confirm(id, { slot: SLOT(saturday) })).status).toBe(200);
			ids.push(id);
		}
		const [attended, refused, leftEarly, missed] = ids as [string, string, string, string];
		await setClock(instantOf(saturday, '13:50', TZ));
		const arrive = (id: string, body: object) => call(api, 'POST', `/api/staff/requests/${id}/arrival`, { cookie, body });

		const bad = await arrive(refused, { outcome: 'sent_home', note: 'x'.repeat(2001) });
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.error.fields).sort()).toEqual(['note', 'outcome']);
		expect(await api.db.selectFrom('visitArrivals').select('requestId').where('requestId', '=', refused).execute()).toEqual([]);

		expect((await arrive(attended, {})).body.arrival).toMatchObject({ outcome: 'attended', note: null });
		const refusal = await arrive(refused, { outcome: 'refused_entry', note: 'Would not be searched' });
		expect(refusal.status).toBe(200);
		expect(refusal.body.arrival).toMatchObject({ outcome: 'refused_entry', note: 'Would not be searched' });
		expect((await arrive(leftEarly, {})).status).toBe(200);

		const tooSoon = await call(api, 'PATCH', `/api/staff/requests/${missed}/arrival`, { cookie, body: { outcome: 'visitor_left_early' } });
		expect(tooSoon.status).toBe(404);
		expect(tooSoon.body.error.code).toBe('no_arrival');
		const later = await call(api, 'PATCH', `/api/staff/requests/${leftEarly}/arrival`, {
			cookie,
			body: { outcome: 'visitor_left_early', note: 'Child unwell' }
		});
		expect(later.status).toBe(200);
		expect(later.body.arrival).toMatchObject({ outcome: 'visitor_left_early', note: 'Child unwell' });
		const audit = await api.db
			.selectFrom('auditLog')
			.select('detail')
			.where('action', '=', 'visit.outcome')
			.where('target', '=', leftEarly)
			.execute();
		expect(audit).toEqual([{ detail: { from: 'attended', outcome: 'visitor_left_early', note: 'Child unwell' } }]);

		await setClock(instantOf(saturday, '16:30', TZ));
		const visits = (await dayList(saturday)).slots.flatMap((s: { visits: unknown[] }) => s.visits) as {
			id: string;
			attendance: string;
			arrival: { outcome: string } | null;
		}[];
		const outcomeOf = (id: string) => visits.find((v) => v.id === id);
		expect(outcomeOf(refused)?.arrival?.outcome).toBe('refused_entry');
		expect(outcomeOf(leftEarly)?.arrival?.outcome).toBe('visitor_left_early');
		expect(outcomeOf(missed)).toMatchObject({ arrival: null, attendance: 'not_attended' });

		const report = await call(api, 'GET', `/api/staff/prisons/${prison}/report?from=${saturday}&to=${saturday}`, { cookie });
		expect(report.status).toBe(200);
		expect(report.body.outcomes).toEqual({
			attended: 1,
			refused_entry: 1,
			visitor_left_early: 1,
			ended_by_staff: 0,
			prisoner_declined: 0,
			// The banned-lead test's Saturday request was never booked; every other booked Saturday visit is here.
			not_attended: expect.any(Number)
		});
		expect(report.body.outcomes.not_attended).toBeGreaterThanOrEqual(1);
		expect(report.body.attended).toBe(1);
	});
});

describe('who has looked at a request', () => {
	it('shows one line per read, with repeats by the same person within a few minutes folded into it', async () => {
		await setClock(new Date());
		const id = await submit(newPrisonerNumber(), [mary]);
		const read = () => call(api, 'GET', `/api/staff/requests/${id}`, { cookie });
		for (let i = 0; i < 3; i += 1) expect((await read()).status).toBe(200);
		const folded = (await read()).body.reads.filter((r: { what: string }) => r.what === 'request');
		expect(folded).toEqual([{ staffName: 'Sam Officer', what: 'request', at: expect.any(String), repeats: 3, until: expect.any(String) }]);
		// Every read is still recorded.
		expect(
			await api.db.selectFrom('requestReads').select('id').where('requestId', '=', id).where('what', '=', 'request').execute()
		).toHaveLength(4);

		await setClock(new Date(now.getTime() + 6 * 60_000));
		const later = (await read()).body.reads.filter((r: { what: string }) => r.what === 'request');
		expect(later.map((r: { repeats?: number }) => r.repeats)).toEqual([3, undefined]);
	});
});
