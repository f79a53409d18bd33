import { apiPaths, params, type OkData } from './api';
import type { HttpMethod, OutboxAuth, OutboxKind } from './db';

/*
 * Every write the outbox can send, as a typed map. Each command returns what an outbox item
 * stores (`{ kind, method, path, body, auth, orderKey }`: plain data, so it survives in IndexedDB
 * and is sent by a later run, a service worker or another tab), but its body's type is the route's
 * own input type (from the zod schema the server validates with) and its path comes from the typed
 * client, so a wrong field or a renamed route fails `tsc` here rather than a 400 on the officer's tablet.
 *
 * A new command: add a line below, `name: (…ids, body: BodyOf<typeof apiPaths.x.y.$post>) =>
 * command('kind', 'POST', apiPaths.x.y.$path({ param: params({…}) }), body, 'staff', orderKey)`, and
 * the kind to OutboxKind in db.ts.
 */

/** The JSON body a typed client method takes (`{}` for routes that read none). */
export type BodyOf<Method> = Method extends (args: infer Args, ...rest: never[]) => unknown
	? Args extends { json: infer Json }
		? Json
		: Record<string, never>
	: never;

export interface StoredCommand<Kind extends OutboxKind = OutboxKind, Body = unknown> {
	kind: Kind;
	method: HttpMethod;
	/** Full path under /api, built by the typed client. */
	path: string;
	body: Body;
	auth: OutboxAuth;
	/** Items with the same key are sent strictly in queue order. */
	orderKey: string;
	requestId?: string;
}

function command<Kind extends OutboxKind, Body>(
	kind: Kind,
	method: HttpMethod,
	path: string,
	body: Body,
	auth: OutboxAuth,
	orderKey: string
): StoredCommand<Kind, Body> {
	return { kind, method, path, body, auth, orderKey };
}

/** A command about one visit request: ordered behind the request's earlier items, and its answer is the request. */
function requestCommand<Kind extends OutboxKind, Body>(
	kind: Kind,
	method: HttpMethod,
	path: string,
	body: Body,
	auth: OutboxAuth,
	requestId: string
): StoredCommand<Kind, Body> & { requestId: string } {
	return { kind, method, path, body, auth, orderKey: requestId, requestId };
}

const visitRequests = apiPaths['visit-requests'];
const staffRequests = apiPaths.staff.requests;
const prisonSettings = apiPaths.staff.prisons[':prisonId'];

export type SubmitBody = BodyOf<typeof visitRequests.$post>;
export type ConfirmBody = BodyOf<(typeof staffRequests)[':id']['confirm']['$post']>;
export type RejectBody = BodyOf<(typeof staffRequests)[':id']['reject']['$post']>;
export type StaffCancelBody = BodyOf<(typeof staffRequests)[':id']['cancel']['$post']>;
export type TimetableBody = BodyOf<typeof prisonSettings.timetable.$put>;
export type ClosureBody = BodyOf<typeof prisonSettings.closures.$post>;
export type ClosureRefBody = BodyOf<typeof prisonSettings.closures.$delete>;
const prisonerRecord = apiPaths.staff.prisons[':prisonId'].prisoners[':prisonerNumber'];
export type AllowanceBody = BodyOf<typeof prisonerRecord.allowance.$put>;
export type BanBody = BodyOf<typeof prisonerRecord.bans.$post>;
/** One prisoner's record changes are sent in the order they were made. */
export const prisonerOrderKey = (prisonId: string, prisonerNumber: string) => `prisoner:${prisonId}|${prisonerNumber}`;
export type ArrivalBody = BodyOf<(typeof staffRequests)[':id']['arrival']['$post']>;
export type OutcomeBody = BodyOf<(typeof staffRequests)[':id']['arrival']['$patch']>;
export type ChangeBody = BodyOf<(typeof visitRequests)[':id']['change']['$post']>;
export type ChangeConfirmBody = BodyOf<(typeof staffRequests)[':id']['change']['confirm']['$post']>;
export type ChangeRejectBody = BodyOf<(typeof staffRequests)[':id']['change']['reject']['$post']>;

const waitlist = apiPaths.prisons[':prisonId'].waitlist;
export type WaitlistBody = BodyOf<typeof waitlist.$post>;
/** Joining and leaving one slot's waiting list are sent in the order they were made. */
export const waitlistOrderKey = (prisonId: string, slot: { date: string; start: string }) =>
	`waitlist:${prisonId}|${slot.date}T${slot.start}`;

/** The prison's timetable and closure changes are sent in the order they were made. */
export const prisonOrderKey = (prisonId: string) => `prison:${prisonId}`;

