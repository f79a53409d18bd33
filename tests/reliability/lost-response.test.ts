// A phone sends a request, the server stores it, and the answer is lost on the way back (signal
// drops, a proxy resets the connection). The device does not know whether it arrived, so it sends
// it again: the database must still hold it exactly once, and the phone must end up with its
// reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookAPrisonVisitDb } from '../../src/lib/client/db';
import { enqueueSubmit, enqueueWithdraw } from '../../src/lib/client/visitor-queue';
import { createSyncEngine } from '../../src/lib/client/sync';
import { VisitRequestInput } from '../../src/lib/shared/schemas';
import { aVisitRequest, createPrison, startTestApi, type TestApi } from '../helpers/api';
import { fakeBrowserStorage } from '../helpers/device-db';
import { startAnswerLosingProxy, type AnswerLosingProxy } from '../helpers/answer-losing-proxy';

let api: TestApi;
let proxy: AnswerLosingProxy;
let prisonId: string;

beforeAll(async () => {
	api = await startTestApi();
	prisonId = await createPrison(api.db);
	proxy = await startAnswerLosingProxy({ host: '127.0.0.1', port: api.server.port });
});
afterAll(async () => {
	await proxy?.close();
	await api?.close();
});

/** A phone whose connection goes through the proxy, with a clock the test moves on. */
function phone() {
	const db: BookAPrisonVisitDb = fakeBrowserStorage().open();
	const clock = { now: Date.now() };
	const sync = createSyncEngine({ db, baseUrl: proxy.url, now: () => clock.now, random: () => 0.5, locks: null, timeoutMs: 10_000 });
	/** Syncs until nothing is left to send, moving the clock past each retry time (bounded). */
	async function syncUntilSettled(): Promise<void> {
		for (let round = 0; round < 10; round += 1) {
			await sync.syncNow();
			const open = await db.outbox.where('state').anyOf('pending', 'sending').count();
			if (open === 0) return;
			clock.now += 10 * 60_000;
		}
		throw new Error('the outbox did not settle in 10 rounds');
	}
	return { db, sync, syncUntilSettled };
}

const storedCopies = async (id: string) =>
	Number(
		(
			await api.db
				.selectFrom('visitRequests')
				.select((eb) => eb.fn.countAll().as('n'))
				.where('id', '=', id)
				.executeTakeFirstOrThrow()
		).n
	);

describe('an answer lost on the way back to the phone', () => {
	it('a submit whose answer is lost twice is stored once, and the phone gets its reference', async () => {
		const device = phone();
		const input = VisitRequestInput.parse(aVisitRequest(prisonId));
		await enqueueSubmit(device.db, input, Date.now());

		const submit = { method: 'POST', path: '/api/visit-requests' };
		proxy.dropNextAnswers(submit, 2);
		const dropsBefore = proxy.drops;
		const seenBefore = proxy.requests.length;
		await device.syncUntilSettled();

		// Two sends reached the server and lost their answer, the third was answered.
		expect(proxy.drops - dropsBefore).toBe(2);
		const sends = proxy.requests.slice(seenBefore).filter((r) => r.method === submit.method && r.path === submit.path);
		expect(sends.map((r) => [r.status, r.dropped])).toEqual([
			[201, true],
			[200, true],
			[200, false]
		]);
		expect(await storedCopies(input.id)).toBe(1);
		expect(await api.db.selectFrom('stateChanges').select('toStatus').where('requestId', '=', input.id).execute()).toEqual([
			{ toStatus: 'requested' }
		]);
		const stored = await api.db
			.selectFrom('visitRequests')
			.select(['reference', 'status'])
			.where('id', '=', input.id)
			.executeTakeFirstOrThrow();
		const local = await device.db.requests.get(input.id);
		expect(local).toMatchObject({ syncState: 'synced', reference: stored.reference, status: 'requested' });
		expect(await device.db.outbox.where('state').equals('failed').count()).toBe(0);
	});

	it('a withdraw whose answer is lost is applied once and the phone sees it withdrawn', async () => {
		const device = phone();
		const input = VisitRequestInput.parse(aVisitRequest(prisonId));
		await enqueueSubmit(device.db, input, Date.now());
		await device.syncUntilSettled();

		await enqueueWithdraw(device.db, input.id, Date.now());
		const withdraw = { method: 'POST', path: `/api/visit-requests/${input.id}/withdraw` };
		proxy.dropNextAnswers(withdraw, 1);
		const dropsBefore = proxy.drops;
		const seenBefore = proxy.requests.length;
		await device.syncUntilSettled();

		// The first withdraw was applied and its answer lost; the resend was answered with the
		// withdrawn request (not a conflict the phone would have to work round).
		expect(proxy.drops - dropsBefore).toBe(1);
		const sends = proxy.requests.slice(seenBefore).filter((r) => r.method === withdraw.method && r.path === withdraw.path);
		expect(sends.map((r) => [r.status, r.dropped])).toEqual([
			[200, true],
			[200, false]
		]);

		const changes = await api.db.selectFrom('stateChanges').select('toStatus').where('requestId', '=', input.id).orderBy('id').execute();
		expect(changes.map((c) => c.toStatus)).toEqual(['requested', 'withdrawn']);
		expect(await device.db.requests.get(input.id)).toMatchObject({ status: 'withdrawn' });
		expect(await device.db.outbox.where('state').equals('failed').count()).toBe(0);
	});
});
