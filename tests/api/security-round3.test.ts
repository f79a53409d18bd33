// Findings of the second outside test (security, round 3), each tested over the class of input it
// belongs to, not only the example the testers gave.
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/lib/shared/i18n';
import { addDays } from '../../src/lib/shared/rules/dates';
import { createCalendarService } from '../../server/prisons/calendar';
import { calendarTarget } from '../../server/prisons/calendar-fast-path';
import { openEventStream } from '../helpers/event-stream';
import { waitUntil } from '../helpers/wait-until';
import {
	aVisitRequest,
	bookableDate,
	call,
	createPrison,
	createStaff,
	newDeviceSecret,
	signIn,
	startTestApi,
	ONE_WEEK_WINDOW,
	type TestApi
} from '../helpers/api';

let api: TestApi;
let prison: string;
let cookie: string;
let saturday: string;

const SLOT = (date: string) => ({ date, start: '14:00' });
/** A prisoner number of their own for each test, so records do not meet. */
const newPrisonerNumber = () =>
	`A${String(randomInt(10_000)).padStart(4, '0')}${String.fromCharCode(65 + randomInt(26), 65 + randomInt(26))}`;
const recordPath = (number: string, rest = '') => `/api/staff/prisons/${prison}/prisoners/${number}${rest}`;
const codes = (flags: { code: string }[]) => flags.map((f) => f.code).sort();
const staffView = async (id: string) => (await call(api, 'GET', `/api/staff/requests/${id}`, { cookie })).body;
const confirm = (id: string, body: Record<string, unknown>) => call(api, 'POST', `/api/staff/requests/${id}/confirm`, { cookie, body });

const EVE = { firstName: 'Eve', lastName: 'Banned', dateOfBirth: '1985-03-04' };

async function ban(prisonerNumber: string, person: { firstName: string; lastName: string; dateOfBirth: string }, until = '2099-12-31') {
	const answer = await call(api, 'POST', recordPath(prisonerNumber, '/bans'), {
		cookie,
		body: { ...person, until, reason: 'Passing items' }
	});
	expect(answer.status).toBe(201);
	return answer.body as { id: string };
}

async function submit(
	prisonerNumber: string,
	visitor: { firstName: string; lastName: string; dateOfBirth: string },
	slots = [SLOT(saturday)]
) {
	const body = aVisitRequest(prison, {
		prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber },
		visitors: [{ ...visitor, email: 'eve@example.com' }],
		slots
	});
	return call(api, 'POST', '/api/visit-requests', { body, bearer: newDeviceSecret() });
}

beforeAll(async () => {
	// A keep-alive far longer than any test waits: only deactivation itself can end a stream in time (finding 7).
	api = await startTestApi({ env: { STAFF_EVENTS_KEEPALIVE_SECONDS: '300' } });
	prison = await createPrison(api.db, {
		timetable: [
			{ weekday: 6, start: '14:00', end: '16:00', capacity: 60 },
			{ weekday: 7, start: '14:00', end: '16:00', capacity: 60 }
		]
	});
	cookie = await signIn(api, await createStaff(api.db, { prisonIds: [prison], name: 'Sam Officer' }));
	saturday = bookableDate(6);
});
afterAll(async () => {
	await api?.close();
});

