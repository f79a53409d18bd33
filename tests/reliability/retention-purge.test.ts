// The retention purge, with a clock the test controls: personal data of a request goes once its
// visit date (or its decision) is more than 180 days in the past, in the prison's time zone; the
// request itself, its slots, history and the places it took stay for statistics.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { purgeExpiredRequests } from '../../server/requests/retention';
import { startServer } from '../../server/server';
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
	type TestApi
} from '../helpers/api';
import { allTables, rowCounts } from '../helpers/db-fingerprint';
import { waitUntil } from '../helpers/wait-until';

const T0 = new Date();
const RETENTION_DAYS = 180;
/** Noon UTC on a London date: the same date in the prison's time zone, summer or winter. */
const noonOn = (date: string) => new Date(`${date}T12:00:00Z`);

let api: TestApi;
let prisonId: string;
let cookie: string;
const phone = newDeviceSecret();
const visitDate = bookableDate(6, T0);
const laterVisitDate = addDays(visitDate, 7);

interface Made {
	id: string;
	names: string[];
	visitors: number;
}
const old: Record<'booked' | 'rejected' | 'withdrawn' | 'requested' | 'cancelled', Made> = {} as never;
let later: Made;

async function submit(tag: string, date: string, extraVisitors = 0, birthYear = 1962): Promise<Made> {
	const leadBorn = `${birthYear}-11-23`;
	const childBorn = `${birthYear + 54}-03-14`;
	const prisonerBorn = `${birthYear + 19}-07-09`;
	const surname = `Purgeable${tag}`;
	const prisonerNumber = `P${String(1000 + tag.length * 111).slice(0, 4)}${tag.slice(0, 2).toUpperCase().padEnd(2, 'X')}`;
	const body = aVisitRequest(prisonId, {
		prisoner: { firstName: `Inmate${tag}`, lastName: surname, dateOfBirth: prisonerBorn, prisonerNumber },
		visitors: [
			{ firstName: `Lead${tag}`, lastName: surname, dateOfBirth: leadBorn, email: `lead.${tag.toLowerCase()}@example.com` },
			...Array.from({ length: extraVisitors }, (_, i) => ({ firstName: `Child${tag}${i}`, lastName: surname, dateOfBirth: childBorn }))
		],
		slots: [{ date, start: '14:00' }],
		additionalSupport: `Wheelchair for Lead${tag}`
	});
	const response = await call(api, 'POST', '/api/visit-requests', { body, bearer: phone });
	expect(response.status).toBe(201);
	return {
		id: body.id,
		names: [
			surname,
			`Inmate${tag}`,
			`Lead${tag}`,
			`lead.${tag.toLowerCase()}@example.com`,
			prisonerNumber,
			leadBorn,
			prisonerBorn,
			`Wheelchair for Lead${tag}`
		],
		visitors: 1 + extraVisitors
	};
}

const decide = async (id: string, action: string, body: unknown) => {
	const response = await call(api, 'POST', `/api/staff/requests/${id}/${action}`, { cookie, body });
	expect(response.status).toBe(200);
};

