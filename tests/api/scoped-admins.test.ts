// Scoped administrators (security, round 3, finding 11). A prison administrator manages only the
// prisons they work at and the staff wholly inside them, never another administrator (nor one who
// was), nor their own role, prisons or link; a service administrator manages everything. Each refusal
// is tested with every kind of target it covers, and changes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedAdministrators } from '../../server/db/migrations/022_scoped_administrators';
import { t, translate, type MessageKey } from '../../src/lib/shared/i18n';
import { call, createPrison, createStaff, signIn, startTestApi, type CallResult, type TestApi } from '../helpers/api';
import { createTestDatabase, createTestStaff } from '../helpers/test-database';
import { jsonb } from '../../server/db/json';

let api: TestApi;
let prisonA: string;
let prisonB: string;
/** Sessions: the prison administrator of A under test, and a service administrator. */
let mine: string;
let service: string;
/** Staff by the part they play. */
const who: Record<string, { id: string; email: string; password: string; name: string }> = {};

const linkToken = (path: string) => /#token=([A-Za-z0-9_-]+)$/.exec(path)?.[1] ?? '';
const staffPath = (id: string, rest = '') => `/api/admin/staff/${id}${rest}`;

/** Everything an administrator's write could change. */
async function snapshot() {
	const [prisons, staff, staffPrisons, links, audit, integrations] = await Promise.all([
		api.db.selectFrom('prisons').selectAll().orderBy('id').execute(),
		api.db.selectFrom('staffUsers').select(['id', 'name', 'admin', 'serviceAdmin', 'wasAdmin', 'deactivatedAt']).orderBy('id').execute(),
		api.db.selectFrom('staffPrisons').selectAll().orderBy('staffId').orderBy('prisonId').execute(),
		api.db.selectFrom('staffPasswordTokens').selectAll().orderBy('tokenHash').execute(),
		api.db.selectFrom('auditLog').select(['action', 'target']).orderBy('id').execute(),
		api.db.selectFrom('integrationClients').selectAll().orderBy('id').execute()
	]);
	return { prisons, staff, staffPrisons, links, audit, integrations };
}

/** The four writes an administrator may make on a staff user. */
const WRITES = (id: string): [string, string, unknown][] => [
	['POST', staffPath(id, '/password-link'), undefined],
	['PATCH', staffPath(id), { name: 'Taken Over' }],
	['PATCH', staffPath(id), { prisonIds: [prisonA] }],
	['PATCH', staffPath(id), { admin: false }],
	['POST', staffPath(id, '/deactivate'), undefined]
];

function expectRefused(answer: CallResult, status: number, code: string, message: string, what: string) {
	expect(answer.status, what).toBe(status);
	expect(answer.body.error, what).toMatchObject({ code, message });
}

beforeAll(async () => {
	api = await startTestApi();
	prisonA = await createPrison(api.db);
	prisonB = await createPrison(api.db, { code: 'BBB' });
	const make = async (name: string, prisonIds: string[], role: { admin?: boolean; serviceAdmin?: boolean } = {}) =>
		(who[name] = await createStaff(api.db, { prisonIds, name, ...role }));
	mine = await signIn(api, await make('Pat Admin of A', [prisonA], { admin: true }));
	service = await signIn(api, await make('Sol Service', [], { serviceAdmin: true }));
	await make('Ann Officer of A', [prisonA]);
	await make('Abe Officer of A and B', [prisonA, prisonB]);
	await make('Bea Officer of B', [prisonB]);
	await make('Nell No Prisons', []);
	await make('Ada Admin of A', [prisonA], { admin: true });
	await make('Sid Service at A', [prisonA], { serviceAdmin: true });
	await make('Ben Admin of B', [prisonB], { admin: true });
	// An administrator of A whom a service administrator made an officer again.
	await make('Dee Demoted', [prisonA], { admin: true });
	const demoted = await call(api, 'PATCH', staffPath(who['Dee Demoted']!.id), { cookie: service, body: { admin: false } });
	expect(demoted.status).toBe(200);
	expect(demoted.body).toMatchObject({ admin: false, serviceAdmin: false });
});
afterAll(async () => {
	await api?.close();
});

