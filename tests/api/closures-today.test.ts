import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays } from '../../src/lib/shared/rules/dates';
import { call, createPrison, createStaff, signIn, startTestApi, type TestApi } from '../helpers/api';

/*
 * The closures list starts at the prison's today, not the server's: at 23:30 UTC on 1 June it is
 * already 2 June in Europe/London, so 1 June is yesterday at the prison and drops off the list, and
 * the list reaches 400 days past 2 June.
 */

let api: TestApi;
let cookie: string;
let prisonId: string;
const NOW = new Date('2026-06-01T23:30:00Z');
const LONDON_TODAY = '2026-06-02';

beforeAll(async () => {
	api = await startTestApi({ clock: () => NOW });
	prisonId = await createPrison(api.db, { timeZone: 'Europe/London' });
	const officer = await createStaff(api.db, { prisonIds: [prisonId], name: 'Clock Officer' });
	cookie = await signIn(api, officer);
});
afterAll(async () => {
	await api?.close();
});

it('lists closures from the prison’s today (Europe/London), not the UTC date', async () => {
	const dates = [addDays(LONDON_TODAY, -1), LONDON_TODAY, addDays(LONDON_TODAY, 400)];
	for (const date of dates) {
		const added = await call(api, 'POST', `/api/staff/prisons/${prisonId}/closures`, { cookie, body: { date, reason: 'Staff training' } });
		expect(added.status, date).toBe(201);
	}
	const listed = await call(api, 'GET', `/api/staff/prisons/${prisonId}/closures`, { cookie });
	expect(listed.status).toBe(200);
	expect((listed.body.closures as { date: string }[]).map((closure) => closure.date)).toEqual([LONDON_TODAY, addDays(LONDON_TODAY, 400)]);
});