describe('1. one normal form for names', () => {
	/** Unseen characters of every kind the testers tried and their neighbours, with a line break or two (finding 9). */
	const INVISIBLE = {
		'zero-width space': '\u200B',
		'zero-width non-joiner': '\u200C',
		'zero-width joiner': '\u200D',
		'soft hyphen': '\u00AD',
		'word joiner': '\u2060',
		'byte order mark': '\uFEFF',
		'left-to-right mark': '\u200E',
		'combining grapheme joiner': '\u034F',
		'Hangul filler': '\u3164',
		'variation selector': '\uFE0F',
		'tag letter': '\u{E0041}',
		'line feed': '\n',
		'carriage return': '\r',
		tab: '\t',
		null: '\u0000',
		'line separator': '\u2028',
		'paragraph separator': '\u2029',
		'next line': '\u0085'
	};

	it('refuses every unseen character and line break in any name, each field named in one 400, storing nothing', async () => {
		for (const [what, char] of Object.entries(INVISIBLE)) {
			const body = aVisitRequest(prison, {
				prisoner: { firstName: `A${char}da`, lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: 'A1234BC' },
				visitors: [
					{ firstName: `E${char}ve`, lastName: 'Banned', dateOfBirth: EVE.dateOfBirth, email: 'eve@example.com' },
					{ firstName: 'Tom', lastName: `Ban${char}ned`, dateOfBirth: '1970-01-01' }
				]
			});
			const { status, body: answer } = await call(api, 'POST', '/api/visit-requests', { body, bearer: newDeviceSecret() });
			expect(status, what).toBe(400);
			expect(answer.error.fields, what).toEqual({
				'prisoner.firstName': t('validation.name.invisible'),
				'visitors.0.firstName': t('validation.name.invisible'),
				'visitors.1.lastName': t('validation.name.invisible')
			});
			expect((await api.db.selectFrom('visitRequests').select('id').where('id', '=', body.id).execute()).length, what).toBe(0);
		}
	});

	it('refuses them in a banned visitor’s name too', async () => {
		for (const [what, char] of Object.entries(INVISIBLE)) {
			const answer = await call(api, 'POST', recordPath(newPrisonerNumber(), '/bans'), {
				cookie,
				body: { firstName: `E${char}ve`, lastName: 'Banned', dateOfBirth: EVE.dateOfBirth, until: '2099-12-31', reason: 'x' }
			});
			expect(answer.status, what).toBe(400);
			expect(answer.body.error.fields, what).toEqual({ firstName: t('validation.name.invisible') });
		}
	});

	it('stores a name in NFKC: full-width and styled letters as plain ones', async () => {
		const answer = await submit(newPrisonerNumber(), { firstName: 'Ｅｖｅ', lastName: '𝐁𝐚𝐧𝐧𝐞𝐝', dateOfBirth: EVE.dateOfBirth });
		expect(answer.status).toBe(201);
		expect(answer.body.visitors[0]).toMatchObject({ firstName: 'Eve', lastName: 'Banned' });
	});

	/** Names that look like "Eve Banned" to a reader, in Greek and Cyrillic letters and in other cases and spacing. */
	const LOOK_ALIKES = [
		['Еve', 'Banned'], // Cyrillic capital Ie
		['Eve', 'Bаnned'], // Cyrillic small a
		['Ενe', 'Banned'], // Greek capital Epsilon, small nu
		['EVE', 'ВАΝΝЕD'], // Cyrillic and Greek capitals
		['eve', 'ban ned'],
		['Ｅｖｅ', 'Banned'] // full-width: NFKC
	];

	it('flags a banned visitor whose name uses look-alike letters, other cases or spacing, and a confirm needs an override', async () => {
		for (const [firstName, lastName] of LOOK_ALIKES) {
			const number = newPrisonerNumber();
			await ban(number, EVE);
			const submitted = await submit(number, { firstName: firstName!, lastName: lastName!, dateOfBirth: EVE.dateOfBirth });
			expect(submitted.status, `${firstName} ${lastName}`).toBe(201);
			expect(codes((await staffView(submitted.body.id)).flags), `${firstName} ${lastName}`).toEqual(['visitor_banned']);
			const refused = await confirm(submitted.body.id, { slot: SLOT(saturday) });
			expect(refused.status, `${firstName} ${lastName}`).toBe(409);
			expect(refused.body.error.code).toBe('flagged');
		}
	});

	it('matches a ban written with look-alike letters to a request in Latin ones', async () => {
		const number = newPrisonerNumber();
		await ban(number, { ...EVE, firstName: 'Еvе' });
		const submitted = await submit(number, EVE);
		expect(codes((await staffView(submitted.body.id)).flags)).toEqual(['visitor_banned']);
	});

	it('still flags requests stored before the normal form, with unseen characters in their names (keys compared, not stored text)', async () => {
		// PostgreSQL cannot store U+0000 at all.
		for (const [what, char] of Object.entries(INVISIBLE).filter(([, char]) => char !== '\u0000')) {
			const number = newPrisonerNumber();
			await ban(number, EVE);
			const submitted = await submit(number, EVE);
			// As a name stored before the schema refused them would be.
			await api.db
				.updateTable('requestVisitors')
				.set({ firstName: `E${char}ve` })
				.where('requestId', '=', submitted.body.id)
				.execute();
			expect(codes((await staffView(submitted.body.id)).flags), what).toEqual(['visitor_banned']);
			expect((await confirm(submitted.body.id, { slot: SLOT(saturday) })).status, what).toBe(409);
		}
	});

	it('does not flag a different name or date of birth', async () => {
		const number = newPrisonerNumber();
		await ban(number, EVE);
		for (const other of [
			{ ...EVE, firstName: 'Eva' },
			{ ...EVE, dateOfBirth: '1985-03-05' }
		]) {
			const submitted = await submit(number, other);
			expect(codes((await staffView(submitted.body.id)).flags)).not.toContain('visitor_banned');
		}
	});
});

