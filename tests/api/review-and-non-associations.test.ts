// Visits needing review and non-associations (PRODUCT.md Round 3): a ban or a non-association
// added after a visit was booked flags it (as a row, since when), the list shows it soonest first,
// staff keep it with a reason (audited), and the cause going away clears it by itself. A request
// clashing with a non-association waits for staff, and nothing the family sees says why.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/lib/shared/i18n';
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
let prison: string;
let cookie: string;
let saturday: string;
let sunday: string;

const newPrisonerNumber = () =>
	`C${String(randomInt(10_000)).padStart(4, '0')}${String.fromCharCode(65 + randomInt(26), 65 + randomInt(26))}`;
const recordPath = (number: string, rest = '') => `/api/staff/prisons/${prison}/prisoners/${number}${rest}`;
const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '14:00', end: '16:00', capacity: 20 }));

async function book(prisonerNumber: string, date: string, visitor = { firstName: 'Mary', lastName: 'Jones', dateOfBirth: '1965-02-03' }) {
	const body = aVisitRequest(prison, {
		prisoner: { firstName: 'Ada', lastName: 'Jones', dateOfBirth: '1990-05-01', prisonerNumber },
		visitors: [{ ...visitor, email: 'family@example.com' }],
		slots: [{ date, start: '14:00' }]
	});
	const bearer = newDeviceSecret();
	const answer = await call(api, 'POST', '/api/visit-requests', { body, bearer });
	expect(answer.status).toBe(201);
	return { ...answer.body, bearer } as {
		id: string;
		reference: string;
		status: string;
		review?: { code: string; message: string }[];
		bearer: string;
	};
}
const reviewList = async () =>
	(await call(api, 'GET', `/api/staff/prisons/${prison}/review`, { cookie })).body.visits as {
		id: string;
		date: string;
		reasons: { code: string; message: string; since: string }[];
	}[];

beforeAll(async () => {
	api = await startTestApi();
	prison = await createPrison(api.db, { timetable: everyDay, bookingMode: 'instant' });
	cookie = await signIn(api, await createStaff(api.db, { prisonIds: [prison], name: 'Sam Officer' }));
	saturday = bookableDate(6);
	sunday = bookableDate(7);
});
afterAll(async () => {
	await api?.close();
});

describe('a ban added after booking', () => {
	it('flags the booked visit it covers, lists it with since, and clears it when the ban is lifted', async () => {
		const number = newPrisonerNumber();
		const covered = await book(number, saturday);
		const other = await book(newPrisonerNumber(), saturday);
		expect(covered.status).toBe('booked');
		expect(await reviewList()).toEqual([]);

		const ban = await call(api, 'POST', recordPath(number, '/bans'), {
			cookie,
			body: { firstName: 'mary', lastName: 'JONES', dateOfBirth: '1965-02-03', reason: 'Smuggling' }
		});
		expect(ban.status).toBe(201);
		const listed = await reviewList();
		expect(listed.map((v) => v.id)).toEqual([covered.id]);
		expect(listed[0]!.reasons).toEqual([
			{
				code: 'visitor_banned',
				message: t('instant.cause.visitor_banned', { name: 'mary JONES', reason: 'Smuggling' }),
				since: expect.any(String)
			}
		]);
		expect(listed.map((v) => v.id)).not.toContain(other.id);

		expect((await call(api, 'DELETE', recordPath(number, `/bans/${ban.body.id}`), { cookie })).status).toBe(204);
		expect(await reviewList()).toEqual([]);
		const rows = await api.db.selectFrom('reviewCauses').select(['clearedHow']).where('requestId', '=', covered.id).execute();
		expect(rows).toEqual([{ clearedHow: 'gone' }]);
	});

	it('does not flag a visit the ban does not cover (a visitor excluded, or the ban over before the date)', async () => {
		const number = newPrisonerNumber();
		const visit = await book(number, sunday);
		const before = addDaysTo(sunday, -1);
		await call(api, 'POST', recordPath(number, '/bans'), {
			cookie,
			body: { firstName: 'Mary', lastName: 'Jones', dateOfBirth: '1965-02-03', until: before, reason: 'Short ban' }
		});
		expect((await reviewList()).map((v) => v.id)).not.toContain(visit.id);
	});
});

