// GET /api/staff/session: whether an officer is signed in, for a page that only needs to know that
// (the sign-in page on a first visit). Always a 200, so a browser logs no error for it (a 401 from /api/staff/me was Lighthouse's errors-in-console on /staff); /api/staff/me keeps its 401.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createPrison, createStaff, newDeviceSecret, signIn, startTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let prisonId: string;
let officer: { id: string; email: string; password: string; name: string };

beforeAll(async () => {
	api = await startTestApi();
	prisonId = await createPrison(api.db);
	officer = await createStaff(api.db, { prisonIds: [prisonId], name: 'Sam Session' });
});
afterAll(async () => {
	await api?.close();
});

const session = (options: { cookie?: string; bearer?: string } = {}) => call(api, 'GET', '/api/staff/session', options);

describe('GET /api/staff/session', () => {
	it('answers 200 signed out when there is no cookie (where /api/staff/me answers 401)', async () => {
		const answer = await session();
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ signedIn: false });
		expect((await call(api, 'GET', '/api/staff/me')).status).toBe(401);
	});

	it('answers signed in with the same officer /api/staff/me describes', async () => {
		const cookie = await signIn(api, officer);
		const answer = await session({ cookie });
		expect(answer.status).toBe(200);
		const me = await call(api, 'GET', '/api/staff/me', { cookie });
		expect(me.status).toBe(200);
		expect(answer.body).toEqual({ signedIn: true, staff: me.body });
		expect(answer.body.staff).toMatchObject({ id: officer.id, email: officer.email, name: 'Sam Session', prisons: [{ id: prisonId }] });
	});

	it('answers signed out after sign-out with the same cookie, and clears it', async () => {
		const cookie = await signIn(api, officer);
		expect((await session({ cookie })).body.signedIn).toBe(true);
		expect((await call(api, 'POST', '/api/staff/logout', { cookie })).status).toBe(200);
		const after = await session({ cookie });
		expect(after.status).toBe(200);
		expect(after.body).toEqual({ signedIn: false });
		expect(after.headers.get('set-cookie')).toMatch(/bpv_session=;.*Max-Age=0/i);
	});

	it('answers signed out for a credential of another kind: a visitor bearer, a set-password token, a made-up token', async () => {
		const phone = newDeviceSecret();
		expect((await call(api, 'GET', '/api/visit-requests', { bearer: phone })).status).toBe(200);
		expect((await session({ bearer: phone })).body).toEqual({ signedIn: false });
		expect((await session({ cookie: `bpv_session=${phone}` })).body).toEqual({ signedIn: false });

		// A one-time set-password link's token is a real token of this service, but not a session.
		const admin = await createStaff(api.db, { prisonIds: [prisonId], admin: true });
		const adminCookie = await signIn(api, admin);
		const created = await call(api, 'POST', '/api/admin/staff', {
			cookie: adminCookie,
			body: { email: `link-${randomUUID().slice(0, 8)}@prison.example`, name: 'Jo Link', prisonIds: [prisonId] }
		});
		expect(created.status).toBe(201);
		const linkToken = /#token=([A-Za-z0-9_-]+)$/.exec(created.body.link.path as string)?.[1] ?? '';
		expect(linkToken).toHaveLength(43);
		expect((await session({ cookie: `bpv_session=${linkToken}` })).body).toEqual({ signedIn: false });

		const madeUp = await session({ cookie: `bpv_session=${'a'.repeat(43)}` });
		expect(madeUp.status).toBe(200);
		expect(madeUp.body).toEqual({ signedIn: false });
	});

	it('answers signed out once the officer is deactivated', async () => {
		const leaving = await createStaff(api.db, { prisonIds: [prisonId] });
		const cookie = await signIn(api, leaving);
		expect((await session({ cookie })).body.signedIn).toBe(true);
		await api.db.updateTable('staffUsers').set({ deactivatedAt: new Date() }).where('id', '=', leaving.id).execute();
		expect((await session({ cookie })).body).toEqual({ signedIn: false });
	});
});
