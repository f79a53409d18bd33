import { Dexie, type DexieOptions, type EntityTable } from 'dexie';
import type { RequestStatus } from '../shared/domain';
import type { VisitRequestInput } from '../shared/schemas';
import type { Calendar, HitVisit, Prison, VisitRequest } from '../shared/answers';

/*
 * Everything the device keeps: the same database in every tab and in the service worker.
 * The schema is versioned: never edit a published version(n).stores(); add version(n + 1) with
 * the change (and an .upgrade() when existing rows need rewriting).
 */

export const DEFAULT_DB_NAME = 'book-a-prison-visit';

export interface MetaRow {
	key: string;
	value: unknown;
}

/** Keys of the `meta` table, in one place so no two modules spell them differently. */
export const META = {
	deviceSecret: 'deviceSecret',
	/** Set on the first response that proved the server accepts the secret. */
	deviceSecretAcceptedAt: 'deviceSecretAcceptedAt',
	/** Set when the secret was regenerated after a 401, so it happens at most once. */
	deviceSecretResetAt: 'deviceSecretResetAt',
	staffMode: 'staffMode',
	/** The message channels the server last said it has (GET /api/messages/channels), for the check page offline. */
	messageChannels: 'messageChannels',
	/** The staff session expired while decisions were queued: they wait for a new sign-in. */
	staffSignInNeeded: 'staffSignInNeeded',
	requestsRefreshedAt: 'requestsRefreshedAt',
	/** "Forget me" asked while offline: the old secret, kept only to send the erase (src/lib/client/privacy.ts). */
	pendingErase: 'pendingErase',
	/** The device's waiting list as GET /api/waitlist last returned it (src/lib/client/waitlist.ts). */
	waitlist: 'waitlist',
	/** Counts the joins and leaves the server acknowledged, so an older copy of the list never overwrites one (waitlist-copy.ts). */
	waitlistAcknowledged: 'waitlistAcknowledged',
	/** Whom each waiting-list entry made here is for (prisoner's name by slot): the server keeps no name with an entry. */
	waitlistPrisoners: 'waitlistPrisoners'
} as const;
export type MetaKey = (typeof META)[keyof typeof META];

export type PrisonRow = Prison & { fetchedAt: number };

export interface CalendarRow {
	/** `${prisonId}|${from}|${to}`: one cached answer per range asked for. */
	key: string;
	prisonId: string;
	from: string;
	to: string;
	response: Calendar;
	fetchedAt: number;
	etag: string | null;
}

export type SyncState = 'pending' | 'synced' | 'rejected';

export interface LocalError {
	code: string;
	message: string;
	fields?: Record<string, string>;
	/** HTTP status, 0 when the network failed. */
	status?: number;
	/** The booked visits a refused closure or timetable change would hit. */
	visits?: HitVisit[];
	/** Which queued action the server refused (a visitor's withdraw, cancel, change…), when not the submit. */
	action?: OutboxKind;
}

/** Fields only the server's copy has (decision, booked slot, timestamps): absent until it answers. */
type ServerOnlyFields = Omit<
	VisitRequest,
	'id' | 'prisonId' | 'reference' | 'status' | 'prisoner' | 'visitors' | 'slots' | 'additionalSupport'
>;

/**
 * A visitor's request: the server's copy when there is one, otherwise the fields of the body the
 * device sent (same names), plus what only the device knows.
 */
export type LocalVisitRequest = Partial<ServerOnlyFields> & {
	id: string;
	prisonId: string;
	/** Null until the server has stored it. */
	reference: string | null;
	status: RequestStatus;
	/** Null once the server's retention purge removed personal data. */
	prisoner: VisitRequestInput['prisoner'] | VisitRequest['prisoner'];
	visitors: VisitRequestInput['visitors'] | VisitRequest['visitors'];
	slots: VisitRequestInput['slots'];
	additionalSupport?: string | null;
	/** The body as sent, kept for display and for "change and send again". */
	input: VisitRequestInput;
	syncState: SyncState;
	lastError?: LocalError;
	/** A withdraw, a cancel, a change or a change's withdrawal is queued and not yet acknowledged. */
	pendingAction?: 'withdraw' | 'cancel' | 'change' | 'change-withdraw';
	/**
	 * A change to this booked visit asked on the device and not yet acknowledged: shown
	 * as pending until the server's copy (`change`) says so. The server's copy never overwrites it.
	 */
	queuedChange?: {
		id: string;
		/** Empty when only who is coming changes. */
		slots: { date: string; start: string }[];
		/** The whole new party, when who is coming changes. */
		visitors?: VisitRequestInput['visitors'];
		queuedAt: number;
	};
	/** Set when a refused request was sent again as a new request with this id. */
	supersededBy?: string;
	/** When this device queued it (the server's own timestamps arrive with its copy). */
	queuedAt: number;
	/** When this record last changed on the device. */
	localUpdatedAt: number;
};

