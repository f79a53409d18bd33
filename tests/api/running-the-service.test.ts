// Running the service: the online booking switch, administrators' prisons and staff
// users, closed visits on their own capacity, and the report, over real HTTP on a fresh database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../server/auth/tokens';
import { prisonReport } from '../../server/reports/report';
import { purgeExpiredRequests } from '../../server/requests/retention';
import { t, tPlural } from '../../src/lib/shared/i18n';
import { REPORT_CSV_COLUMNS } from '../../src/lib/shared/report';
import { addDays, instantOf, todayIn } from '../../src/lib/shared/rules/dates';
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
let prisonId: string;
let officer: string;
let adminCookie: string;
let admin: { id: string };
const phone = newDeviceSecret();
const everyDay = (capacity: number, closedCapacity = 0) =>
	[1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '14:00', end: '16:00', capacity, closedCapacity }));

beforeAll(async () => {
	api = await startTestApi();
	prisonId = await createPrison(api.db, { timetable: everyDay(20) });
	officer = await signIn(api, await createStaff(api.db, { prisonIds: [prisonId], name: 'Sam Officer' }));
	const made = await createStaff(api.db, { prisonIds: [], name: 'Ali Admin', serviceAdmin: true });
	admin = made;
	adminCookie = await signIn(api, made);
});
afterAll(async () => {
	await api?.close();
});

const auditOf = async (action: string) =>
	api.db.selectFrom('auditLog').select(['staffId', 'prisonId', 'target', 'detail']).where('action', '=', action).orderBy('id').execute();

describe('the online booking switch', () => {
	it('refuses to switch off without a message, naming the field', async () => {
		const answer = await call(api, 'PATCH', `/api/staff/prisons/${prisonId}`, { cookie: officer, body: { onlineBooking: false } });
		expect(answer.status).toBe(400);
		expect(answer.body.error.fields).toEqual({ onlineBookingMessage: t('admin.field.onlineBookingMessage.required') });
		const bad = await call(api, 'PATCH', `/api/staff/prisons/${prisonId}`, { cookie: officer, body: { onlineBooking: 'no', extra: 1 } });
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.error.fields).sort()).toEqual(['body', 'onlineBooking']);
	});

	it('while off, lists the prison as off with its message and refuses new requests with it; replays still answer', async () => {
		const before = aVisitRequest(prisonId);
		expect((await call(api, 'POST', '/api/visit-requests', { body: before, bearer: phone })).status).toBe(201);
		const message = 'Visits are suspended this week because of staff shortages. Call 01234 567890.';
		const off = await call(api, 'PATCH', `/api/staff/prisons/${prisonId}`, {
			cookie: officer,
			body: { onlineBooking: false, onlineBookingMessage: ` ${message} ` }
		});
		expect(off.status).toBe(200);
		expect(off.body).toMatchObject({ id: prisonId, onlineBooking: false, onlineBookingMessage: message });

		const listed = await call(api, 'GET', '/api/prisons');
		expect(listed.body.prisons.find((p: { id: string }) => p.id === prisonId)).toMatchObject({
			onlineBooking: false,
			onlineBookingMessage: message
		});

		const refused = await call(api, 'POST', '/api/visit-requests', { body: aVisitRequest(prisonId), bearer: phone });
		expect(refused.status).toBe(422);
		expect(refused.body.error).toEqual({ code: 'online_booking_off', message: t('admin.onlineBooking.refused', { message }) });
		// A phone that never saw the answer to a request stored before the switch still gets it.
		expect((await call(api, 'POST', '/api/visit-requests', { body: before, bearer: phone })).status).toBe(200);

		const on = await call(api, 'PATCH', `/api/staff/prisons/${prisonId}`, { cookie: officer, body: { onlineBooking: true } });
		expect(on.body).toMatchObject({ onlineBooking: true, onlineBookingMessage: null });
		expect((await call(api, 'POST', '/api/visit-requests', { body: aVisitRequest(prisonId), bearer: phone })).status).toBe(201);

		const audit = await auditOf('prison.online-booking');
		expect(audit.map((a) => [a.prisonId, (a.detail as { after: { onlineBooking: boolean } }).after.onlineBooking])).toEqual([
			[prisonId, false],
			[prisonId, true]
		]);
	});

	it('is only for staff of that prison, administrators included', async () => {
		const other = await signIn(api, await createStaff(api.db, { prisonIds: [await createPrison(api.db)] }));
		for (const cookie of [other, adminCookie]) {
			expect((await call(api, 'PATCH', `/api/staff/prisons/${prisonId}`, { cookie, body: { onlineBooking: true } })).status).toBe(403);
		}
		expect((await call(api, 'PATCH', `/api/staff/prisons/${prisonId}`, { bearer: phone, body: { onlineBooking: true } })).status).toBe(401);
	});
});