describe('a prison administrator and prisons', () => {
	it('sees and changes only the prisons they work at; another answers 403 before its body is read', async () => {
		const listed = await call(api, 'GET', '/api/admin/prisons', { cookie: mine });
		expect(listed.status).toBe(200);
		expect(listed.body.prisons.map((p: { id: string }) => p.id)).toEqual([prisonA]);
		expect((await call(api, 'GET', '/api/admin/prisons', { cookie: service })).body.prisons).toHaveLength(2);

		const before = await snapshot();
		for (const [id, body] of [
			[prisonB, { name: 'HMP Mine Now' }],
			[prisonB, { leadDays: 'lots' }],
			[prisonB.toUpperCase(), { name: 'HMP Mine Now' }],
			[randomUUID(), { name: 'HMP Nowhere' }]
		] as const) {
			const answer = await call(api, 'PATCH', `/api/admin/prisons/${id}`, { cookie: mine, body });
			expectRefused(answer, 403, 'forbidden', t('api.staff.forbiddenPrison'), `${id} ${JSON.stringify(body)}`);
		}
		expect(await snapshot()).toEqual(before);

		const own = await call(api, 'PATCH', `/api/admin/prisons/${prisonA}`, { cookie: mine, body: { visitorInfo: 'Bring photo ID' } });
		expect(own.status).toBe(200);
		expect(own.body.visitorInfo).toBe('Bring photo ID');
	});

	it('cannot add a prison or touch connected systems: 403 service_admin_only, whatever the body', async () => {
		const before = await snapshot();
		for (const body of [{ code: 'MINE', name: 'HMP Mine', address: '1 Road' }, { code: 'x' }]) {
			const answer = await call(api, 'POST', '/api/admin/prisons', { cookie: mine, body });
			expectRefused(answer, 403, 'service_admin_only', t('admin.prisons.serviceOnly'), JSON.stringify(body));
		}
		const made = await call(api, 'POST', '/api/admin/integrations', { cookie: service, body: { name: 'The service’s own' } });
		expect(made.status).toBe(201);
		const after = await snapshot();
		for (const [method, path, body] of [
			['GET', '/api/admin/integrations', undefined],
			['POST', '/api/admin/integrations', { name: 'Mine' }],
			['POST', '/api/admin/integrations', { name: '' }],
			['DELETE', `/api/admin/integrations/${made.body.client.id}`, undefined]
		] as const) {
			const answer = await call(api, method, path, { cookie: mine, body });
			expectRefused(answer, 403, 'service_admin_only', t('integrations.serviceOnly'), `${method} ${path}`);
		}
		expect(await snapshot()).toEqual(after);
		expect(before.integrations).toHaveLength(after.integrations.length - 1);
	});
});