/** Every row of every table as text: what a database dump would show. */
async function everythingStored(): Promise<string> {
	const parts = await Promise.all(
		(await allTables(api.db)).map(async (table) =>
			(await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t`.execute(api.db)).rows.map((r) => r.row).join('\n')
		)
	);
	return parts.join('\n');
}

async function statistics() {
	const requests = await api.db
		.selectFrom('visitRequests')
		.select(['id', 'status', 'firstDate', 'bookedDate', 'reference'])
		.orderBy('id')
		.execute();
	const usage = await api.db.selectFrom('slotUsage').select(['date', 'startTime', 'booked']).orderBy('date').execute();
	const counts = await rowCounts(api.db, ['visit_requests', 'request_slots', 'state_changes', 'slot_usage']);
	return { requests, usage, counts };
}

beforeAll(async () => {
	// The server's own clock stays at T0, so its scheduled purge never races the test's.
	api = await startTestApi({ clock: () => T0 });
	prisonId = await createPrison(api.db);
	const officer = await createStaff(api.db, { prisonIds: [prisonId], name: 'Officer Keep' });
	cookie = await signIn(api, officer);

	old.booked = await submit('Booked', visitDate, 2);
	old.rejected = await submit('Rejected', visitDate);
	old.withdrawn = await submit('Withdrawn', visitDate, 1);
	old.requested = await submit('Requested', visitDate);
	old.cancelled = await submit('Cancelled', visitDate);
	later = await submit('Later', laterVisitDate, 1, 1963);

	await decide(old.booked.id, 'confirm', { slot: { date: visitDate, start: '14:00' }, message: 'See you, LeadBooked' });
	await decide(old.rejected.id, 'reject', { reasons: ['other'], message: 'Call us, LeadRejected' });
	await decide(old.cancelled.id, 'confirm', { slot: { date: visitDate, start: '14:00' } });
	await decide(old.cancelled.id, 'cancel', { reason: 'other', message: 'Flooded, LeadCancelled' });
	await decide(later.id, 'confirm', { slot: { date: laterVisitDate, start: '14:00' } });
	const withdrawn = await call(api, 'POST', `/api/visit-requests/${old.withdrawn.id}/withdraw`, { bearer: phone });
	expect(withdrawn.status).toBe(200);
});
afterAll(async () => {
	await api?.close();
});

describe('the retention purge', () => {
	it('removes nothing while every date is within the retention period, up to its last day', async () => {
		const before = await everythingStored();
		expect(await purgeExpiredRequests(api.db, noonOn(addDays(visitDate, 100)))).toEqual({ requests: 0, visitors: 0 });
		// The visit date plus 180 days is the last day the data is kept.
		expect(await purgeExpiredRequests(api.db, noonOn(addDays(visitDate, RETENTION_DAYS)))).toEqual({ requests: 0, visitors: 0 });
		expect(await everythingStored()).toEqual(before);
	});

	it('the day after, removes the personal data of every old request, whatever its state, and keeps the counts', async () => {
		const statsBefore = await statistics();
		const now = noonOn(addDays(visitDate, RETENTION_DAYS + 1));
		const oldOnes = Object.values(old);

		expect(await purgeExpiredRequests(api.db, now)).toEqual({ requests: 5, visitors: 3 + 1 + 2 + 1 + 1 });

		// Statistics: the same requests in the same states, the same slots, history and places taken.
		expect(await statistics()).toEqual(statsBefore);
		const rows = await api.db
			.selectFrom('visitRequests')
			.select([
				'id',
				'prisonerFirstName',
				'prisonerLastName',
				'prisonerDateOfBirth',
				'prisonerNumber',
				'additionalSupport',
				'decisionMessage',
				'purgedAt',
				'visitorCount'
			])
			.where(
				'id',
				'in',
				oldOnes.map((m) => m.id)
			)
			.execute();
		for (const made of oldOnes) {
			expect(rows.find((r) => r.id === made.id)).toEqual({
				id: made.id,
				prisonerFirstName: null,
				prisonerLastName: null,
				prisonerDateOfBirth: null,
				prisonerNumber: null,
				additionalSupport: null,
				decisionMessage: null,
				purgedAt: now,
				visitorCount: made.visitors
			});
		}
		const visitorsLeft = await api.db.selectFrom('requestVisitors').select(['requestId']).execute();
		expect(visitorsLeft.map((v) => v.requestId)).toEqual([later.id, later.id]);

		// Nowhere in the database: not the names, emails, prisoner numbers, support notes or messages.
		const stored = await everythingStored();
		for (const made of oldOnes) for (const personal of made.names) expect(stored, personal).not.toContain(personal);
		expect(stored).not.toContain('2016-03-14');
		for (const message of ['See you, LeadBooked', 'Call us, LeadRejected', 'Flooded, LeadCancelled']) expect(stored).not.toContain(message);
		// The later request is untouched.
		for (const personal of later.names) expect(stored).toContain(personal);
	});

	it('shows the phone a purged request without its personal details', async () => {
		const response = await call(api, 'GET', `/api/visit-requests/${old.booked.id}`, { bearer: phone });
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({
			id: old.booked.id,
			status: 'booked',
			prisoner: null,
			visitors: [],
			additionalSupport: null,
			message: null
		});
	});

	it('does nothing when run again, and takes the later request when its time comes', async () => {
		expect(await purgeExpiredRequests(api.db, noonOn(addDays(visitDate, RETENTION_DAYS + 2)))).toEqual({ requests: 0, visitors: 0 });
		expect(await purgeExpiredRequests(api.db, noonOn(addDays(laterVisitDate, RETENTION_DAYS + 1)))).toEqual({ requests: 1, visitors: 2 });
		expect(await rowCounts(api.db, ['visit_requests', 'request_visitors'])).toEqual({ visit_requests: 6, request_visitors: 0 });
	});
});

describe('expired staff sessions', () => {
	it('are deleted by the scheduled run (each names an officer and when they worked); a live one stays', async () => {
		const officer = await createStaff(api.db, { prisonIds: [prisonId], name: 'Officer Gone' });
		const expired = { idHash: 'a'.repeat(64), staffId: officer.id, expiresAt: new Date(T0.getTime() - 60_000) };
		await api.db.insertInto('staffSessions').values(expired).execute();
		const sessions = async () => (await api.db.selectFrom('staffSessions').select('idHash').execute()).map((row) => row.idHash);
		expect(await sessions()).toContain(expired.idHash);

		expect((await api.server.retention.runNow()).sessions).toBe(1);
		expect(await sessions()).not.toContain(expired.idHash);
		expect(await sessions()).toHaveLength(1);
		expect((await call(api, 'GET', '/api/staff/me', { cookie })).status).toBe(200);
	});
});

describe('the scheduled purge', () => {
	it('runs by itself in a started server', async () => {
		const prisonLater = await createPrison(api.db);
		const body = aVisitRequest(prisonLater, { slots: [{ date: visitDate, start: '14:00' }] });
		expect((await call(api, 'POST', '/api/visit-requests', { body, bearer: phone })).status).toBe(201);

		// A second server on the same database whose clock is a year on: nobody calls the purge.
		const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', SEED: 'none', LOG_LEVEL: 'silent' });
		const server = await startServer({
			config,
			db: { db: api.db, kind: api.server.databaseKind },
			clock: () => noonOn(addDays(visitDate, 365)),
			retentionFirstRunAfterMs: 0
		});
		try {
			const purgedAt = async () =>
				(await api.db.selectFrom('visitRequests').select('purgedAt').where('id', '=', body.id).executeTakeFirstOrThrow()).purgedAt;
			await waitUntil(async () => (await purgedAt()) !== null, 'the scheduled purge', 20_000);
			expect(await purgedAt()).toEqual(noonOn(addDays(visitDate, 365)));
		} finally {
			await server.close();
		}
	});
});