describe('administrators: prisons', () => {
	const valid = () => ({
		code: `A${randomUUID()
			.replace(/[^a-f]/g, '')
			.slice(0, 4)
			.toUpperCase()
			.padEnd(4, 'Q')}`,
		name: 'HMP Newtown',
		address: '1 Gaol Lane, Newtown',
		timeZone: 'Europe/London'
	});

	it('refuses officers who are not administrators, and visitors', async () => {
		expect((await call(api, 'GET', '/api/admin/prisons', { cookie: officer })).status).toBe(403);
		expect((await call(api, 'POST', '/api/admin/prisons', { cookie: officer, body: valid() })).status).toBe(403);
		expect((await call(api, 'GET', '/api/admin/staff', { cookie: officer })).status).toBe(403);
		expect((await call(api, 'GET', '/api/admin/prisons', { bearer: phone })).status).toBe(401);
	});

	it('names every bad field in one answer, including a time zone that does not exist', async () => {
		const answer = await call(api, 'POST', '/api/admin/prisons', {
			cookie: adminCookie,
			body: { code: 'r1', name: '', address: 'x', timeZone: 'Europe/Atlantis', leadDays: -1, horizonDays: 2, maxVisitors: 2, maxAdults: 3 }
		});
		expect(answer.status).toBe(400);
		expect(answer.body.error.fields).toEqual({
			code: t('admin.field.code.format'),
			name: t('admin.field.name.required'),
			timeZone: t('admin.field.timeZone.unknown'),
			leadDays: t('admin.field.days.invalid', { min: 0, max: 60 }),
			maxAdults: t('admin.field.adults.moreThanVisitors')
		});
		expect(await api.db.selectFrom('prisons').select('id').where('address', '=', 'x').execute()).toEqual([]);
	});

	it('creates a prison, refuses a code already taken with a field message, edits rules and time zone, all audited', async () => {
		const body = valid();
		const created = await call(api, 'POST', '/api/admin/prisons', {
			cookie: adminCookie,
			body: { ...body, code: body.code.toLowerCase(), leadDays: 2, visitorInfo: 'Bring ID' }
		});
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			code: body.code,
			name: body.name,
			leadDays: 2,
			horizonDays: 28,
			visitorInfo: 'Bring ID',
			onlineBooking: true
		});
		const id = created.body.id as string;

		const taken = await call(api, 'POST', '/api/admin/prisons', { cookie: adminCookie, body });
		expect(taken.status).toBe(409);
		expect(taken.body.error.fields).toEqual({ code: t('admin.field.code.taken') });

		const badZone = await call(api, 'PATCH', `/api/admin/prisons/${id}`, { cookie: adminCookie, body: { timeZone: 'Mars/Olympus_Mons' } });
		expect(badZone.status).toBe(400);
		expect(badZone.body.error.fields).toEqual({ timeZone: t('admin.field.timeZone.unknown') });
		// Checked against what is stored: lead 2 days, so a horizon of 1 is before it.
		const badHorizon = await call(api, 'PATCH', `/api/admin/prisons/${id}`, { cookie: adminCookie, body: { horizonDays: 1 } });
		expect(badHorizon.status).toBe(400);
		expect(badHorizon.body.error.fields).toEqual({ horizonDays: t('admin.field.horizon.beforeLead') });
		const edited = await call(api, 'PATCH', `/api/admin/prisons/${id}`, {
			cookie: adminCookie,
			body: { timeZone: 'Europe/Dublin', address: '2 New Road', maxVisitors: 4 }
		});
		expect(edited.status).toBe(200);
		expect(edited.body).toMatchObject({ timeZone: 'Europe/Dublin', address: '2 New Road', maxVisitors: 4, leadDays: 2 });
		expect((await call(api, 'PATCH', `/api/admin/prisons/${randomUUID()}`, { cookie: adminCookie, body: { name: 'X' } })).status).toBe(404);

		const audit = [...(await auditOf('admin.prison.create')), ...(await auditOf('admin.prison.update'))].filter((a) => a.target === id);
		expect(audit.map((a) => a.staffId)).toEqual([admin.id, admin.id]);
		expect((audit[1]!.detail as { before: Record<string, unknown> }).before).toEqual({
			timeZone: 'Europe/London',
			address: body.address,
			maxVisitors: 6
		});
	});

	it('keeps a prison’s Welsh name, address and information, and a closure’s Welsh reason, for Welsh readers', async () => {
		const welsh = { nameCy: 'CEF Rochester', addressCy: '1 Ffordd y Carchar', visitorInfoCy: 'Dewch â phrawf adnabod â llun' };
		const saved = await call(api, 'PATCH', `/api/admin/prisons/${prisonId}`, { cookie: adminCookie, body: welsh });
		expect(saved.status).toBe(200);
		expect(saved.body).toMatchObject(welsh);
		const listed = await call(api, 'GET', '/api/prisons');
		expect(listed.body.prisons.find((p: { id: string }) => p.id === prisonId)).toMatchObject(welsh);
		// Empty clears it: a Welsh reader then sees the English.
		const cleared = await call(api, 'PATCH', `/api/admin/prisons/${prisonId}`, { cookie: adminCookie, body: { visitorInfoCy: '  ' } });
		expect(cleared.body.visitorInfoCy).toBeNull();

		const date = bookableDate(3);
		const closure = await call(api, 'POST', `/api/staff/prisons/${prisonId}/closures`, {
			cookie: officer,
			body: { date, reason: 'Staff training', reasonCy: 'Hyfforddiant staff' }
		});
		expect(closure.status).toBe(201);
		const calendar = await call(api, 'GET', `/api/prisons/${prisonId}/slots?from=${date}&to=${date}`);
		expect(calendar.body.days[0]).toMatchObject({ closed: true, closedReason: 'Staff training', closedReasonCy: 'Hyfforddiant staff' });
	});
});