describe('2. changing a visit cannot get round a ban', () => {
	/** A visit booked on the Saturday after next, outside a ban that ends next Saturday; then asked to move into the ban. */
	async function bookedThenChanged(visitor: { firstName: string; lastName: string; dateOfBirth: string }, excludedVisitors: number[] = []) {
		const number = newPrisonerNumber();
		await ban(number, EVE, saturday);
		const later = addDays(saturday, 7);
		const body = aVisitRequest(prison, {
			prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: number },
			visitors: [{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email: 'mary@example.com' }, visitor],
			slots: [SLOT(later)]
		});
		const bearer = newDeviceSecret();
		expect((await call(api, 'POST', '/api/visit-requests', { body, bearer })).status).toBe(201);
		expect(codes((await staffView(body.id)).flags)).toEqual([]);
		expect((await confirm(body.id, { slot: SLOT(later), excludedVisitors })).status).toBe(200);
		const change = await call(api, 'POST', `/api/visit-requests/${body.id}/change`, {
			bearer,
			body: { id: randomUUID(), slots: [SLOT(saturday)] }
		});
		expect(change.status).toBe(200);
		return body.id;
	}
	const confirmChange = (id: string, body: Record<string, unknown>) =>
		call(api, 'POST', `/api/staff/requests/${id}/change/confirm`, { cookie, body });

	it('flags a change into a ban (names in any of their forms), and its confirm needs an override, which is audited', async () => {
		for (const visitor of [EVE, { ...EVE, firstName: 'Еve' }, { ...EVE, lastName: 'BANNED' }]) {
			const id = await bookedThenChanged(visitor);
			const view = await staffView(id);
			expect(view.flags, visitor.firstName).toEqual([
				expect.objectContaining({ code: 'visitor_banned', visitors: [1], dates: [saturday] })
			]);
			const refused = await confirmChange(id, { slot: SLOT(saturday) });
			expect(refused.status).toBe(409);
			expect(refused.body.error.code).toBe('flagged');
			expect((await staffView(id)).bookedSlot.date).toBe(addDays(saturday, 7));
			const overridden = await confirmChange(id, {
				slot: SLOT(saturday),
				override: { reason: 'Ban ends that morning', codes: ['visitor_banned'] }
			});
			expect(overridden.status).toBe(200);
			expect(overridden.body.bookedSlot.date).toBe(saturday);
			const audit = await api.db
				.selectFrom('auditLog')
				.select(['action', 'detail'])
				.where('target', '=', id)
				.where('action', '=', 'request.override')
				.execute();
			expect(audit).toEqual([
				{ action: 'request.override', detail: { reason: 'Ban ends that morning', flags: ['visitor_banned'], visitors: [1] } }
			]);
		}
	});

	it('lets a change through when the banned visitor was left out of the booking', async () => {
		const id = await bookedThenChanged(EVE, [1]);
		expect(codes((await staffView(id)).flags)).toEqual([]);
		expect((await confirmChange(id, { slot: SLOT(saturday) })).status).toBe(200);
	});
});

