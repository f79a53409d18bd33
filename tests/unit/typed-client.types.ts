// A type test, run by `npm run check` (both svelte-check and tsc compile tests/): each line after a
// ts-expect-error directive must fail to compile, or the check fails with "Unused directive".
// It shows that the PWA's calls are typed from the server's routes: a wrong body field or a wrong
// answer field is a compile error, not a 400 (or an undefined) at run time.
import { callApi, params, type ApiClient } from '../../src/lib/client/api';
import { commands } from '../../src/lib/client/commands';
import { checkConfirm, mapChecked } from '../../src/lib/client/staff/decision-forms';

const ID = '3f2b9c1e-7a4d-4c8e-9b1f-2d3e4f5a6b7c';
const slot = { date: '2030-01-12', start: '14:00' };

export function outboxBodies(): void {
	// The right bodies compile.
	commands.confirm(ID, { slot, excludedVisitors: [1], message: 'See you then' });
	commands.reject(ID, { reasons: ['no_allowance'] });
	commands.replaceTimetable(ID, { slots: [{ weekday: 1, start: '14:00', end: '16:00', capacity: 20 }] });

	// @ts-expect-error a field the confirm route does not take (excludedVisitor, not excludedVisitors)
	commands.confirm(ID, { slot, excludedVisitor: [1] });
	// @ts-expect-error the slot's date is a string
	commands.confirm(ID, { slot: { date: 20300112, start: '14:00' } });
	// @ts-expect-error confirm needs the slot
	commands.confirm(ID, { message: 'no slot' });
	// @ts-expect-error not a rejection reason
	commands.reject(ID, { reasons: ['too_busy'] });
	// @ts-expect-error a cancellation's reason is required
	commands.staffCancel(ID, { message: 'why?' });

	// From the form to the wire: what the form's check accepts is what the route takes.
	mapChecked(checkConfirm({ slot: '2030-01-12T14:00', excludedVisitors: [], message: '' }), (body) => commands.confirm(ID, body));
}

export async function typedCalls(api: ApiClient): Promise<void> {
	// @ts-expect-error the login route takes email and password, not username
	await api.staff.login.$post({ json: { username: 'officer', password: 'secret' } });
	// @ts-expect-error the staff queue's query has no `page`
	await api.staff.requests.$get({ query: { prisonId: ID, page: '2' } });

	const me = await callApi((client) => client.staff.me.$get());
	if (me.ok) {
		me.data.prisons[0]?.name satisfies string | undefined;
		// @ts-expect-error a staff user has no `role`
		void me.data.role;
	}

	const queue = await callApi((client) => client.staff.requests.$get({ query: { prisonId: ID } }));
	if (queue.ok) {
		queue.data.counts satisfies object;
		// @ts-expect-error the queue answers { requests, counts }, not a bare list
		queue.data.map((request: unknown) => request);
		// @ts-expect-error a reference is a string
		const reference: number = queue.data.requests[0]!.reference;
		void reference;
	}

	const request = await callApi((client) => client['visit-requests'][':id'].$get({ param: params({ id: ID }) }));
	// @ts-expect-error a failure has no data: check `ok` first
	void request.data;
}