describe('administrators: staff users', () => {
	const linkToken = (path: string) => /#token=([A-Za-z0-9_-]+)$/.exec(path)?.[1] ?? '';

	it('creates a user with a one-time link (stored hashed), which sets a password once', async () => {
		const email = `new-${randomUUID().slice(0, 8)}@prison.example`;
		const created = await call(api, 'POST', '/api/admin/staff', {
			cookie: adminCookie,
			body: { email: ` ${email.toUpperCase()} `, name: 'Jo New', prisonIds: [prisonId] }
		});
		expect(created.status).toBe(201);
		expect(created.body.user).toMatchObject({ email, name: 'Jo New', admin: false, active: true, prisonIds: [prisonId] });
		const token = linkToken(created.body.link.path);
		expect(token).toHaveLength(43);
		const stored = await api.db.selectFrom('staffPasswordTokens').selectAll().where('staffId', '=', created.body.user.id).execute();
		expect(stored.map((s) => s.tokenHash)).toEqual([sha256Hex(token)]);
		expect(JSON.stringify(stored)).not.toContain(token);

		const taken = await call(api, 'POST', '/api/admin/staff', { cookie: adminCookie, body: { email, name: 'Jo Again', prisonIds: [] } });
		expect(taken.status).toBe(409);
		expect(taken.body.error.fields).toEqual({ email: t('admin.field.email.taken') });

		const short = await call(api, 'POST', '/api/staff/set-password', { body: { token, password: 'short' } });
		expect(short.status).toBe(400);
		expect(short.body.error.fields).toEqual({ password: tPlural('admin.field.password.short', 10) });
		const set = await call(api, 'POST', '/api/staff/set-password', { body: { token, password: 'a long new password' } });
		expect(set.status).toBe(200);
		const cookie = await signIn(api, { email, password: 'a long new password' });
		expect((await call(api, 'GET', '/api/staff/me', { cookie })).body).toMatchObject({
			email,
			admin: false,
			prisons: [expect.objectContaining({ id: prisonId })]
		});

		const again = await call(api, 'POST', '/api/staff/set-password', { body: { token, password: 'another password here' } });
		expect(again.status).toBe(400);
		expect(again.body.error.fields).toEqual({ token: t('admin.setPassword.linkInvalid') });
	});

	it('refuses an expired link, and a link replaced by a newer one', async () => {
		const created = await call(api, 'POST', '/api/admin/staff', {
			cookie: adminCookie,
			body: { email: `exp-${randomUUID().slice(0, 8)}@prison.example`, name: 'Kit Late', prisonIds: [] }
		});
		const first = linkToken(created.body.link.path);
		const renewed = await call(api, 'POST', `/api/admin/staff/${created.body.user.id}/password-link`, { cookie: adminCookie });
		expect(renewed.status).toBe(200);
		expect((await call(api, 'POST', '/api/staff/set-password', { body: { token: first, password: 'a long new password' } })).status).toBe(
			400
		);
		const second = linkToken(renewed.body.link.path);
		await api.db
			.updateTable('staffPasswordTokens')
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where('tokenHash', '=', sha256Hex(second))
			.execute();
		expect((await call(api, 'POST', '/api/staff/set-password', { body: { token: second, password: 'a long new password' } })).status).toBe(
			400
		);
	});

	it('assigns prisons, and deactivating ends every session at once: the old cookie gets 401, sign-in fails', async () => {
		const other = await createPrison(api.db);
		const person = await createStaff(api.db, { prisonIds: [prisonId], name: 'Lee Leaving' });
		const cookies = [await signIn(api, person), await signIn(api, person)];
		const assigned = await call(api, 'PATCH', `/api/admin/staff/${person.id}`, {
			cookie: adminCookie,
			body: { prisonIds: [other, prisonId, other] }
		});
		expect(assigned.body.prisonIds).toEqual([other, prisonId].sort());
		const unknown = await call(api, 'PATCH', `/api/admin/staff/${person.id}`, { cookie: adminCookie, body: { prisonIds: [randomUUID()] } });
		expect(unknown.status).toBe(400);
		expect(Object.keys(unknown.body.error.fields)).toEqual(['prisonIds.0']);
		expect((await call(api, 'GET', `/api/staff/requests?prisonId=${other}`, { cookie: cookies[0] })).status).toBe(200);

		const deactivated = await call(api, 'POST', `/api/admin/staff/${person.id}/deactivate`, { cookie: adminCookie });
		expect(deactivated.status).toBe(200);
		expect(deactivated.body).toMatchObject({ active: false });
		for (const cookie of cookies) expect((await call(api, 'GET', '/api/staff/me', { cookie })).status).toBe(401);
		expect((await call(api, 'POST', '/api/staff/login', { body: { email: person.email, password: person.password } })).status).toBe(401);
		expect(await api.db.selectFrom('staffSessions').select('idHash').where('staffId', '=', person.id).execute()).toEqual([]);
		expect((await call(api, 'POST', `/api/admin/staff/${admin.id}/deactivate`, { cookie: adminCookie })).status).toBe(409);

		const audit = await api.db.selectFrom('auditLog').select(['action', 'staffId']).where('target', '=', person.id).orderBy('id').execute();
		// The refused update (an unknown prison) wrote nothing.
		expect(audit).toEqual([
			{ action: 'admin.staff.update', staffId: admin.id },
			{ action: 'admin.staff.deactivate', staffId: admin.id }
		]);
	});
});

