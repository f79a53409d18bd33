import { randomBytes, randomUUID } from 'node:crypto';
import type { Agent } from 'node:https';
import { loadConfig, type Config } from '../../server/config';
import type { PrisonWithTimetable } from '../../server/db/insert-prison';
import type { Database } from '../../server/db/schema';
import { ROCHESTER } from '../../server/demo-prison';
import { startServer, type RunningServer } from '../../server/server';
import { bookingWindow } from '../../src/lib/shared/rules/booking-window';
import { addDays, isoWeekday } from '../../src/lib/shared/rules/dates';
import type { VisitRequestInputRaw } from '../../src/lib/shared/schemas';
import { apiChecker } from './openapi-check';
import { createTestDatabase, createTestStaff, seedTestPrison, type TestDatabase, type TestStaff } from './test-database';
import type { Kysely } from 'kysely';

/** A real server on a free port over a fresh database: the API as a client meets it. */
export interface TestApi {
	url: string;
	db: Kysely<Database>;
	database: TestDatabase;
	server: RunningServer;
	close(): Promise<void>;
}

export interface StartTestApiOptions {
	clock?: () => Date;
	env?: Record<string, string>;
	/** Passed to the push worker: an https.Agent that trusts tests/helpers/push-endpoint.ts's certificate. */
	pushAgent?: Agent;
	/**
	 * Run the lifecycle (expiry, reminders) and retention jobs on their timers as production does.
	 * Off by default: a test calls server.lifecycle.runNow() / server.retention.runNow() when it
	 * wants a run, so a run on the timer can never race a clock the test has just moved.
	 */
	intervalJobs?: boolean;
	/** How a request waits (the sign-in slow-down): pass one that records the waits. */
	wait?: (ms: number) => Promise<void>;
}

export async function startTestApi(options: StartTestApiOptions = {}): Promise<TestApi> {
	const database = await createTestDatabase();
	const config: Config = loadConfig({ PORT: '0', HOST: '127.0.0.1', SEED: 'none', LOG_LEVEL: 'silent', ...options.env });
	const server = await startServer({
		config,
		db: database,
		intervalJobs: options.intervalJobs ?? false,
		...(options.clock ? { clock: options.clock } : {}),
		...(options.pushAgent ? { pushAgent: options.pushAgent } : {}),
		...(options.wait ? { wait: options.wait } : {})
	});
	return {
		url: server.url,
		db: database.db,
		database,
		server,
		close: async () => {
			await server.close();
			await database.close();
		}
	};
}

export interface CallOptions {
	body?: unknown;
	/** Sent as the raw body instead of JSON. */
	raw?: string;
	bearer?: string;
	cookie?: string;
	origin?: string | null;
	headers?: Record<string, string>;
}

/**
 * The API's JSON as a test reads it, loosely typed on purpose: each test asserts the parts it cares about
 * (and a wrong guess fails the assertion), instead of narrowing every answer first.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- on purpose, as said above
export type TestJson = any;

export interface CallResult<T = TestJson> {
	status: number;
	// The API's JSON, as a test reads it; each test asserts the parts it cares about.
	body: T;
	headers: Headers;
}

export async function call<T = TestJson>(
	api: { url: string },
	method: string,
	path: string,
	options: CallOptions = {}
): Promise<CallResult<T>> {
	const headers: Record<string, string> = { ...options.headers };
	if (options.body !== undefined || options.raw !== undefined) headers['Content-Type'] ??= 'application/json';
	if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`;
	if (options.cookie) headers.Cookie = options.cookie;
	if (options.origin !== null && method !== 'GET') headers.Origin = options.origin ?? api.url;
	const response = await fetch(`${api.url}${path}`, {
		method,
		headers,
		body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
	});
	const text = await response.text();
	let body: unknown = text;
	try {
		body = text ? JSON.parse(text) : null;
	} catch {
		// Not JSON: the test sees the text.
	}
	// Every answer an API test receives must be one the OpenAPI document describes.
	const problems = (await apiChecker()).problems({
		method,
		path,
		status: response.status,
		contentType: response.headers.get('content-type'),
		body
	});
	if (problems.length > 0) throw new Error(`The answer is not what /api/openapi.json describes:\n${problems.join('\n')}`);
	return { status: response.status, body: body as T, headers: response.headers };
}

/** A visitor's phone: its own random secret, as the PWA makes one. */
export function newDeviceSecret(): string {
	return randomBytes(32).toString('base64url');
}

/** A prison like HMP Rochester with a fresh code, so a test file can have several. */
export async function createPrison(db: Kysely<Database>, overrides: Partial<PrisonWithTimetable> = {}): Promise<string> {
	const code = overrides.code ?? `T${randomBytes(3).toString('hex').toUpperCase()}`;
	return seedTestPrison(db, { name: `HMP Test ${code}`, ...overrides, code });
}

/** A staff member with a made-up email and password, unless given. */
export async function createStaff(
	db: Kysely<Database>,
	options: { prisonIds: string[]; email?: string; password?: string; name?: string; admin?: boolean; serviceAdmin?: boolean }
): Promise<TestStaff> {
	return createTestStaff(db, {
		admin: options.admin ?? false,
		serviceAdmin: options.serviceAdmin ?? false,
		prisonIds: options.prisonIds,
		email: options.email ?? `officer-${randomBytes(4).toString('hex')}@prison.example`,
		password: options.password ?? `pw-${randomBytes(9).toString('base64url')}`,
		name: options.name ?? 'Officer Dibble'
	});
}

/** Signs in and returns the session cookie to send back. */
export async function signIn(api: { url: string }, staff: { email: string; password: string }): Promise<string> {
	const response = await call(api, 'POST', '/api/staff/login', { body: { email: staff.email, password: staff.password } });
	if (response.status !== 200) throw new Error(`Sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
	const setCookie = response.headers.get('set-cookie') ?? '';
	return setCookie.split(';')[0] ?? '';
}

/**
 * The year a visitor born then is `age` (or a year younger, before their birthday) on `now`: a
 * child's date of birth in a fixture is made from it, so the child never turns adult as years pass.
 */
export function yearBorn(age: number, now = new Date()): number {
	return now.getUTCFullYear() - age;
}

/**
 * A booking window of exactly one week from the same first day as HMP Rochester's (bookableDate
 * falls in it): each weekday once, so the places a timetable offers in it are easy to count.
 */
export const ONE_WEEK_WINDOW = { leadDays: 3, horizonDays: 9 } as const;

/** The first bookable date on or after the window opens that falls on `weekday` (1 = Monday). */
export function bookableDate(weekday: number, now = new Date(), prison = ROCHESTER): string {
	const window = bookingWindow(
		{ timeZone: prison.timeZone ?? 'Europe/London', leadDays: prison.leadDays ?? 3, horizonDays: prison.horizonDays ?? 28 },
		now
	);
	let date = window.from;
	while (isoWeekday(date) !== weekday) date = addDays(date, 1);
	return date;
}

export function aVisitRequest(prisonId: string, overrides: Partial<VisitRequestInputRaw> = {}): VisitRequestInputRaw {
	return {
		id: randomUUID(),
		prisonId,
		prisoner: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-05-01', prisonerNumber: 'A1234BC' },
		visitors: [{ firstName: 'Mary', lastName: 'Lovelace', dateOfBirth: '1965-02-03', email: 'mary@example.com' }],
		slots: [{ date: bookableDate(6), start: '14:00' }],
		...overrides
	};
}