describe('a prison administrator and staff', () => {
	it('sees only staff with at least one prison, all of them theirs, and may change only the officers among them', async () => {
		const listed = await call(api, 'GET', '/api/admin/staff', { cookie: mine });
		expect(listed.status).toBe(200);
		const seen = Object.fromEntries(listed.body.staff.map((u: { name: string; manageable: boolean }) => [u.name, u.manageable]));
		expect(seen).toEqual({
			'Pat Admin of A': false,
			'Ann Officer of A': true,
			'Ada Admin of A': false,
			'Sid Service at A': false,
			'Dee Demoted': false
		});
		const everyone = await call(api, 'GET', '/api/admin/staff', { cookie: service });
		expect(everyone.body.staff).toHaveLength(Object.keys(who).length);
		expect(everyone.body.staff.every((u: { manageable: boolean }) => u.manageable)).toBe(true);
	});

	it('answers 404 for anyone out of sight (a prison not theirs, or none), as for no one at all', async () => {
		const before = await snapshot();
		const nobody = randomUUID();
		for (const name of ['Abe Officer of A and B', 'Bea Officer of B', 'Nell No Prisons', 'Sol Service', 'Ben Admin of B']) {
			for (const [method, path, body] of WRITES(who[name]!.id)) {
				const answer = await call(api, method, path, { cookie: mine, body });
				expectRefused(answer, 404, 'not_found', t('admin.staff.notFound'), `${name}: ${method} ${path} ${JSON.stringify(body)}`);
				const none = await call(api, method, path.replace(who[name]!.id, nobody), { cookie: mine, body });
				expect(none.body, `${name}: ${method} ${path}`).toEqual(answer.body);
			}
		}
		expect(await snapshot()).toEqual(before);
	});

	it('cannot mint a link for, rename, re-assign, change the role of or deactivate an administrator, a former one or a service administrator', async () => {
		const before = await snapshot();
		for (const name of ['Ada Admin of A', 'Sid Service at A', 'Dee Demoted']) {
			for (const [method, path, body] of WRITES(who[name]!.id)) {
				const answer = await call(api, method, path, { cookie: mine, body });
				expectRefused(
					answer,
					403,
					'administrator_off_limits',
					t('admin.staff.administratorOffLimits'),
					`${name}: ${method} ${path} ${JSON.stringify(body)}`
				);
			}
		}
		expect(await snapshot()).toEqual(before);
	});

	it('cannot change their own prisons, role or link, nor deactivate themselves', async () => {
		const before = await snapshot();
		const self = who['Pat Admin of A']!.id;
		for (const [method, path, body] of [
			['POST', staffPath(self, '/password-link'), undefined],
			['PATCH', staffPath(self), { prisonIds: [prisonA, prisonB] }],
			['PATCH', staffPath(self), { prisonIds: [prisonA] }],
			['PATCH', staffPath(self), { serviceAdmin: true }],
			['PATCH', staffPath(self), { admin: false }]
		] as const) {
			const answer = await call(api, method, path, { cookie: mine, body });
			expectRefused(answer, 403, 'self_off_limits', t('admin.staff.selfOffLimits'), `${method} ${JSON.stringify(body)}`);
		}
		expectRefused(
			await call(api, 'POST', staffPath(self, '/deactivate'), { cookie: mine }),
			409,
			'self_deactivate',
			t('admin.staff.selfDeactivate'),
			'deactivate'
		);
		expect(await snapshot()).toEqual(before);
	});

	it('gives no administrator role and only their own prisons, at least one', async () => {
		const before = await snapshot();
		const officer = who['Ann Officer of A']!.id;
		const newUser = (extra: Record<string, unknown>) => ({
			email: `new-${randomUUID().slice(0, 8)}@prison.example`,
			name: 'New Person',
			...extra
		});
		const refusals: [string, string, unknown, number, string, string][] = [
			[
				'POST',
				'/api/admin/staff',
				newUser({ prisonIds: [prisonA], admin: true }),
				403,
				'service_admin_only',
				t('admin.staff.serviceOnlyRole')
			],
			[
				'POST',
				'/api/admin/staff',
				newUser({ prisonIds: [prisonA], serviceAdmin: true }),
				403,
				'service_admin_only',
				t('admin.staff.serviceOnlyRole')
			],
			['POST', '/api/admin/staff', newUser({ prisonIds: [prisonB] }), 403, 'prison_off_limits', t('admin.staff.prisonsOffLimits')],
			['POST', '/api/admin/staff', newUser({ prisonIds: [prisonA, prisonB] }), 403, 'prison_off_limits', t('admin.staff.prisonsOffLimits')],
			['PATCH', staffPath(officer), { admin: true }, 403, 'service_admin_only', t('admin.staff.serviceOnlyRole')],
			['PATCH', staffPath(officer), { serviceAdmin: true }, 403, 'service_admin_only', t('admin.staff.serviceOnlyRole')],
			['PATCH', staffPath(officer), { prisonIds: [prisonA, prisonB] }, 403, 'prison_off_limits', t('admin.staff.prisonsOffLimits')],
			['PATCH', staffPath(officer), { prisonIds: [prisonB] }, 403, 'prison_off_limits', t('admin.staff.prisonsOffLimits')]
		];
		for (const [method, path, body, status, code, message] of refusals) {
			expectRefused(await call(api, method, path, { cookie: mine, body }), status, code, message, `${method} ${JSON.stringify(body)}`);
		}
		for (const [method, path, body] of [
			['POST', '/api/admin/staff', newUser({ prisonIds: [] })],
			['PATCH', staffPath(officer), { prisonIds: [] }]
		] as const) {
			const answer = await call(api, method, path, { cookie: mine, body });
			expect(answer.status, method).toBe(400);
			expect(answer.body.error.fields, method).toEqual({ prisonIds: t('admin.field.prisons.oneOfYours') });
		}
		expect(await snapshot()).toEqual(before);
	});

	it('manages officers wholly inside their prisons, each change audited as theirs', async () => {
		const created = await call(api, 'POST', '/api/admin/staff', {
			cookie: mine,
			body: { email: `jo-${randomUUID().slice(0, 8)}@prison.example`, name: 'Jo New', prisonIds: [prisonA] }
		});
		expect(created.status).toBe(201);
		expect(created.body.user).toMatchObject({ admin: false, serviceAdmin: false, prisonIds: [prisonA], manageable: true });
		const id = created.body.user.id;
		expect((await call(api, 'PATCH', staffPath(id), { cookie: mine, body: { name: 'Jo Renamed', prisonIds: [prisonA] } })).status).toBe(
			200
		);
		const link = await call(api, 'POST', staffPath(id, '/password-link'), { cookie: mine });
		expect(link.status).toBe(200);
		const set = await call(api, 'POST', '/api/staff/set-password', {
			body: { token: linkToken(link.body.link.path), password: 'a long new password' }
		});
		expect(set.status).toBe(200);
		expect((await call(api, 'POST', staffPath(id, '/deactivate'), { cookie: mine })).status).toBe(200);
		const audit = await api.db.selectFrom('auditLog').select(['action', 'staffId']).where('target', '=', id).orderBy('id').execute();
		const me = who['Pat Admin of A']!.id;
		expect(audit).toEqual([
			{ action: 'admin.staff.create', staffId: me },
			{ action: 'admin.staff.update', staffId: me },
			{ action: 'admin.staff.link', staffId: me },
			{ action: 'staff.set-password', staffId: id },
			{ action: 'admin.staff.deactivate', staffId: me }
		]);
	});
});