describe('3. booking on a family’s behalf takes a place exactly as a confirm does', () => {
	async function closedPrisonWith(closedCapacity: number) {
		const id = await createPrison(api.db, {
			timetable: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '14:00', end: '16:00', capacity: 10, closedCapacity }))
		});
		const officer = await signIn(api, await createStaff(api.db, { prisonIds: [id] }));
		const marked = await call(api, 'PUT', `/api/staff/prisons/${id}/prisoners/B2222CD/closed-visits`, {
			cookie: officer,
			body: { closedVisitsOnly: true, reason: 'Security review' }
		});
		expect(marked.status).toBe(200);
		return { id, officer };
	}
	const onBehalf = (prisonId: string, officer: string) =>
		call(api, 'POST', `/api/staff/prisons/${prisonId}/bookings`, {
			cookie: officer,
			body: {
				prisoner: { firstName: 'Bo', lastName: 'Glass', dateOfBirth: '1988-01-01', prisonerNumber: 'B2222CD' },
				visitors: [{ firstName: 'Mary', lastName: 'Glass', dateOfBirth: '1965-02-03', phone: '07700900123' }],
				slot: SLOT(bookableDate(3)),
				method: 'phone'
			}
		});
	const used = async (prisonId: string) => ({
		open: (await api.db.selectFrom('slotUsage').select('booked').where('prisonId', '=', prisonId).execute()).map((r) => r.booked),
		closed: (await api.db.selectFrom('slotClosedUsage').select('booked').where('prisonId', '=', prisonId).execute()).map((r) => r.booked),
		bookings: (await api.db.selectFrom('visitRequests').select('id').where('prisonId', '=', prisonId).execute()).length
	});

	it('a closed-visits-only prisoner takes a closed table, and 409 closed_full when none is left, never an open one', async () => {
		for (const closedCapacity of [0, 1, 2]) {
			const { id, officer } = await closedPrisonWith(closedCapacity);
			for (let i = 0; i < closedCapacity; i += 1) expect((await onBehalf(id, officer)).status, `${closedCapacity}`).toBe(201);
			const full = await onBehalf(id, officer);
			expect(full.status, `${closedCapacity}`).toBe(409);
			expect(full.body.error.code).toBe('closed_full');
			expect(await used(id)).toEqual({ open: [], closed: closedCapacity > 0 ? [closedCapacity] : [], bookings: closedCapacity });
			expect((await api.db.selectFrom('closedBookings').select('requestId').where('prisonId', '=', id).execute()).length).toBe(
				closedCapacity
			);
		}
	});

	it('one function takes a place for a confirm, a change and a booking on a family’s behalf', async () => {
		const { readFile } = await import('node:fs/promises');
		for (const file of ['server/requests/decisions.ts', 'server/requests/changes.ts', 'server/requests/on-behalf.ts']) {
			const source = await readFile(file, 'utf8');
			expect(source, file).toContain('takeVisitPlace(');
			expect(source, file).not.toMatch(/\btakePlace\(/);
		}
	});
});

