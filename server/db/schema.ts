// The database as TypeScript sees it, through Kysely's CamelCasePlugin: columns are snake_case in SQL
// and camelCase here. Each interface mirrors one table of server/db/migrations (keep them in step).
//
// Type conventions shared by both databases (server/db/database.ts sets the parsers):
// - `date` columns read and write as 'YYYY-MM-DD' strings, never Date (a Date would shift them by time zone);
// - `timestamptz` columns read as Date and accept a Date or an ISO string;
// - times of day are 'HH:MM' text;
// - jsonb columns are written with `jsonb(value)` from server/db/json.ts or as JSON text (JSON.stringify):
//   a raw JS array would work on PGlite but `pg` sends it as a Postgres array literal, so the types
//   below refuse raw values.
import type { BookingMethod } from '../../src/lib/shared/schemas-prisoners';
import type { ColumnType, Generated, GeneratedAlways, Insertable, RawBuilder, Selectable, Updateable } from 'kysely';
import type { Locale } from '../../src/lib/shared/i18n';

/** A `date` column: 'YYYY-MM-DD'. */
export type DateString = string;
/** A time of day: 'HH:MM'. */
export type TimeString = string;

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** JSON text, i.e. JSON.stringify(value). */
type JsonText = string;
/** A jsonb column holding T. */
type Json<T> = ColumnType<T, RawBuilder<T> | JsonText, RawBuilder<T> | JsonText>;
/** A jsonb column with a database default. */
type DefaultJson<T> = ColumnType<T, RawBuilder<T> | JsonText | undefined, RawBuilder<T> | JsonText>;

export const VISIT_REQUEST_STATUSES = ['requested', 'booked', 'rejected', 'withdrawn', 'cancelled'] as const;
export type VisitRequestStatus = (typeof VISIT_REQUEST_STATUSES)[number];

