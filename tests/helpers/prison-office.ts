import { aVisitRequest, call, createStaff, newDeviceSecret, signIn, type TestApi } from './api';

/*
 * The prison's side of a browser test, done as an officer and other families would do it:
 * through the API, so every cache the calendar has sees the change as it would in real life.
 */

export interface Slot {
	date: string;
	start: string;
}

export interface PrisonOffice {
	/** An officer books the request into `slot`. */
	confirm(requestId: string, slot: Slot): Promise<void>;
	/** Other families take `count` places in `slot`: each a request of its own, confirmed. */
	bookPlaces(slot: Slot, count: number): Promise<void>;
	/** Closes a whole day, or one slot of it when `start` is given. */
	close(closure: { date: string; start?: string; reason: string }): Promise<void>;
}

export async function openPrisonOffice(api: TestApi, prisonId: string): Promise<PrisonOffice> {
	const cookie = await signIn(api, await createStaff(api.db, { prisonIds: [prisonId] }));

	const expectStatus = (what: string, response: { status: number; body: unknown }, status: number) => {
		if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
	};

	const confirm = async (requestId: string, { date, start }: Slot) => {
		const body = { slot: { date, start } };
		expectStatus('confirm', await call(api, 'POST', `/api/staff/requests/${requestId}/confirm`, { cookie, body }), 200);
	};

	return {
		confirm,
		bookPlaces: async (slot, count) => {
			for (let place = 0; place < count; place += 1) {
				const request = aVisitRequest(prisonId, { slots: [{ date: slot.date, start: slot.start }] });
				expectStatus('submit', await call(api, 'POST', '/api/visit-requests', { body: request, bearer: newDeviceSecret() }), 201);
				await confirm(request.id, slot);
			}
		},
		close: async (closure) => {
			expectStatus('close', await call(api, 'POST', `/api/staff/prisons/${prisonId}/closures`, { cookie, body: closure }), 201);
		}
	};
}