export interface DraftRow {
	name: string;
	value: unknown;
	updatedAt: number;
}

export type OutboxKind =
	| 'submit'
	| 'withdraw'
	| 'cancel'
	/** POST /api/visit-requests/:id/change and …/change/withdraw. */
	| 'change'
	| 'change-withdraw'
	| 'staff-confirm'
	| 'staff-reject'
	| 'staff-cancel'
	| 'staff-timetable'
	| 'staff-closure-add'
	| 'staff-closure-remove'
	| 'staff-allowance'
	| 'staff-ban-add'
	| 'staff-ban-remove'
	/** POST /api/staff/requests/:id/arrival (src/lib/client/staff/arrival.ts). */
	| 'staff-arrival'
	/** PATCH /api/staff/requests/:id/arrival: what happened, told after the arrival. */
	| 'staff-outcome'
	/** POST /api/staff/requests/:id/change/confirm and …/change/reject. */
	| 'staff-change-confirm'
	| 'staff-change-reject'
	/** POST and DELETE /api/prisons/:prisonId/waitlist (src/lib/client/waitlist.ts). */
	| 'waitlist-join'
	| 'waitlist-leave';

export type OutboxState = 'pending' | 'sending' | 'failed' | 'done';
export type OutboxAuth = 'device' | 'staff';
export type HttpMethod = 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface OutboxItem {
	/** Auto-increment: also the order items were queued in. */
	id?: number;
	kind: OutboxKind;
	requestId?: string;
	/** Items with the same key are sent strictly in queue order (requestId, or the prison for timetable and closures). */
	orderKey: string;
	method: HttpMethod;
	/** Full path under /api, e.g. /api/visit-requests. */
	path: string;
	body?: unknown;
	auth: OutboxAuth;
	createdAt: number;
	attempts: number;
	nextAttemptAt: number;
	state: OutboxState;
	/** While `sending`: who holds the item and until when (a crashed tab's lease runs out). */
	leaseOwner?: string;
	leaseUntil?: number;
	lastError?: LocalError;
	doneAt?: number;
	/** The response body of the acknowledging answer, for the page that queued the item. */
	result?: unknown;
	supersededBy?: string;
}

export interface StaffRequestRow {
	id: string;
	prisonId: string;
	status: RequestStatus;
	/** The item exactly as GET /api/staff/requests returned it. */
	data: unknown;
	fetchedAt: number;
	/** A decision is queued for this request. */
	pendingAction?: OutboxKind;
	lastError?: LocalError;
}

export interface StaffVisitsRow {
	/** `${prisonId}|${date}` */
	key: string;
	prisonId: string;
	date: string;
	/** The day's list exactly as GET /api/staff/visits returned it. */
	data: unknown;
	fetchedAt: number;
}

/** The IndexedDB implementation to use, as Dexie takes it. */
export type DbDependencies = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>;

export class BookAPrisonVisitDb extends Dexie {
	declare meta: EntityTable<MetaRow, 'key'>;
	declare prisons: EntityTable<PrisonRow, 'id'>;
	declare calendars: EntityTable<CalendarRow, 'key'>;
	declare requests: EntityTable<LocalVisitRequest, 'id'>;
	declare drafts: EntityTable<DraftRow, 'name'>;
	declare outbox: EntityTable<OutboxItem, 'id'>;
	declare staffRequests: EntityTable<StaffRequestRow, 'id'>;
	declare staffVisits: EntityTable<StaffVisitsRow, 'key'>;

	/** `dependencies` lets Node (tests, benchmark) pass fake-indexeddb; browsers use their own. */
	constructor(name: string = DEFAULT_DB_NAME, dependencies: DbDependencies = {}) {
		super(name, dependencies);
		this.version(1).stores({
			meta: 'key',
			prisons: 'id',
			calendars: 'key, prisonId',
			requests: 'id, syncState, status, prisonId, localUpdatedAt',
			drafts: 'name',
			outbox: '++id, state, orderKey, requestId, nextAttemptAt',
			staffRequests: 'id, prisonId, status, [prisonId+status]',
			staffVisits: 'key, prisonId, date'
		});
	}
}

let shared: BookAPrisonVisitDb | undefined;

/** The database pages and the service worker share (opened lazily, once per context). */
export function deviceDb(): BookAPrisonVisitDb {
	shared ??= new BookAPrisonVisitDb();
	return shared;
}

export async function getMeta<T>(db: BookAPrisonVisitDb, key: MetaKey): Promise<T | undefined> {
	const row = await db.meta.get(key);
	return row?.value as T | undefined;
}

export async function setMeta(db: BookAPrisonVisitDb, key: MetaKey, value: unknown): Promise<void> {
	await db.meta.put({ key, value });
}

export async function deleteMeta(db: BookAPrisonVisitDb, key: MetaKey): Promise<void> {
	await db.meta.delete(key);
}