describe('keeping a visit needing review', () => {
	it('needs a reason (400 naming it, nothing changes), then clears it as kept with an audit entry; a new cause lists it again', async () => {
		const number = newPrisonerNumber();
		const visit = await book(number, saturday);
		await call(api, 'POST', recordPath(number, '/bans'), {
			cookie,
			body: { firstName: 'Mary', lastName: 'Jones', dateOfBirth: '1965-02-03', reason: 'First' }
		});
		expect((await reviewList()).map((v) => v.id)).toContain(visit.id);

		const noReason = await call(api, 'POST', `/api/staff/requests/${visit.id}/review`, {
			cookie,
			body: { decision: 'keep', reason: '  ' }
		});
		expect(noReason.status).toBe(400);
		expect(noReason.body.error.fields).toEqual({ reason: t('instant.field.reviewReason.required') });
		const badDecision = await call(api, 'POST', `/api/staff/requests/${visit.id}/review`, { cookie, body: { decision: 'drop' } });
		expect(Object.keys(badDecision.body.error.fields).sort()).toEqual(['decision', 'reason']);
		expect((await reviewList()).map((v) => v.id)).toContain(visit.id);

		const kept = await call(api, 'POST', `/api/staff/requests/${visit.id}/review`, {
			cookie,
			body: { decision: 'keep', reason: 'Governor allowed it' }
		});
		expect(kept.status).toBe(200);
		expect(kept.body).toMatchObject({ id: visit.id, kept: [{ code: 'visitor_banned' }] });
		expect((await reviewList()).map((v) => v.id)).not.toContain(visit.id);
		const audit = await api.db
			.selectFrom('auditLog')
			.select('detail')
			.where('action', '=', 'request.review.keep')
			.where('target', '=', visit.id)
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]!.detail).toMatchObject({ reason: 'Governor allowed it' });
		// Nothing left to keep.
		expect(
			(await call(api, 'POST', `/api/staff/requests/${visit.id}/review`, { cookie, body: { decision: 'keep', reason: 'Again' } })).status
		).toBe(409);

		await call(api, 'POST', recordPath(number, '/bans'), {
			cookie,
			body: { firstName: 'Mary', lastName: 'Jones', dateOfBirth: '1965-02-03', reason: 'Second' }
		});
		expect((await reviewList()).map((v) => v.id)).toContain(visit.id);
	});

	it('lists visits soonest first', async () => {
		const number = newPrisonerNumber();
		const later = await book(number, sunday);
		const sooner = await book(newPrisonerNumber(), saturday);
		const soonerNumber = (
			await api.db.selectFrom('visitRequests').select('prisonerNumber').where('id', '=', sooner.id).executeTakeFirstOrThrow()
		).prisonerNumber!;
		for (const n of [number, soonerNumber])
			await call(api, 'POST', recordPath(n, '/bans'), {
				cookie,
				body: { firstName: 'Mary', lastName: 'Jones', dateOfBirth: '1965-02-03', reason: 'X' }
			});
		const ids = (await reviewList()).map((v) => v.id);
		const [first, second] = saturday < sunday ? [sooner.id, later.id] : [later.id, sooner.id];
		expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));
	});
});