export const ACTOR_TYPES = ['device', 'staff', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const PUSH_JOB_STATUSES = ['pending', 'sent', 'failed'] as const;
export type PushJobStatus = (typeof PUSH_JOB_STATUSES)[number];

export interface PrisonsTable {
	id: Generated<string>;
	code: string;
	name: string;
	address: string;
	visitorInfo: string;
	timeZone: Generated<string>;
	leadDays: Generated<number>;
	horizonDays: Generated<number>;
	maxVisitors: Generated<number>;
	maxAdults: Generated<number>;
	adultAge: Generated<number>;
	retentionDays: Generated<number>;
	/** Bumped by every write that changes availability (migration 002). */
	calendarVersion: Generated<number>;
	createdAt: DefaultTimestamp;
	/** The online booking switch (migration 010): false refuses new visitor requests. */
	onlineBooking: Generated<boolean>;
	onlineBookingMessage: string | null;
}

export interface TimetableSlotsTable {
	id: Generated<string>;
	prisonId: string;
	/** ISO weekday: 1 = Monday … 7 = Sunday. */
	weekday: number;
	startTime: TimeString;
	endTime: TimeString;
	capacity: number;
	/** Closed (behind glass) tables, besides the open ones in `capacity` (migration 010). */
	closedCapacity: Generated<number>;
}

export interface ClosuresTable {
	id: Generated<string>;
	prisonId: string;
	date: DateString;
	/** null closes the whole day. */
	startTime: TimeString | null;
	reason: string;
	createdBy: string | null;
	createdAt: DefaultTimestamp;
}

export interface VisitorDevicesTable {
	id: Generated<string>;
	/** sha256 hex of the device's bearer secret; the secret itself is never stored. */
	secretHash: string;
	createdAt: DefaultTimestamp;
	lastSeenAt: DefaultTimestamp;
	/** Set when the device asked to be forgotten (migration 009): its bearer is refused from then on. */
	revokedAt: NullableTimestamp;
}

export interface VisitRequestsTable {
	/** Made on the device, so a replayed submission names the same row. */
	id: string;
	prisonId: string;
	deviceId: string;
	reference: string;
	status: VisitRequestStatus;
	bodyHash: string;
	// Personal columns are nullable because the retention purge nulls them.
	prisonerFirstName: string | null;
	prisonerLastName: string | null;
	prisonerDateOfBirth: DateString | null;
	prisonerNumber: string | null;
	additionalSupport: string | null;
	firstDate: DateString;
	bookedDate: DateString | null;
	bookedStart: TimeString | null;
	/** Positions (0 = lead) of visitors staff excluded when confirming. */
	excludedVisitors: DefaultJson<number[]>;
	rejectionReasons: DefaultJson<string[]>;
	/** Why a booked visit was cancelled (migration 002). */
	cancellationReason: string | null;
	decisionMessage: string | null;
	decidedAt: NullableTimestamp;
	decidedBy: string | null;
	createdAt: DefaultTimestamp;
	updatedAt: DefaultTimestamp;
	/** Set by the retention purge, which nulls the personal columns and deletes the request's visitors. */
	purgedAt: NullableTimestamp;
	/** How many visitors the request named, kept when the purge deletes them (migration 003). */
	visitorCount: number | null;
	/** When the day-before reminder was queued (migration 005): set once, by whichever process wins. */
	remindedAt: NullableTimestamp;
	/** The visitor's language, 'en' or 'cy': push, email and .ics about this request use it (migration 007). */
	language: Generated<Locale>;
	/** Why it was purged (migration 009): 'retention' or 'visitor_asked'; null for rows purged before 009. */
	purgeReason: string | null;
	/** How staff booked it on a visitor's behalf; null when the visitor sent it (migration 006). */
	bookingMethod: Generated<BookingMethod | null>;
	/** The booking took one visit of the prisoner's allowance, which a cancellation gives back (migration 006). */
	allowanceUsed: Generated<boolean>;
	/** The visit's iCalendar SEQUENCE (migration 011): bumped when its booked time moves or it is cancelled. */
	calendarSequence: Generated<number>;
}

export interface RequestVisitorsTable {
	requestId: string;
	/** 0 = lead visitor. */
	position: number;
	firstName: string;
	lastName: string;
	dateOfBirth: DateString;
	email: string | null;
	phone: string | null;
}

export interface RequestSlotsTable {
	requestId: string;
	/** 1..3, 1 = first choice. */
	preference: number;
	date: DateString;
	startTime: TimeString;
}

export interface SlotUsageTable {
	prisonId: string;
	date: DateString;
	startTime: TimeString;
	booked: Generated<number>;
}

export interface StateChangesTable {
	id: GeneratedAlways<number>;
	requestId: string;
	fromStatus: VisitRequestStatus | null;
	toStatus: VisitRequestStatus;
	actorType: ActorType;
	actorId: string | null;
	actorName: string | null;
	at: DefaultTimestamp;
	detail: DefaultJson<Record<string, unknown>>;
}

export interface StaffUsersTable {
	id: Generated<string>;
	/** Stored lower-case. */
	email: string;
	name: string;
	passwordHash: string;
	createdAt: DefaultTimestamp;
	/** Administrators manage prisons and staff users (migration 010). */
	admin: Generated<boolean>;
	/** Set when an administrator deactivates the user: no sign-in, no session. */
	deactivatedAt: NullableTimestamp;
}

export interface StaffPasswordTokensTable {
	/** sha256 hex of the one-time set-password token; the link holds the token. */
	tokenHash: string;
	staffId: string;
	createdBy: string | null;
	createdAt: DefaultTimestamp;
	expiresAt: Timestamp;
	usedAt: NullableTimestamp;
}

/** Closed places taken per slot, guarded like slot_usage (migration 010). */
export interface SlotClosedUsageTable {
	prisonId: string;
	date: DateString;
	startTime: TimeString;
	booked: Generated<number>;
}

/** A booked visit that holds a closed place. */
export const VISIT_CHANGE_STATUSES = ['pending', 'confirmed', 'rejected', 'withdrawn', 'ended'] as const;
export type VisitChangeStatus = (typeof VISIT_CHANGE_STATUSES)[number];

/** A change asked to a booked visit (migration 011); at most one `pending` per request. */
export interface VisitChangesTable {
	/** Made on the device, so a change sent again from its outbox is recognised. */
	id: string;
	requestId: string;
	status: Generated<VisitChangeStatus>;
	/** The new times asked for, in order of preference: [{date, start}]. */
	slots: Json<{ date: DateString; start: TimeString }[]>;
	/** The booked time when the change was asked. */
	fromDate: DateString;
	fromStart: TimeString;
	/** The time staff moved it to (confirmed only). */
	toDate: DateString | null;
	toStart: TimeString | null;
	rejectionReasons: DefaultJson<string[]>;
	message: string | null;
	requestedAt: Timestamp;
	decidedAt: NullableTimestamp;
	decidedBy: string | null;
	/** Who ended it: the officer's name, kept for the 409 a late second decision gets. */
	decidedByName: string | null;
}

export interface ClosedBookingsTable {
	requestId: string;
	prisonId: string;
	date: DateString;
	startTime: TimeString;
}

/** A prisoner who may have closed visits only, with why (migration 010). */
export interface PrisonerClosedVisitsTable {
	prisonId: string;
	prisonerNumber: string;
	reason: string;
	updatedBy: string | null;
	updatedAt: DefaultTimestamp;
}

export interface StaffPrisonsTable {
	staffId: string;
	prisonId: string;
}

export interface StaffSessionsTable {
	/** sha256 hex of the session token; the cookie holds the token. */
	idHash: string;
	staffId: string;
	createdAt: DefaultTimestamp;
	expiresAt: Timestamp;
	lastSeenAt: DefaultTimestamp;
}

export interface AuditLogTable {
	id: GeneratedAlways<number>;
	staffId: string | null;
	prisonId: string | null;
	action: string;
	target: string | null;
	detail: DefaultJson<Record<string, unknown>>;
	at: DefaultTimestamp;
}

export interface PushSubscriptionsTable {
	id: Generated<string>;
	endpoint: string;
	p256dh: string;
	auth: string;
	// Exactly one of deviceId / staffId is set (a check constraint says so).
	deviceId: string | null;
	staffId: string | null;
	/** Set when staff opted in to new-request pushes for this prison. */
	prisonId: string | null;
	createdAt: DefaultTimestamp;
	/** The subscribing device's language, 'en' or 'cy' (migration 007). */
	language: Generated<Locale>;
}

export interface PushJobsTable {
	id: Generated<string>;
	subscriptionId: string;
	payload: Json<Record<string, unknown>>;
	topic: string | null;
	/** Seconds. */
	ttl: number;
	urgency: Generated<string>;
	status: Generated<PushJobStatus>;
	attempts: Generated<number>;
	nextAttemptAt: DefaultTimestamp;
	lockedUntil: NullableTimestamp;
	lastError: string | null;
	createdAt: DefaultTimestamp;
	sentAt: NullableTimestamp;
}

/** `place`: a place came up in a slot a waiting-list entry waits for (migration 013). */
export const EMAIL_KINDS = ['sent', 'booked', 'rejected', 'cancelled', 'reminder', 'change_booked', 'change_rejected', 'place'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/** The email outbox (migration 005): what to tell whom is read from the request when it is sent. */
export interface EmailJobsTable {
	id: Generated<string>;
	/** The request it is about; null for a waiting-list job (migration 013). */
	requestId: string | null;
	/** The waiting-list entry a `place` job is about (migration 013). */
	waitlistEntryId: string | null;
	kind: EmailKind;
	/** The catalogue language to render in. */
	locale: Generated<string>;
	status: Generated<PushJobStatus>;
	attempts: Generated<number>;
	nextAttemptAt: DefaultTimestamp;
	lockedUntil: NullableTimestamp;
	/** An SMTP code or error class only: never the address or the server's text. */
	lastError: string | null;
	createdAt: DefaultTimestamp;
	sentAt: NullableTimestamp;
}

/** A prisoner's visiting allowance at a prison (migration 006). No row, or null remaining: not tracked. */
export interface PrisonerAllowancesTable {
	prisonId: string;
	prisonerNumber: string;
	remaining: number | null;
	renewsOn: DateString | null;
	/** Bumped by every change, so an officer's queued change can tell someone else changed it first. */
	version: Generated<number>;
	updatedAt: DefaultTimestamp;
}

/** A visitor banned from visiting a prisoner, matched by name and date of birth (migration 006). */
export interface PrisonerBansTable {
	id: string;
	prisonId: string;
	prisonerNumber: string;
	firstName: string;
	lastName: string;
	dateOfBirth: DateString;
	/** Last day of the ban; null = until lifted. */
	until: DateString | null;
	reason: string;
	createdBy: string | null;
	createdAt: DefaultTimestamp;
}

/** Devices a request was claimed onto by reference, besides the one that made it (migration 006). */
export interface RequestDevicesTable {
	requestId: string;
	deviceId: string;
	addedAt: DefaultTimestamp;
}

export interface AppSettingsTable {
	key: string;
	value: Json<unknown>;
}

/** Shared rate-limit buckets (004_security); key is a hash of the limit's name and subject. */
export interface RateLimitsTable {
	key: string;
	tokens: number;
	updatedAt: Date;
}

/** A prison's key pair for visit passes (migration 008): JWKs of an ECDSA P-256 key. */
export interface PrisonPassKeysTable {
	prisonId: string;
	publicKey: Json<Record<string, unknown>>;
	privateKey: Json<Record<string, unknown>>;
	createdAt: DefaultTimestamp;
}

/** The visitors of a booked visit came through the gate (migration 008); one row per visit at most. */
export interface VisitArrivalsTable {
	requestId: string;
	prisonId: string;
	arrivedAt: Timestamp;
	/** Positions (0 = lead) of the visitors who came. */
	visitors: Json<number[]>;
	recordedBy: string | null;
	recordedByName: string | null;
	recordedAt: DefaultTimestamp;
}

/** A staff member read a request's personal data (migration 009): shown in the request's history. */
export interface RequestReadsTable {
	id: GeneratedAlways<string>;
	requestId: string;
	staffId: string | null;
	staffName: string | null;
	/** Which view: 'request', 'queue' or 'day-list'. */
	what: string;
	at: DefaultTimestamp;
}

/** A device waiting for a place in a full slot (migration 013). */
export interface WaitlistEntriesTable {
	id: Generated<string>;
	prisonId: string;
	deviceId: string;
	date: DateString;
	startTime: TimeString;
	/** When the slot starts: the entry ends then. */
	startsAt: Timestamp;
	/** The catalogue language its push and email are written in. */
	language: Generated<Locale>;
	/** Email was configured when the entry was made: a freed place is also told by email. */
	tellByEmail: Generated<boolean>;
	createdAt: DefaultTimestamp;
}

export interface Database {
	prisons: PrisonsTable;
	timetableSlots: TimetableSlotsTable;
	closures: ClosuresTable;
	visitorDevices: VisitorDevicesTable;
	visitRequests: VisitRequestsTable;
	requestVisitors: RequestVisitorsTable;
	requestSlots: RequestSlotsTable;
	slotUsage: SlotUsageTable;
	stateChanges: StateChangesTable;
	staffUsers: StaffUsersTable;
	staffPrisons: StaffPrisonsTable;
	staffSessions: StaffSessionsTable;
	auditLog: AuditLogTable;
	pushSubscriptions: PushSubscriptionsTable;
	pushJobs: PushJobsTable;
	emailJobs: EmailJobsTable;
	waitlistEntries: WaitlistEntriesTable;
	appSettings: AppSettingsTable;
	rateLimits: RateLimitsTable;
	staffPasswordTokens: StaffPasswordTokensTable;
	slotClosedUsage: SlotClosedUsageTable;
	closedBookings: ClosedBookingsTable;
	prisonerClosedVisits: PrisonerClosedVisitsTable;
	prisonerAllowances: PrisonerAllowancesTable;
	prisonerBans: PrisonerBansTable;
	requestDevices: RequestDevicesTable;
	prisonPassKeys: PrisonPassKeysTable;
	visitArrivals: VisitArrivalsTable;
	requestReads: RequestReadsTable;
	visitChanges: VisitChangesTable;
}

export type Prison = Selectable<PrisonsTable>;
export type NewPrison = Insertable<PrisonsTable>;
export type PrisonUpdate = Updateable<PrisonsTable>;
export type TimetableSlot = Selectable<TimetableSlotsTable>;
export type NewTimetableSlot = Insertable<TimetableSlotsTable>;
export type Closure = Selectable<ClosuresTable>;
export type NewClosure = Insertable<ClosuresTable>;
export type VisitorDevice = Selectable<VisitorDevicesTable>;
export type VisitRequest = Selectable<VisitRequestsTable>;
export type NewVisitRequest = Insertable<VisitRequestsTable>;
export type VisitRequestUpdate = Updateable<VisitRequestsTable>;
export type RequestVisitor = Selectable<RequestVisitorsTable>;
export type NewRequestVisitor = Insertable<RequestVisitorsTable>;
export type RequestSlot = Selectable<RequestSlotsTable>;
export type NewRequestSlot = Insertable<RequestSlotsTable>;
export type SlotUsage = Selectable<SlotUsageTable>;
export type StateChange = Selectable<StateChangesTable>;
export type NewStateChange = Insertable<StateChangesTable>;
export type StaffUser = Selectable<StaffUsersTable>;
export type NewStaffUser = Insertable<StaffUsersTable>;
export type StaffSession = Selectable<StaffSessionsTable>;
export type AuditLogEntry = Selectable<AuditLogTable>;
export type NewAuditLogEntry = Insertable<AuditLogTable>;
export type PushSubscription = Selectable<PushSubscriptionsTable>;
export type NewPushSubscription = Insertable<PushSubscriptionsTable>;
export type PushJob = Selectable<PushJobsTable>;
export type NewPushJob = Insertable<PushJobsTable>;
export type PushJobUpdate = Updateable<PushJobsTable>;
export type AppSetting = Selectable<AppSettingsTable>;