describe('taking an account over in two steps', () => {
	it('a demoted administrator stays off limits: demote, then mint their link, is refused', async () => {
		const admin = await createStaff(api.db, { prisonIds: [prisonA], admin: true, name: 'Ed Exadmin' });
		const demoted = await call(api, 'PATCH', staffPath(admin.id), { cookie: service, body: { admin: false } });
		expect(demoted.status).toBe(200);
		const before = await snapshot();
		expectRefused(
			await call(api, 'POST', staffPath(admin.id, '/password-link'), { cookie: mine }),
			403,
			'administrator_off_limits',
			t('admin.staff.administratorOffLimits'),
			'link for the demoted administrator'
		);
		expect(await snapshot()).toEqual(before);
	});

	it('an officer with a prison elsewhere cannot be brought inside first: re-assigning them answers 404', async () => {
		const officer = who['Abe Officer of A and B']!.id;
		const before = await snapshot();
		expect((await call(api, 'PATCH', staffPath(officer), { cookie: mine, body: { prisonIds: [prisonA] } })).status).toBe(404);
		expect((await call(api, 'POST', staffPath(officer, '/password-link'), { cookie: mine })).status).toBe(404);
		expect(await snapshot()).toEqual(before);
	});

	it('a link made before the account could do more stops working: promoted, or given another prison', async () => {
		for (const [change, expected] of [
			[{ admin: true }, { admin: true, serviceAdmin: false }],
			[{ serviceAdmin: true }, { admin: true, serviceAdmin: true }],
			[{ prisonIds: [prisonA, prisonB].sort() }, { admin: false, prisonIds: [prisonA, prisonB].sort() }]
		] as const) {
			const officer = await createStaff(api.db, { prisonIds: [prisonA], name: 'Kit Keeper' });
			const link = await call(api, 'POST', staffPath(officer.id, '/password-link'), { cookie: mine });
			expect(link.status).toBe(200);
			const changed = await call(api, 'PATCH', staffPath(officer.id), { cookie: service, body: change });
			expect(changed.status).toBe(200);
			expect(changed.body).toMatchObject(expected);
			const used = await call(api, 'POST', '/api/staff/set-password', {
				body: { token: linkToken(link.body.link.path), password: 'the taken-over password' }
			});
			expect(used.status, JSON.stringify(change)).toBe(400);
			expect(used.body.error.fields).toEqual({ token: t('admin.setPassword.linkInvalid') });
			const audit = await api.db
				.selectFrom('auditLog')
				.select('detail')
				.where('target', '=', officer.id)
				.where('action', '=', 'admin.staff.update')
				.executeTakeFirstOrThrow();
			expect(audit.detail).toMatchObject({ after: change, unusedLinksVoided: 1 });
		}
		// A change that gives nothing new leaves the link working.
		const officer = await createStaff(api.db, { prisonIds: [prisonA, prisonB], name: 'Lou Lasting' });
		const link = await call(api, 'POST', staffPath(officer.id, '/password-link'), { cookie: service });
		expect(
			(await call(api, 'PATCH', staffPath(officer.id), { cookie: service, body: { name: 'Lou L', prisonIds: [prisonA] } })).status
		).toBe(200);
		const used = await call(api, 'POST', '/api/staff/set-password', {
			body: { token: linkToken(link.body.link.path), password: 'a long new password' }
		});
		expect(used.status).toBe(200);
	});
});

