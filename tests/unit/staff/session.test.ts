// A prison tablet is shared: what staff mode keeps about people (requests, the day's visits, the
// officer's name, queue counts, settings) is wiped when the officer signs out and when another
// officer signs in on it; the same officer signing in again keeps it. Decisions still queued are
// counted, for the warning before signing out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BookAPrisonVisitDb, OutboxItem } from '../../../src/lib/client/db';
import { queuedStaffChanges, signIn, signOut } from '../../../src/lib/client/staff/session';
import { STAFF_META } from '../../../src/lib/client/staff/staff-meta';
import type { StaffUser } from '../../../src/lib/shared/answers';
import { fakeBrowserStorage, PRISON_ID } from '../../helpers/device-db';

const sam: StaffUser = {
	id: 'staff-sam',
	email: 'sam@prison.example',
	name: 'Sam Officer',
	prisons: [{ id: PRISON_ID, code: 'RCI', name: 'HMP R' }]
};
const jo: StaffUser = { ...sam, id: 'staff-jo', email: 'jo@prison.example', name: 'Jo Officer' };

let db: BookAPrisonVisitDb;
let calls: string[];

/** The server: login answers the officer whose email was given; logout ends the session. */
const server = (users: StaffUser[]) => async (input: RequestInfo | URL, init?: RequestInit) => {
	const path = new URL(String(input), 'https://visits.example').pathname;
	calls.push(`${init?.method ?? 'GET'} ${path}`);
	if (path === '/api/staff/login') {
		const { email } = JSON.parse(String(init?.body)) as { email: string };
		const user = users.find((u) => u.email === email);
		return user
			? Response.json(user)
			: Response.json({ error: { code: 'unauthorized', message: 'Wrong email or password' } }, { status: 401 });
	}
	if (path === '/api/staff/logout') return new Response(null, { status: 204 });
	return Response.json({ error: { code: 'not_found', message: 'No' } }, { status: 404 });
};
const transport = () => ({ fetch: server([sam, jo]), baseUrl: 'https://visits.example' });

/** What an officer's work leaves on the tablet. */
async function staffWorkOnTablet(): Promise<void> {
	await db.staffRequests.put({ id: 'request-1', prisonId: PRISON_ID, status: 'requested', reference: 'ABC123' } as never);
	await db.staffVisits.put({ key: `${PRISON_ID}|2030-01-12`, prisonId: PRISON_ID, date: '2030-01-12', visits: [] } as never);
	await db.meta.put({ key: `${STAFF_META.queuePrefix}${PRISON_ID}|2030-01-12`, value: { requested: 1 } });
	await db.meta.put({ key: STAFF_META.prisonId, value: PRISON_ID });
}

const staffRows = async () => ({
	requests: await db.staffRequests.count(),
	visits: await db.staffVisits.count(),
	meta: (await db.meta.toArray()).filter((row) => row.key.startsWith('staff:')).map((row) => row.key)
});

beforeEach(() => {
	db = fakeBrowserStorage().open();
	calls = [];
});
afterEach(() => db.close());

describe('staff data on a shared tablet', () => {
	it('is wiped when the officer signs out, and the server is told', async () => {
		expect(await signIn(db, { email: sam.email, password: 'x' }, transport())).toMatchObject({ ok: true });
		await staffWorkOnTablet();
		await db.meta.put({ key: 'deviceSecret', value: 'the-phone-secret' });

		await signOut(db, transport());
		expect(calls).toContain('POST /api/staff/logout');
		expect(await staffRows()).toEqual({ requests: 0, visits: 0, meta: [] });
		// Only staff mode's data: the device's own keys stay.
		expect(await db.meta.get('deviceSecret')).toEqual({ key: 'deviceSecret', value: 'the-phone-secret' });
	});

	it('is wiped on the device even when the server cannot be reached', async () => {
		await signIn(db, { email: sam.email, password: 'x' }, transport());
		await staffWorkOnTablet();
		await signOut(db, {
			baseUrl: 'https://visits.example',
			fetch: async () => {
				throw new TypeError('Failed to fetch');
			}
		});
		expect(await staffRows()).toEqual({ requests: 0, visits: 0, meta: [] });
	});

	it('is wiped when another officer signs in, and kept when the same officer signs in again', async () => {
		await signIn(db, { email: sam.email, password: 'x' }, transport());
		await staffWorkOnTablet();
		await signIn(db, { email: sam.email, password: 'x' }, transport());
		expect((await staffRows()).requests).toBe(1);
		expect((await staffRows()).visits).toBe(1);

		await signIn(db, { email: jo.email, password: 'x' }, transport());
		expect(await staffRows()).toEqual({ requests: 0, visits: 0, meta: [STAFF_META.user] });
		expect((await db.meta.get(STAFF_META.user))?.value).toEqual(jo);
	});

	it('is kept when a sign-in is refused', async () => {
		await signIn(db, { email: sam.email, password: 'x' }, transport());
		await staffWorkOnTablet();
		expect(await signIn(db, { email: 'nobody@prison.example', password: 'x' }, transport())).toMatchObject({ ok: false });
		expect((await staffRows()).requests).toBe(1);
	});
});

describe('the warning before signing out', () => {
	const item = (auth: OutboxItem['auth'], state: OutboxItem['state']): OutboxItem => ({
		kind: 'staff-confirm',
		orderKey: 'request-1',
		method: 'POST',
		path: '/api/staff/requests/request-1/confirm',
		auth,
		createdAt: 0,
		attempts: 0,
		nextAttemptAt: 0,
		state
	});

	it('counts the staff decisions still waiting or being sent, not the visitor’s items or finished ones', async () => {
		expect(await queuedStaffChanges(db)).toBe(0);
		await db.outbox.bulkAdd([
			item('staff', 'pending'),
			item('staff', 'sending'),
			item('staff', 'done'),
			item('staff', 'failed'),
			item('device', 'pending')
		]);
		expect(await queuedStaffChanges(db)).toBe(2);
	});
});