describe('non-associations', () => {
	it('refuses oneself, a malformed number and no reason, naming the fields, and changes nothing', async () => {
		const number = newPrisonerNumber();
		const self = await call(api, 'POST', recordPath(number, '/non-associations'), {
			cookie,
			body: { prisonerNumber: number, reason: 'x' }
		});
		expect(self.status).toBe(400);
		expect(self.body.error.fields).toEqual({ prisonerNumber: t('instant.field.nonAssoc.self') });
		const bad = await call(api, 'POST', recordPath(number, '/non-associations'), { cookie, body: { prisonerNumber: 'nope', reason: '' } });
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.error.fields).sort()).toEqual(['prisonerNumber', 'reason']);
		const badDelete = await call(api, 'DELETE', recordPath(number, '/non-associations/nope'), { cookie });
		expect(badDelete.status).toBe(400);
		expect(Object.keys(badDelete.body.error.fields)).toEqual(['otherNumber']);
		expect((await call(api, 'GET', recordPath(number), { cookie })).body.nonAssociations).toEqual([]);
	});

	it('holds both ways, is audited, flags a clashing request (never booked at once, nothing said why) and reviews a booked visit', async () => {
		const a = newPrisonerNumber();
		const b = newPrisonerNumber();
		const aVisit = await book(a, saturday);
		const bVisitBefore = await book(b, saturday);
		expect([aVisit.status, bVisitBefore.status]).toEqual(['booked', 'booked']);

		const added = await call(api, 'POST', recordPath(a, '/non-associations'), {
			cookie,
			body: { prisonerNumber: ` ${b.toLowerCase()} `, reason: 'Gang rivalry' }
		});
		expect(added.status).toBe(201);
		expect(added.body).toMatchObject({ prisonerNumber: b, reason: 'Gang rivalry' });
		expect((await call(api, 'GET', recordPath(a), { cookie })).body.nonAssociations).toMatchObject([{ prisonerNumber: b }]);
		expect((await call(api, 'GET', recordPath(b), { cookie })).body.nonAssociations).toMatchObject([{ prisonerNumber: a }]);
		const audit = await api.db
			.selectFrom('auditLog')
			.select(['target', 'detail'])
			.where('action', '=', 'prisoner.non-association.add')
			.where('target', '=', a)
			.execute();
		expect(audit).toEqual([{ target: a, detail: { otherNumber: b, reason: 'Gang rivalry' } }]);

		// Both booked visits on that day now need review.
		const listed = await reviewList();
		expect(listed.filter((v) => v.id === aVisit.id || v.id === bVisitBefore.id)).toHaveLength(2);
		expect(listed.find((v) => v.id === aVisit.id)!.reasons.map((r) => r.message)).toEqual([
			t('instant.cause.non_association', { number: b })
		]);

		// A new request for c (non-associated with a, nothing else on its record) on the day a has a
		// visit waits for staff; the family's answer does not say why.
		const c = newPrisonerNumber();
		expect(
			(await call(api, 'POST', recordPath(c, '/non-associations'), { cookie, body: { prisonerNumber: a, reason: 'Threats' } })).status
		).toBe(201);
		const waiting = await book(c, saturday, { firstName: 'Other', lastName: 'Person', dateOfBirth: '1970-01-01' });
		expect(waiting.status).toBe('requested');
		const family = JSON.stringify(waiting);
		expect(family).not.toContain('non_association');
		expect(family).not.toContain(a);
		expect(waiting.review).toEqual([{ code: 'staff_check', message: t('instant.review.staff_check') }]);
		const staffView = await call(api, 'GET', `/api/staff/requests/${waiting.id}`, { cookie });
		expect(staffView.body.flags.map((f: { code: string }) => f.code)).toEqual(['non_association']);
		// On a day a has no visit, c is booked at once.
		expect((await book(c, sunday, { firstName: 'Other', lastName: 'Person', dateOfBirth: '1970-01-01' })).status).toBe('booked');

		// Ended from b's side: both ways go, and the reviews it caused clear.
		expect((await call(api, 'DELETE', recordPath(b, `/non-associations/${a}`), { cookie })).status).toBe(204);
		expect(
			(await call(api, 'GET', recordPath(a), { cookie })).body.nonAssociations.map((n: { prisonerNumber: string }) => n.prisonerNumber)
		).toEqual([c]);
		expect((await call(api, 'GET', recordPath(b), { cookie })).body.nonAssociations).toEqual([]);
		const after = await reviewList();
		expect(after.filter((v) => v.id === aVisit.id || v.id === bVisitBefore.id)).toEqual([]);
		expect((await call(api, 'DELETE', recordPath(b, `/non-associations/${a}`), { cookie })).status).toBe(404);
		const ended = await api.db
			.selectFrom('auditLog')
			.select('target')
			.where('action', '=', 'prisoner.non-association.remove')
			.where('target', '=', b)
			.execute();
		expect(ended).toHaveLength(1);
	});
});

function addDaysTo(date: string, days: number): string {
	const d = new Date(`${date}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}