describe('a service administrator', () => {
	it('adds prisons, administrators of both kinds and connected systems, and manages any administrator', async () => {
		const prison = await call(api, 'POST', '/api/admin/prisons', {
			cookie: service,
			body: { code: 'SVC', name: 'HMP Service', address: '2 Road' }
		});
		expect(prison.status).toBe(201);
		const prisonAdmin = await call(api, 'POST', '/api/admin/staff', {
			cookie: service,
			body: { email: `pa-${randomUUID().slice(0, 8)}@prison.example`, name: 'Pia Prison Admin', prisonIds: [prison.body.id], admin: true }
		});
		expect(prisonAdmin.status).toBe(201);
		expect(prisonAdmin.body.user).toMatchObject({ admin: true, serviceAdmin: false });
		const serviceAdmin = await call(api, 'POST', '/api/admin/staff', {
			cookie: service,
			body: { email: `sa-${randomUUID().slice(0, 8)}@prison.example`, name: 'Sam Service', prisonIds: [], serviceAdmin: true }
		});
		expect(serviceAdmin.status).toBe(201);
		expect(serviceAdmin.body.user).toMatchObject({ admin: true, serviceAdmin: true });
		const contradiction = await call(api, 'POST', '/api/admin/staff', {
			cookie: service,
			body: { email: `x-${randomUUID().slice(0, 8)}@prison.example`, name: 'X', prisonIds: [], admin: false, serviceAdmin: true }
		});
		expect(contradiction.status).toBe(400);
		expect(contradiction.body.error.fields).toEqual({ serviceAdmin: t('admin.field.serviceAdmin.needsAdmin') });

		const other = who['Ada Admin of A']!.id;
		expect((await call(api, 'POST', staffPath(other, '/password-link'), { cookie: service })).status).toBe(200);
		expect((await call(api, 'PATCH', staffPath(other), { cookie: service, body: { prisonIds: [prisonA, prisonB] } })).status).toBe(200);
		expect((await call(api, 'POST', staffPath(who['Sid Service at A']!.id, '/password-link'), { cookie: service })).status).toBe(200);
		expect((await call(api, 'POST', '/api/admin/integrations', { cookie: service, body: { name: 'Events' } })).status).toBe(201);
		expect((await call(api, 'GET', '/api/staff/me', { cookie: service })).body).toMatchObject({ admin: true, serviceAdmin: true });
		expect((await call(api, 'GET', '/api/staff/me', { cookie: mine })).body).toMatchObject({ admin: true, serviceAdmin: false });
	});

	it('changes their own prisons, but not their own role', async () => {
		const self = who['Sol Service']!.id;
		for (const body of [{ admin: false }, { serviceAdmin: false }]) {
			expectRefused(
				await call(api, 'PATCH', staffPath(self), { cookie: service, body }),
				403,
				'self_off_limits',
				t('admin.staff.selfRole'),
				JSON.stringify(body)
			);
		}
		const own = await call(api, 'PATCH', staffPath(self), { cookie: service, body: { prisonIds: [prisonB], serviceAdmin: true } });
		expect(own.status).toBe(200);
		expect(own.body).toMatchObject({ serviceAdmin: true, prisonIds: [prisonB] });
	});
});