describe('closed visits', () => {
	it('books exactly 2 of 30 concurrent confirms for a closed-visits-only prisoner into 2 closed places, never an open one', async () => {
		const closedPrison = await createPrison(api.db, { timetable: everyDay(10, 2) });
		const cookie = await signIn(api, await createStaff(api.db, { prisonIds: [closedPrison] }));
		const marked = await call(api, 'PUT', `/api/staff/prisons/${closedPrison}/prisoners/b2222cd/closed-visits`, {
			cookie,
			body: { closedVisitsOnly: true }
		});
		expect(marked.status).toBe(400);
		expect(marked.body.error.fields).toEqual({ reason: t('admin.field.closedReason.required') });
		const set = await call(api, 'PUT', `/api/staff/prisons/${closedPrison}/prisoners/b2222cd/closed-visits`, {
			cookie,
			body: { closedVisitsOnly: true, reason: 'Security review' }
		});
		expect(set.body).toEqual({ prisonerNumber: 'B2222CD', closedVisitsOnly: true, reason: 'Security review' });

		const slot = { date: bookableDate(3), start: '14:00' };
		const prisoner = { firstName: 'Bo', lastName: 'Glass', dateOfBirth: '1988-01-01', prisonerNumber: 'B2222CD' };
		const ids: string[] = [];
		for (let i = 0; i < 30; i += 1) {
			const body = aVisitRequest(closedPrison, { slots: [slot], prisoner });
			expect((await call(api, 'POST', '/api/visit-requests', { body, bearer: newDeviceSecret() })).status).toBe(201);
			ids.push(body.id);
		}
		const detail = await call(api, 'GET', `/api/staff/requests/${ids[0]}`, { cookie });
		// The record's flags come too: the 29 other requests for this prisoner on the date are possible duplicates.
		const flags = detail.body.flags as { code: string }[];
		expect([...new Set(flags.map((f) => f.code))].sort()).toEqual(['closed_visit', 'duplicate_request']);
		expect(flags.filter((f) => f.code === 'closed_visit')).toEqual([
			{ code: 'closed_visit', message: t('admin.closedVisits.flag', { reason: 'Security review' }), blocking: false }
		]);

		const answers = await Promise.all(ids.map((id) => call(api, 'POST', `/api/staff/requests/${id}/confirm`, { cookie, body: { slot } })));
		expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
		expect(answers.filter((a) => a.status === 409 && a.body.error.code === 'closed_full')).toHaveLength(28);
		const closedUsage = await api.db.selectFrom('slotClosedUsage').select('booked').where('prisonId', '=', closedPrison).execute();
		expect(closedUsage).toEqual([{ booked: 2 }]);
		expect(
			await api.db.selectFrom('slotUsage').select('booked').where('prisonId', '=', closedPrison).where('booked', '>', 0).execute()
		).toEqual([]);
		const booked = await api.db
			.selectFrom('visitRequests')
			.select('id')
			.where('prisonId', '=', closedPrison)
			.where('status', '=', 'booked')
			.execute();
		expect(booked).toHaveLength(2);

		// An open visit takes an open place; cancelling a closed one gives back a closed place.
		const open = aVisitRequest(closedPrison, { slots: [slot] });
		await call(api, 'POST', '/api/visit-requests', { body: open, bearer: phone });
		expect((await call(api, 'POST', `/api/staff/requests/${open.id}/confirm`, { cookie, body: { slot } })).status).toBe(200);
		expect(
			(await call(api, 'POST', `/api/staff/requests/${booked[0]!.id}/cancel`, { cookie, body: { reason: 'booked_in_error' } })).status
		).toBe(200);
		expect(await api.db.selectFrom('slotClosedUsage').select('booked').where('prisonId', '=', closedPrison).execute()).toEqual([
			{ booked: 1 }
		]);
		expect(await api.db.selectFrom('slotUsage').select('booked').where('prisonId', '=', closedPrison).execute()).toEqual([{ booked: 1 }]);
		const waiting = ids.find((id) => !answers[ids.indexOf(id)]!.status.toString().startsWith('2'))!;
		expect((await call(api, 'POST', `/api/staff/requests/${waiting}/confirm`, { cookie, body: { slot } })).status).toBe(200);
	}, 60_000);

	it('keeps closedCapacity in the timetable, and refuses one below 0', async () => {
		const bad = await call(api, 'PUT', `/api/staff/prisons/${prisonId}/timetable`, {
			cookie: officer,
			body: { slots: [{ weekday: 1, start: '14:00', end: '16:00', capacity: 5, closedCapacity: -1 }] }
		});
		expect(bad.status).toBe(400);
		expect(Object.keys(bad.body.error.fields)).toEqual(['slots.0.closedCapacity']);
		const saved = await call(api, 'PUT', `/api/staff/prisons/${prisonId}/timetable`, { cookie: officer, body: { slots: everyDay(20, 3) } });
		expect(saved.status).toBe(200);
		expect(saved.body.slots[0]).toEqual({ weekday: 1, start: '14:00', end: '16:00', capacity: 20, closedCapacity: 3 });
		const calendar = await call(api, 'GET', `/api/prisons/${prisonId}/slots?from=${bookableDate(1)}&to=${bookableDate(1)}`);
		expect(calendar.body.days[0].slots[0]).toMatchObject({ capacity: 20, closedCapacity: 3, closedBooked: 0 });
	});
});

