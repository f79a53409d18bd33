// Staff confirm under contention: twice as many requests as places (the full run: 400 requests over
// 20 slots of capacity 10), all confirmed at once. Exactly half must succeed and half get 409;
// whatever runs at once, no slot takes more than its capacity.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/db/schema';
import { CONFIRM_CAPACITY } from '../database';
import { bookableDates, visitRequestBody } from '../visit-request';

export interface ConfirmFigures {
	requests: number;
	seconds: number;
	perSecond: number;
	succeeded: number;
	conflicts: number;
	/** Answers that are neither 200 nor 409 (must be 0). */
	other: number;
}

export async function runConfirm(
	serverUrl: string,
	prisonId: string,
	staff: { email: string; password: string },
	slots: number
): Promise<ConfirmFigures> {
	const total = slots * CONFIRM_CAPACITY * 2;
	const dates = bookableDates().slice(0, slots);
	if (dates.length < slots) throw new Error(`only ${dates.length} bookable dates for ${slots} slots`);
	const origin = { Origin: serverUrl };

	// Setting the scene (not timed): twice the capacity in requests for each slot, ten per device.
	const requests = Array.from({ length: total }, (_, n) => {
		const slot = { date: dates[n % slots]!, start: '14:00' };
		return { body: visitRequestBody(prisonId, [slot]), slot };
	});
	const secrets = Array.from({ length: Math.ceil(total / 10) }, () => randomBytes(32).toString('base64url'));
	await inBatches(requests, 16, async ({ body }, n) => {
		const response = await fetch(`${serverUrl}/api/visit-requests`, {
			method: 'POST',
			headers: { ...origin, 'content-type': 'application/json', authorization: `Bearer ${secrets[n % secrets.length]}` },
			body: JSON.stringify(body)
		});
		if (response.status !== 201) throw new Error(`setting up confirm: submit answered ${response.status} ${await response.text()}`);
	});

	const login = await fetch(`${serverUrl}/api/staff/login`, {
		method: 'POST',
		headers: { ...origin, 'content-type': 'application/json' },
		body: JSON.stringify(staff)
	});
	if (login.status !== 200) throw new Error(`staff sign-in answered ${login.status}`);
	const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

	const started = performance.now();
	const statuses = await Promise.all(
		requests.map(async ({ body, slot }) => {
			const response = await fetch(`${serverUrl}/api/staff/requests/${body.id}/confirm`, {
				method: 'POST',
				headers: { ...origin, cookie, 'content-type': 'application/json' },
				body: JSON.stringify({ slot })
			});
			await response.arrayBuffer();
			return response.status;
		})
	);
	const seconds = (performance.now() - started) / 1000;
	const succeeded = statuses.filter((s) => s === 200).length;
	const conflicts = statuses.filter((s) => s === 409).length;
	return { requests: total, seconds, perSecond: total / seconds, succeeded, conflicts, other: total - succeeded - conflicts };
}

/**
 * Booked visits beyond a slot's capacity, counted from the requests themselves (not the
 * counters the confirm path keeps), once the server has stopped.
 */
export async function overbooked(db: Kysely<Database>, prisonId: string): Promise<number> {
	const { rows } = await sql<{ over: number }>`
		select coalesce(sum(greatest(n - ${CONFIRM_CAPACITY}, 0)), 0)::int as over from (
			select count(*) as n from visit_requests
			where prison_id = ${prisonId} and status = 'booked'
			group by booked_date, booked_start
		) per_slot`.execute(db);
	return rows[0]?.over ?? 0;
}

async function inBatches<T>(items: T[], size: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
	for (let i = 0; i < items.length; i += size) {
		await Promise.all(items.slice(i, i + size).map((item, j) => work(item, i + j)));
	}
}