export const commands = {
	// ── Visitor (device bearer); ordered per request, so a withdraw never overtakes its submit
	submit: (body: SubmitBody) => requestCommand('submit', 'POST', visitRequests.$path(), body, 'device', body.id),
	withdraw: (id: string) =>
		requestCommand('withdraw', 'POST', visitRequests[':id'].withdraw.$path({ param: params({ id }) }), {}, 'device', id),
	cancel: (id: string) => requestCommand('cancel', 'POST', visitRequests[':id'].cancel.$path({ param: params({ id }) }), {}, 'device', id),
	// The body carries the change's id made on the device: a resend is recognised, never asked twice.
	change: (id: string, body: ChangeBody) =>
		requestCommand('change', 'POST', visitRequests[':id'].change.$path({ param: params({ id }) }), body, 'device', id),
	withdrawChange: (id: string) =>
		requestCommand('change-withdraw', 'POST', visitRequests[':id'].change.withdraw.$path({ param: params({ id }) }), {}, 'device', id),
	// ── The waiting list for a full slot (device bearer); ordered per slot, so a leave never overtakes its join
	joinWaitlist: (prisonId: string, body: WaitlistBody) =>
		command('waitlist-join', 'POST', waitlist.$path({ param: params({ prisonId }) }), body, 'device', waitlistOrderKey(prisonId, body)),
	leaveWaitlist: (prisonId: string, body: WaitlistBody) =>
		command('waitlist-leave', 'DELETE', waitlist.$path({ param: params({ prisonId }) }), body, 'device', waitlistOrderKey(prisonId, body)),

	// ── Staff decisions (session cookie)
	confirm: (id: string, body: ConfirmBody) =>
		requestCommand('staff-confirm', 'POST', staffRequests[':id'].confirm.$path({ param: params({ id }) }), body, 'staff', id),
	reject: (id: string, body: RejectBody) =>
		requestCommand('staff-reject', 'POST', staffRequests[':id'].reject.$path({ param: params({ id }) }), body, 'staff', id),
	staffCancel: (id: string, body: StaffCancelBody) =>
		requestCommand('staff-cancel', 'POST', staffRequests[':id'].cancel.$path({ param: params({ id }) }), body, 'staff', id),
	changeConfirm: (id: string, body: ChangeConfirmBody) =>
		requestCommand('staff-change-confirm', 'POST', staffRequests[':id'].change.confirm.$path({ param: params({ id }) }), body, 'staff', id),
	changeReject: (id: string, body: ChangeRejectBody) =>
		requestCommand('staff-change-reject', 'POST', staffRequests[':id'].change.reject.$path({ param: params({ id }) }), body, 'staff', id),

	// ── At the gate (session cookie): in order with the request's other changes
	arrival: (id: string, body: ArrivalBody) =>
		requestCommand('staff-arrival', 'POST', staffRequests[':id'].arrival.$path({ param: params({ id }) }), body, 'staff', id),
	outcome: (id: string, body: OutcomeBody) =>
		requestCommand('staff-outcome', 'PATCH', staffRequests[':id'].arrival.$path({ param: params({ id }) }), body, 'staff', id),

	// ── The prisoner's record (session cookie)
	setAllowance: (prisonId: string, prisonerNumber: string, body: AllowanceBody) =>
		command(
			'staff-allowance',
			'PUT',
			prisonerRecord.allowance.$path({ param: params({ prisonId, prisonerNumber }) }),
			body,
			'staff',
			prisonerOrderKey(prisonId, prisonerNumber)
		),
	addBan: (prisonId: string, prisonerNumber: string, body: BanBody) =>
		command(
			'staff-ban-add',
			'POST',
			prisonerRecord.bans.$path({ param: params({ prisonId, prisonerNumber }) }),
			body,
			'staff',
			prisonerOrderKey(prisonId, prisonerNumber)
		),
	removeBan: (prisonId: string, prisonerNumber: string, banId: string) =>
		command(
			'staff-ban-remove',
			'DELETE',
			prisonerRecord.bans[':banId'].$path({ param: params({ prisonId, prisonerNumber, banId }) }),
			{},
			'staff',
			prisonerOrderKey(prisonId, prisonerNumber)
		),

	// ── Prison settings (session cookie)
	replaceTimetable: (prisonId: string, body: TimetableBody) =>
		command(
			'staff-timetable',
			'PUT',
			prisonSettings.timetable.$path({ param: params({ prisonId }) }),
			body,
			'staff',
			prisonOrderKey(prisonId)
		),
	addClosure: (prisonId: string, body: ClosureBody) =>
		command(
			'staff-closure-add',
			'POST',
			prisonSettings.closures.$path({ param: params({ prisonId }) }),
			body,
			'staff',
			prisonOrderKey(prisonId)
		),
	removeClosure: (prisonId: string, body: ClosureRefBody) =>
		command(
			'staff-closure-remove',
			'DELETE',
			prisonSettings.closures.$path({ param: params({ prisonId }) }),
			body,
			'staff',
			prisonOrderKey(prisonId)
		)
};

export type StaffDecisionCommand = ReturnType<(typeof commands)['confirm' | 'reject' | 'staffCancel' | 'changeConfirm' | 'changeReject']>;
export type PrisonSettingCommand = ReturnType<(typeof commands)['replaceTimetable' | 'addClosure' | 'removeClosure']>;

/**
 * The answer to a request command (submit, withdraw, cancel, a decision): the request as it now is.
 * Stored items are sent long after they were typed, so the answer is checked, not trusted: a 2xx
 * that is not the request (a captive portal's page) is not an acknowledgement.
 */
export type RequestAnswer = OkData<Awaited<ReturnType<(typeof apiPaths.staff.requests)[':id']['confirm']['$post']>>>;

export function requestAnswer(data: unknown): RequestAnswer | undefined {
	if (typeof data !== 'object' || data === null) return undefined;
	const { id, status } = data as { id?: unknown; status?: unknown };
	return typeof id === 'string' && typeof status === 'string' ? (data as RequestAnswer) : undefined;
}