describe('4. one canonical form for ids, and the per-prison limit spent only by requests that pass the rules', () => {
	it('requests the rules refuse use no token; the same body with the prison id in upper case counts under the same key', async () => {
		const limited = await startTestApi({ env: { NEW_REQUESTS_PER_PRISON_PER_MINUTE: '3' } });
		try {
			// One place in its window (one Saturday time for one): the burst is the per-minute figure.
			const id = await createPrison(limited.db, {
				...ONE_WEEK_WINDOW,
				timetable: [{ weekday: 6, start: '14:00', end: '16:00', capacity: 1 }]
			});
			const send = (body: Record<string, unknown>) => call(limited, 'POST', '/api/visit-requests', { body, bearer: newDeviceSecret() });
			// Ten that the rules refuse (a time the prison has no slot at; a date outside the booking window): 422 each, no token spent.
			for (let i = 0; i < 5; i += 1) {
				expect((await send(aVisitRequest(id, { slots: [{ date: bookableDate(6), start: '03:00' }] }))).status).toBe(422);
				expect((await send(aVisitRequest(id, { slots: [{ date: addDays(bookableDate(6), 70), start: '14:00' }] }))).status).toBe(422);
			}
			expect((await send(aVisitRequest(id))).status).toBe(201);
			expect((await send(aVisitRequest(id.toUpperCase()))).status).toBe(201);
			const upper = aVisitRequest(id.toUpperCase());
			expect((await send(upper)).status).toBe(201);
			// The prison's 3 are spent, whichever case its id came in.
			for (const variant of [id, id.toUpperCase(), id.replace(/[a-f]/, (c) => c.toUpperCase())]) {
				expect((await send(aVisitRequest(variant))).status, variant).toBe(429);
			}
			const stored = await limited.db.selectFrom('visitRequests').select('prisonId').where('id', '=', upper.id).executeTakeFirstOrThrow();
			expect(stored.prisonId).toBe(id);
		} finally {
			await limited.close();
		}
	}, 120_000);

	it('every id-bearing route answers an id in upper case as it answers it in lower case', async () => {
		// An administrator of this prison, who may change its details and its other officers.
		const staffCookie = await signIn(api, await createStaff(api.db, { prisonIds: [prison], admin: true }));
		const colleague = await createStaff(api.db, { prisonIds: [prison] });
		const number = newPrisonerNumber();
		const bearer = newDeviceSecret();
		const body = aVisitRequest(prison, {
			prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: number }
		});
		expect((await call(api, 'POST', '/api/visit-requests', { body, bearer })).status).toBe(201);
		const banned = await ban(number, EVE);
		const today = bookableDate(1);
		const reads: [string, { cookie?: string; bearer?: string }][] = [
			[`/api/visit-requests/${body.id}`, { bearer }],
			[`/api/prisons/${prison}/slots?from=${saturday}&to=${addDays(saturday, 7)}`, {}],
			[`/api/staff/requests/${body.id}`, { cookie: staffCookie }],
			[`/api/staff/requests?prisonId=${prison}`, { cookie: staffCookie }],
			[`/api/staff/prisons/${prison}/timetable`, { cookie: staffCookie }],
			[`/api/staff/prisons/${prison}/closures`, { cookie: staffCookie }],
			[`/api/staff/prisons/${prison}/pass-key`, { cookie: staffCookie }],
			[`/api/staff/prisons/${prison}/report?from=${today}&to=${today}`, { cookie: staffCookie }],
			[`/api/staff/prisons/${prison}/prisoners/${number}`, { cookie: staffCookie }],
			[`/api/staff/prisons/${prison}/prisoners/${number}/closed-visits`, { cookie: staffCookie }]
		];
		for (const [path, auth] of reads) {
			const lower = await call(api, 'GET', path, auth);
			const upper = await call(
				api,
				'GET',
				path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, (id) => id.toUpperCase()),
				auth
			);
			expect(lower.status, path).toBe(200);
			expect(upper.status, path).toBe(200);
			// Less what changes with each read: when the calendar was made, and the staff reads a request records.
			const same = (answer: { body: Record<string, unknown> }) => JSON.stringify({ ...answer.body, generatedAt: null, reads: null });
			expect(same(upper), path).toBe(same(lower));
		}
		const P = prison.toUpperCase();
		const writes: [string, string, Record<string, unknown>, number][] = [
			[
				'PUT',
				`/api/staff/prisons/${P}/timetable`,
				{
					slots: [
						{ weekday: 6, start: '14:00', end: '16:00', capacity: 60 },
						{ weekday: 7, start: '14:00', end: '16:00', capacity: 60 }
					]
				},
				200
			],
			['POST', `/api/staff/prisons/${P}/closures`, { date: addDays(saturday, 14), reason: 'Staff training' }, 201],
			['DELETE', `/api/staff/prisons/${P}/closures`, { date: addDays(saturday, 14) }, 204],
			['PATCH', `/api/staff/prisons/${P}`, { onlineBooking: true }, 200],
			['PUT', `/api/staff/prisons/${P}/prisoners/${number}/allowance`, { remaining: 5 }, 200],
			['PUT', `/api/staff/prisons/${P}/prisoners/${number}/closed-visits`, { closedVisitsOnly: false }, 200],
			['DELETE', `/api/staff/prisons/${P}/prisoners/${number}/bans/${banned.id.toUpperCase()}`, {}, 204],
			['PATCH', `/api/admin/prisons/${P}`, { name: 'HMP Upper Case' }, 200],
			['PATCH', `/api/admin/staff/${colleague.id.toUpperCase()}`, { name: 'Officer Upper' }, 200],
			['POST', `/api/staff/requests/${body.id.toUpperCase()}/confirm`, { slot: body.slots[0] }, 200]
		];
		for (const [method, path, payload, status] of writes) {
			const answer = await call(api, method, path, { cookie: staffCookie, body: payload });
			expect(answer.status, `${method} ${path} ${JSON.stringify(answer.body)}`).toBe(status);
		}
		const waitlisted = await call(api, 'POST', `/api/prisons/${P}/waitlist`, { bearer, body: SLOT(saturday) });
		expect(waitlisted.status).not.toBe(404);
		expect(waitlisted.status).toBeLessThan(500);
	});
});

