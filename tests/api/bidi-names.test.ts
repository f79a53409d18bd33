// Bidi override and isolate controls in a name ("\u202Eevil" shows as "live") are refused
// with the name field's message, every problem in one 400, and nothing is stored.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { t } from '../../src/lib/shared/i18n';
import { aVisitRequest, call, createPrison, createStaff, newDeviceSecret, signIn, startTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
let prisonId: string;
let cookie: string;

beforeAll(async () => {
	api = await startTestApi();
	prisonId = await createPrison(api.db);
	cookie = await signIn(api, await createStaff(api.db, { prisonIds: [prisonId] }));
});
afterAll(async () => {
	await api?.close();
});

const refused = () => t('validation.name.directionControl');
const stored = async (id: string) => (await api.db.selectFrom('visitRequests').select('id').where('id', '=', id).execute()).length;

it("refuses a visit request with a right-to-left override in a visitor's first name, storing nothing", async () => {
	const request = aVisitRequest(prisonId, {
		visitors: [{ firstName: '\u202Eevil', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email: 'mary@example.com' }]
	});
	const { status, body } = await call(api, 'POST', '/api/visit-requests', { body: request, bearer: newDeviceSecret() });
	expect(status).toBe(400);
	expect(body.error.fields).toEqual({ 'visitors.0.firstName': refused() });
	expect(await stored(request.id)).toBe(0);
});

it('refuses every embedding, override and isolate control in any name, all in one round', async () => {
	const controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
	const visitors = controls.slice(0, 3).map((control, index) => ({
		firstName: `Mary${index}`,
		lastName: `Love${control}lace`,
		dateOfBirth: '1965-02-03',
		...(index === 0 ? { email: 'mary@example.com' } : {})
	}));
	for (const control of controls) {
		const request = aVisitRequest(prisonId, {
			prisoner: { firstName: `Ada${control}`, lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: 'A1234BC' },
			visitors
		});
		const { status, body } = await call(api, 'POST', '/api/visit-requests', { body: request, bearer: newDeviceSecret() });
		expect(status, `U+${control.codePointAt(0)?.toString(16)}`).toBe(400);
		expect(body.error.fields).toEqual({
			'prisoner.firstName': refused(),
			'visitors.0.lastName': refused(),
			'visitors.1.lastName': refused(),
			'visitors.2.lastName': refused()
		});
		expect(await stored(request.id)).toBe(0);
	}
});

it('accepts names in other scripts and with ordinary punctuation', async () => {
	const request = aVisitRequest(prisonId, {
		visitors: [{ firstName: 'Siân-Wyn', lastName: "O'Brien عبد الله", dateOfBirth: '1965-02-03', email: 'sian@example.com' }]
	});
	const { status } = await call(api, 'POST', '/api/visit-requests', { body: request, bearer: newDeviceSecret() });
	expect(status).toBe(201);
});

it('refuses a ban with a bidi control in the banned visitor’s name, storing nothing', async () => {
	const before = await api.db.selectFrom('prisonerBans').select('id').execute();
	const ban = await call(api, 'POST', `/api/staff/prisons/${prisonId}/prisoners/A1234BC/bans`, {
		cookie,
		body: { firstName: 'Bob', lastName: '\u2067Smith', dateOfBirth: '1980-01-01', until: '2099-12-31', reason: 'Passing items' }
	});
	expect(ban.status).toBe(400);
	expect(ban.body.error.fields).toEqual({ lastName: refused() });
	expect(await api.db.selectFrom('prisonerBans').select('id').execute()).toEqual(before);
});