describe('the report', () => {
	/** A CSV of plain fields (the report needs no quoting) into objects by header. */
	function parseCsv(text: string): Record<string, string>[] {
		expect(text.endsWith('\r\n')).toBe(true);
		const [header, ...rows] = text
			.trimEnd()
			.split('\r\n')
			.map((line) => line.split(','));
		return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i] ?? ''])));
	}

	it('counts the rows a test made, by reason, the same after the retention purge, and as CSV by day', async () => {
		const reportPrison = await createPrison(api.db, { timetable: everyDay(4) });
		const cookie = await signIn(api, await createStaff(api.db, { prisonIds: [reportPrison] }));
		const date = bookableDate(5);
		const slot = { date, start: '14:00' };
		const made: string[] = [];
		for (let i = 0; i < 7; i += 1) {
			const body = aVisitRequest(reportPrison, { slots: [slot] });
			expect((await call(api, 'POST', '/api/visit-requests', { body, bearer: phone })).status).toBe(201);
			made.push(body.id);
		}
		const [b1, b2, r1, r2, w1, c1] = made as [string, string, string, string, string, string];
		const ok = async (path: string, body: unknown, as: { cookie?: string; bearer?: string } = { cookie }) =>
			expect((await call(api, 'POST', path, { ...as, body })).status).toBe(200);
		await ok(`/api/staff/requests/${b1}/confirm`, { slot });
		await ok(`/api/staff/requests/${b2}/confirm`, { slot });
		await ok(`/api/staff/requests/${c1}/confirm`, { slot });
		await ok(`/api/staff/requests/${c1}/cancel`, { reason: 'prisoner_moved' });
		await ok(`/api/staff/requests/${r1}/reject`, { reasons: ['no_allowance', 'visitor_banned'] });
		await ok(`/api/staff/requests/${r2}/reject`, { reasons: ['no_allowance'] });
		await ok(`/api/visit-requests/${w1}/withdraw`, {}, { bearer: phone });

		// The gate recorded b1's family arriving (its own table); b2's family never came.
		await api.db
			.insertInto('visitArrivals')
			.values({
				requestId: b1,
				prisonId: reportPrison,
				arrivedAt: `${date}T14:05:00Z`,
				visitors: '[0]',
				recordedBy: null,
				recordedByName: 'Gate'
			})
			.execute();

		const today = todayIn('Europe/London', new Date());
		const range = `from=${addDays(today, -1)}&to=${date}`;
		const read = () => call(api, 'GET', `/api/staff/prisons/${reportPrison}/report?${range}`, { cookie });
		const first = await read();
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({
			requests: 7,
			// c1 was booked and then cancelled: it counts as cancelled, not booked as well.
			booked: 2,
			rejected: { no_allowance: 2, visitor_banned: 1 },
			cancelled: { prisoner_moved: 1 },
			withdrawn: 1,
			attended: 1,
			// The visits are still to come: nobody has missed one yet.
			notAttended: 0
		});
		const afterTheVisit = new Date(instantOf(date, '16:01', 'Europe/London'));
		const later = await prisonReport(api.db, reportPrison, addDays(today, -1), date, afterTheVisit);
		expect([later.attended, later.notAttended]).toEqual([1, 1]);
		expect(later.days.find((day) => day.date === date)).toMatchObject({ attended: 1, notAttended: 1 });
		expect(first.body.medianHoursToDecision).toBeGreaterThanOrEqual(0);
		expect(first.body.medianHoursToDecision).toBeLessThan(1);
		// Decided within minutes: the minutes say so where "0 hours" would not.
		expect(first.body.medianMinutesToDecision).toBeGreaterThanOrEqual(0);
		expect(first.body.medianMinutesToDecision).toBeLessThan(60);
		// 2 places booked of 4 on each of the range's days.
		const days = first.body.days.length as number;
		expect(first.body.utilisation).toBe(Math.round((2 / (4 * days)) * 1000) / 1000);
		expect(first.body.slots.find((s: { weekday: number }) => s.weekday === 5)).toMatchObject({ start: '14:00', booked: 2 });

		const csv = await call(api, 'GET', `/api/staff/prisons/${reportPrison}/report?${range}`, { cookie, headers: { Accept: 'text/csv' } });
		expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
		const rows = parseCsv(csv.body as string);
		expect(Object.keys(rows[0]!)).toEqual([...REPORT_CSV_COLUMNS]);
		expect(rows).toHaveLength(days);
		const total = (column: string) => rows.reduce((sum, row) => sum + Number(row[column]), 0);
		expect([total('requests'), total('booked'), total('rejected'), total('cancelled'), total('withdrawn')]).toEqual([7, 2, 2, 1, 1]);
		expect(rows.find((row) => row.date === today)).toMatchObject({ requests: '7' });
		expect(rows.find((row) => row.date === date)).toMatchObject({ capacity: '4', placesBooked: '2', utilisation: '0.5' });

		// A year on, the purge removes the personal data; the figures stay.
		const purged = await purgeExpiredRequests(api.db, new Date(Date.now() + 400 * 24 * 3600 * 1000));
		expect(purged.requests).toBeGreaterThanOrEqual(7);
		expect(
			await api.db
				.selectFrom('visitRequests')
				.select('prisonerNumber')
				.where('id', 'in', made)
				.where('prisonerNumber', 'is not', null)
				.execute()
		).toEqual([]);
		expect((await read()).body).toEqual(first.body);
		expect(await prisonReport(api.db, reportPrison, addDays(today, -1), date, afterTheVisit)).toEqual(later);

		const refused = await call(api, 'GET', `/api/staff/prisons/${reportPrison}/report?from=${date}&to=${today}`, { cookie });
		expect(refused.status).toBe(400);
		expect(refused.body.error.fields).toEqual({ to: t('field.range.order') });
		expect((await call(api, 'GET', `/api/staff/prisons/${reportPrison}/report?${range}`, { cookie: officer })).status).toBe(403);
	}, 60_000);
});