describe('5. the calendar cache by the canonical id', () => {
	it('an upper-case id gets no stale calendar after a closure, and case variants share one entry', async () => {
		const id = await createPrison(api.db);
		const officer = await signIn(api, await createStaff(api.db, { prisonIds: [id] }));
		const date = bookableDate(6);
		const range = `from=${date}&to=${date}`;
		const variants = [id, id.toUpperCase(), id.replace(/[a-f]/g, (c, at: number) => (at % 2 ? c.toUpperCase() : c))];
		const closedDay = async (variant: string) => {
			const answer = await call(api, 'GET', `/api/prisons/${variant}/slots?${range}`);
			expect(answer.status, variant).toBe(200);
			return answer.body.days[0].closed === true;
		};
		for (const variant of variants) expect(await closedDay(variant)).toBe(false);
		const closed = await call(api, 'POST', `/api/staff/prisons/${id}/closures`, {
			cookie: officer,
			body: { date, reason: 'Staff training' }
		});
		expect(closed.status).toBe(201);
		for (const variant of variants) expect(await closedDay(variant), variant).toBe(true);
	});

	it('the cache holds one entry per prison, whatever case its id is asked in', async () => {
		const id = await createPrison(api.db);
		const calendars = createCalendarService(api.db);
		const date = bookableDate(6);
		const first = await calendars.get(id, date, date, new Date());
		expect(first).toBeDefined();
		for (const variant of [id.toUpperCase(), id.replace(/[a-f]/, (c) => c.toUpperCase())]) {
			expect(await calendars.get(variant, date, date, new Date()), variant).toBe(first);
		}
		expect(calendarTarget(`/api/prisons/${id.toUpperCase()}/slots?from=${date}&to=${date}`)?.prisonId).toBe(id);
	});
});

describe('6. the set-password attempt limit by the caller’s address behind a trusted proxy', () => {
	const attempt = (target: TestApi, forwardedFor: string) =>
		call(target, 'POST', '/api/staff/set-password', {
			headers: { 'X-Forwarded-For': forwardedFor },
			body: { token: 'x'.repeat(43), password: 'a long enough password 123' }
		});

	it('with TRUST_PROXY each caller has their own bucket; without it the forwarded header is ignored', async () => {
		const proxied = await startTestApi({ env: { TRUST_PROXY: '1' } });
		try {
			for (let i = 0; i < 10; i += 1) expect((await attempt(proxied, `10.0.0.9, 198.51.100.${i}`)).status).not.toBe(429);
			// The last entry (what our proxy saw) is the caller: 198.51.100.1 has had one go; .200 none.
			for (let i = 0; i < 9; i += 1) expect((await attempt(proxied, '198.51.100.1')).status).not.toBe(429);
			expect((await attempt(proxied, '198.51.100.1')).status).toBe(429);
			expect((await attempt(proxied, '198.51.100.200')).status).not.toBe(429);
		} finally {
			await proxied.close();
		}
		// Here (no TRUST_PROXY) the header is anyone's to write: every caller is the socket's address.
		const statuses: number[] = [];
		for (let i = 0; i < 11; i += 1) statuses.push((await attempt(api, `203.0.113.${i}`)).status);
		expect(statuses.at(-1)).toBe(429);
	}, 120_000);
});