it('says each refusal in Welsh to a Welsh reader', async () => {
	const cases: [string, string, unknown, MessageKey][] = [
		['POST', '/api/admin/prisons', { code: 'CY', name: 'CEM', address: '1 Ffordd' }, 'admin.prisons.serviceOnly'],
		['GET', '/api/admin/integrations', undefined, 'integrations.serviceOnly'],
		['POST', staffPath(who['Sid Service at A']!.id, '/password-link'), undefined, 'admin.staff.administratorOffLimits'],
		['POST', staffPath(who['Pat Admin of A']!.id, '/password-link'), undefined, 'admin.staff.selfOffLimits'],
		['PATCH', staffPath(who['Ann Officer of A']!.id), { admin: true }, 'admin.staff.serviceOnlyRole'],
		['PATCH', staffPath(who['Ann Officer of A']!.id), { prisonIds: [prisonB] }, 'admin.staff.prisonsOffLimits'],
		['PATCH', `/api/admin/prisons/${prisonB}`, { name: 'CEM' }, 'api.staff.forbiddenPrison']
	];
	for (const [method, path, body, key] of cases) {
		const answer = await call(api, method, path, { cookie: mine, body, headers: { 'Accept-Language': 'cy' } });
		expect(answer.status, path).toBe(403);
		expect(answer.body.error.message, path).toBe(translate('cy', key));
		expect(translate('cy', key)).not.toBe(translate('en', key));
	}
});

describe('migration 022 for the administrators already there', () => {
	it('makes those the operator made service administrators, and those made or promoted in the app prison administrators', async () => {
		const database = await createTestDatabase();
		try {
			const { db } = database;
			const prison = await createPrison(db);
			const staff = async (name: string, admin: boolean) =>
				(await createTestStaff(db, { email: `${name}@prison.example`, password: 'irrelevant-here', prisonIds: [prison], name, admin })).id;
			const cli = await staff('cli', true);
			const madeInApp = await staff('made', true);
			const promotedInApp = await staff('promoted', true);
			const promotedThenDemoted = await staff('demoted', false);
			const officer = await staff('officer', false);
			const deactivated = await staff('gone', true);
			await db.updateTable('staffUsers').set({ deactivatedAt: new Date() }).where('id', '=', deactivated).execute();
			// What the app wrote when it made each of them, by an administrator's hand.
			await db
				.insertInto('auditLog')
				.values([
					{ staffId: cli, prisonId: null, action: 'admin.staff.create', target: madeInApp, detail: jsonb({ admin: true }) },
					{ staffId: cli, prisonId: null, action: 'admin.staff.create', target: promotedInApp, detail: jsonb({ admin: false }) },
					{
						staffId: cli,
						prisonId: null,
						action: 'admin.staff.update',
						target: promotedInApp,
						detail: jsonb({ before: { admin: false }, after: { admin: true } })
					},
					{
						staffId: cli,
						prisonId: null,
						action: 'admin.staff.update',
						target: promotedThenDemoted,
						detail: jsonb({ before: { admin: false }, after: { admin: true } })
					},
					{ staffId: cli, prisonId: null, action: 'admin.staff.update', target: officer, detail: jsonb({ after: { name: 'Renamed' } }) }
				])
				.execute();
			// As before migration 022: undo it over these rows, then run it.
			await scopedAdministrators.down!(db);
			await scopedAdministrators.up(db);
			const rows = await db.selectFrom('staffUsers').select(['name', 'admin', 'serviceAdmin', 'wasAdmin']).orderBy('name').execute();
			expect(rows).toEqual([
				{ name: 'cli', admin: true, serviceAdmin: true, wasAdmin: true },
				{ name: 'demoted', admin: false, serviceAdmin: false, wasAdmin: true },
				{ name: 'gone', admin: true, serviceAdmin: false, wasAdmin: true },
				{ name: 'made', admin: true, serviceAdmin: false, wasAdmin: true },
				{ name: 'officer', admin: false, serviceAdmin: false, wasAdmin: false },
				{ name: 'promoted', admin: true, serviceAdmin: false, wasAdmin: true }
			]);
			// The constraints hold every writer to the rule: no service administrator who is not an administrator, no administrator not marked as one.
			await expect(db.updateTable('staffUsers').set({ admin: false }).where('id', '=', cli).execute()).rejects.toThrow();
			await expect(db.updateTable('staffUsers').set({ wasAdmin: false }).where('id', '=', madeInApp).execute()).rejects.toThrow();
		} finally {
			await database.close();
		}
	});
});