describe('7. deactivating an officer ends every open live-event stream of theirs at once', () => {
	it('ends the streams of each of their sessions, and leaves another officer’s open', async () => {
		const admin = await signIn(api, await createStaff(api.db, { prisonIds: [prison], admin: true }));
		const leaving = await createStaff(api.db, { prisonIds: [prison] });
		const sessions = [await signIn(api, leaving), await signIn(api, leaving)];
		const staying = await signIn(api, await createStaff(api.db, { prisonIds: [prison] }));
		const url = `${api.url}/api/staff/events`;
		const streams = [
			await openEventStream(url, { cookie: sessions[0]! }),
			await openEventStream(url, { cookie: sessions[0]! }),
			await openEventStream(`${url}?prisonId=${prison}`, { cookie: sessions[1]! })
		];
		const other = await openEventStream(url, { cookie: staying });
		try {
			for (const stream of [...streams, other]) await stream.next((event) => event.event === 'ready', 'the ready event');
			const ended = streams.map(() => false);
			streams.forEach((stream, index) => void stream.ended.then(() => (ended[index] = true)));
			let otherEnded = false;
			void other.ended.then(() => (otherEnded = true));

			const deactivated = await call(api, 'POST', `/api/admin/staff/${leaving.id}/deactivate`, { cookie: admin });
			expect(deactivated.status).toBe(200);
			await waitUntil(() => ended.every(Boolean), 'every stream of the deactivated officer to end');
			expect(otherEnded).toBe(false);
		} finally {
			for (const stream of [...streams, other]) stream.close();
		}
	});
});

describe('8. reading a prisoner’s record records a read of each request shown', () => {
	it('one read per request on the record, shown in each request’s history', async () => {
		const number = newPrisonerNumber();
		const ids: string[] = [];
		for (let i = 0; i < 3; i += 1) ids.push((await submit(number, { ...EVE, firstName: `Eve${'e'.repeat(i)}` })).body.id);
		const other = (await submit(newPrisonerNumber(), EVE)).body.id;
		const before = async (id: string) =>
			(await api.db.selectFrom('requestReads').select('what').where('requestId', '=', id).where('what', '=', 'record').execute()).length;
		expect(await Promise.all(ids.map(before))).toEqual([0, 0, 0]);
		const record = await call(api, 'GET', recordPath(number), { cookie });
		expect(record.status).toBe(200);
		expect(record.body.requests).toHaveLength(3);
		expect(await Promise.all(ids.map(before))).toEqual([1, 1, 1]);
		expect(await before(other)).toBe(0);
		const reads = (await staffView(ids[0]!)).reads as { staffName: string; what: string }[];
		expect(reads).toContainEqual(expect.objectContaining({ staffName: 'Sam Officer', what: 'record' }));
	});
});

describe('10. at most 10 wrong claims per reference per hour, whatever the device or address', () => {
	it('refuses the 11th wrong claim of one reference from new phones, counts no right claim, and leaves other references alone', async () => {
		const number = newPrisonerNumber();
		const booked = await submit(number, EVE);
		expect((await confirm(booked.body.id, { slot: SLOT(saturday) })).status).toBe(200);
		const reference = booked.body.reference as string;
		const claim = (ref: string, leadVisitorDateOfBirth: string) =>
			call(api, 'POST', '/api/visit-requests/claim', { bearer: newDeviceSecret(), body: { reference: ref, leadVisitorDateOfBirth } });
		// A right claim first: it spends nothing.
		expect((await claim(reference, EVE.dateOfBirth)).status).toBe(200);
		const forms = [reference, reference.toLowerCase(), reference.replace('-', ''), ` ${reference.toLowerCase().replace('-', ' ')} `];
		for (let i = 0; i < 10; i += 1)
			expect((await claim(forms[i % forms.length]!, `1970-01-${String(i + 1).padStart(2, '0')}`)).status).toBe(404);
		const refused = await claim(reference.toLowerCase(), '1970-02-01');
		expect(refused.status).toBe(429);
		expect(refused.body.error.code).toBe('rate_limited');
		expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
		// Even the right date of birth waits now: the reference is what is limited.
		expect((await claim(reference, EVE.dateOfBirth)).status).toBe(429);
		// Another reference is not affected.
		expect((await claim('AAAA-AAAA', '1970-01-01')).status).toBe(404);
	});
});
