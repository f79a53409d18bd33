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
import type { TimetableSlot, VisitorDetails } from '../../src/lib/shared/answers';
import type { BookingMethod } from '../../src/lib/shared/schemas-prisoners';
import type { ColumnType, Generated, GeneratedAlways, Insertable, RawBuilder, Updateable } from 'kysely';
import type { Locale } from '../../src/lib/shared/i18n';
import type { BookingMode, DeliveryFailureReason, GateOutcome, OverridableFlag } from '../../src/lib/shared/domain';
import type { MessageChannel } from '../../src/lib/shared/schemas';

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

/** A delivery's life (migration 016): `delivered` and a later `failed` come from the provider's receipts. */
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed';

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
	/** 'instant' books a request with nothing in its way at once; 'request' leaves every one to staff (migration 015). */
	bookingMode: Generated<BookingMode>;
	/** Welsh name, address and information for visitors (migration 018): null shows the English. */
	nameCy: string | null;
	addressCy: string | null;
	visitorInfoCy: string | null;
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

/** A weekly timetable no longer in force, with the days it was (migration 023). */
export interface TimetableHistoryTable {
	id: string;
	prisonId: string;
	/** null: since the prison's first timetable. */
	validFrom: DateString | null;
	validUntil: DateString;
	slots: Json<TimetableSlot[]>;
	replacedAt: Date;
	replacedBy: string | null;
}

export interface ClosuresTable {
	id: Generated<string>;
	prisonId: string;
	date: DateString;
	/** null closes the whole day. */
	startTime: TimeString | null;
	reason: string;
	/** The reason in Welsh (migration 018): null shows the English. */
	reasonCy: string | null;
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
	/** Why the request waits for a person: the flag codes found when it was sent (migration 015); null when none were looked for. */
	reviewCodes: ColumnType<string[] | null, RawBuilder<string[]> | JsonText | null | undefined, RawBuilder<string[]> | JsonText | null>;
	/** The channels the family chose (migration 016), comma-separated; null: every one they gave an address for. */
	channels: string | null;
	/** The language of messages, when the family chose one apart from the page's (migration 016). */
	messageLanguage: Locale | null;
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
	/** Administrators manage prisons and staff users (migration 010), only their own prisons' unless serviceAdmin. */
	admin: Generated<boolean>;
	/**
	 * Also creates prisons and administrators, manages connected systems and every staff user; always
	 * also `admin` (migration 022). An administrator without it manages only their own prisons.
	 */
	serviceAdmin: Generated<boolean>;
	/** True once they have been an administrator, never false again: such a user is a service administrator's to manage (migration 022). */
	wasAdmin: Generated<boolean>;
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
	/** The whole new party (lead first) when the change is about who is coming; null: the party stays. */
	visitors: ColumnType<VisitorDetails[] | null, RawBuilder<VisitorDetails[]> | null | undefined, RawBuilder<VisitorDetails[]> | null>;
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

/**
 * What a delivery tells: a request's notice, `place` (a place came up, for a waiting-list entry),
 * or a push written in full when queued (`requested` to staff browsers, or any push status).
 */
export type NoticeKind =
	'sent' | 'booked' | 'rejected' | 'cancelled' | 'reminder' | 'change_booked' | 'change_party' | 'change_rejected' | 'place';

export type { MessageChannel };

/** The one outbox (migration 016): one notice on one channel to one target. */
export interface DeliveriesTable {
	id: Generated<string>;
	requestId: string | null;
	waitlistEntryId: string | null;
	channel: MessageChannel;
	kind: string;
	language: Generated<string>;
	/** The browser a push goes to; null once it unsubscribed. */
	subscriptionId: string | null;
	/** A push written in full when queued; null: rendered when sent. */
	payload: Json<Record<string, unknown>> | null;
	topic: string | null;
	/** Seconds a push service keeps it. */
	ttl: Generated<number>;
	urgency: Generated<string>;
	status: Generated<DeliveryStatus>;
	/** Claims so far: a fencing token, since every claim increments it. */
	attempts: Generated<number>;
	nextAttemptAt: DefaultTimestamp;
	lockedUntil: NullableTimestamp;
	/** A code or short reason, never an address or a provider's free text: the detail beside failureReason. */
	failure: string | null;
	/** Why it failed, as staff read it (migration 025); null unless failed. */
	failureReason: DeliveryFailureReason | null;
	provider: string | null;
	providerId: string | null;
	toMasked: string | null;
	createdAt: DefaultTimestamp;
	statusAt: NullableTimestamp;
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
	/** The prison's restriction this ban mirrors (migration 021); null for a ban staff added. */
	restrictionId: string | null;
}

/** Two prisoners who must not meet, one row per direction (migration 015). */
export interface PrisonerNonAssociationsTable {
	prisonId: string;
	prisonerNumber: string;
	otherNumber: string;
	reason: string;
	createdBy: string | null;
	createdAt: DefaultTimestamp;
}

/** Why a booked visit needs a person's look again, per cause and source (migration 015). */
export interface ReviewCausesTable {
	id: Generated<string>;
	requestId: string;
	code: string;
	/** What caused it: a ban's id, the other prisoner's number, an event's id. */
	sourceId: string;
	since: Timestamp;
	clearedAt: NullableTimestamp;
	clearedHow: 'gone' | 'kept' | 'ended' | null;
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
	/** How the visit went (migration 020); `attended` unless the officer said otherwise. */
	outcome: Generated<GateOutcome>;
	note: string | null;
}

/** The override a booking went through (migration 020): shown on the day's list and at the gate. */
export interface VisitOverridesTable {
	requestId: string;
	prisonId: string;
	codes: Json<OverridableFlag[]>;
	/** Positions (0 = lead) of banned visitors it let come. */
	visitors: DefaultJson<number[]>;
	reason: string;
	staffId: string | null;
	staffName: string | null;
	at: DefaultTimestamp;
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

/** A visitor's GOV.UK One Login account (migration 017): only a hash of its issuer and sub. */
export interface AccountsTable {
	id: Generated<string>;
	subjectHash: string;
	createdAt: DefaultTimestamp;
	lastSignInAt: DefaultTimestamp;
}

/** A phone linked to an account; unlinkedAt is set when it signs out (the row stays). */
export interface AccountDevicesTable {
	accountId: string;
	deviceId: string;
	linkedAt: DefaultTimestamp;
	unlinkedAt: NullableTimestamp;
}

/** A visitor a signed-in family keeps to pick from next time. */
export interface AccountVisitorsTable {
	id: Generated<string>;
	accountId: string;
	firstName: string;
	lastName: string;
	dateOfBirth: DateString;
	email: string | null;
	phone: string | null;
	createdAt: DefaultTimestamp;
	updatedAt: DefaultTimestamp;
}

/** An OpenID Connect sign-in under way, found by the hash of the handle in the browser's cookie. */
export interface OidcSignInsTable {
	handleHash: string;
	kind: 'staff' | 'one-login';
	state: string;
	nonce: string;
	codeVerifier: string;
	deviceId: string | null;
	language: Generated<Locale>;
	expiresAt: Timestamp;
}

/** A one-time token a phone's app gets (with its bearer) to start a visitor's sign-in in the browser. */
export interface OidcStartTokensTable {
	tokenHash: string;
	deviceId: string;
	language: Generated<Locale>;
	expiresAt: Timestamp;
}

/** A system of record allowed to post events (migration 021): its token is stored as sha256 hex only. */
export interface IntegrationClientsTable {
	id: Generated<string>;
	name: string;
	tokenHash: string;
	createdBy: string | null;
	createdAt: DefaultTimestamp;
	revokedAt: NullableTimestamp;
	lastUsedAt: NullableTimestamp;
}

export type IntegrationOutcome = 'applied' | 'stale';

/** The inbox: one row per event identity, written in the transaction that applies it (migration 021). */
export interface IntegrationEventsTable {
	/** The event's eventId, or `sha256:` and the hash of its canonical body. */
	identity: string;
	clientId: string | null;
	eventType: string;
	occurredAt: Timestamp;
	receivedAt: Timestamp;
	outcome: IntegrationOutcome;
}

/** The newest occurredAt applied per fact (`location:A1234BC`, `restriction:…`, …) (migration 021). */
export interface IntegrationFactsTable {
	fact: string;
	occurredAt: Timestamp;
}

/** Where the prison's system of record last said the prisoner is (migration 021). */
export interface PrisonerLocationsTable {
	prisonerNumber: string;
	status: 'in' | 'released';
	/** The prison's code as published (RCI); it may name a prison this service does not have. */
	prisonCode: string;
	reason: string | null;
	since: Timestamp;
}

export interface Database {
	accounts: AccountsTable;
	accountDevices: AccountDevicesTable;
	accountVisitors: AccountVisitorsTable;
	oidcSignIns: OidcSignInsTable;
	oidcStartTokens: OidcStartTokensTable;
	prisons: PrisonsTable;
	timetableSlots: TimetableSlotsTable;
	timetableHistory: TimetableHistoryTable;
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
	deliveries: DeliveriesTable;
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
	visitOverrides: VisitOverridesTable;
	requestReads: RequestReadsTable;
	visitChanges: VisitChangesTable;
	prisonerNonAssociations: PrisonerNonAssociationsTable;
	reviewCauses: ReviewCausesTable;
	integrationClients: IntegrationClientsTable;
	integrationEvents: IntegrationEventsTable;
	integrationFacts: IntegrationFactsTable;
	prisonerLocations: PrisonerLocationsTable;
}

export type NewPrison = Insertable<PrisonsTable>;
export type VisitRequestUpdate = Updateable<VisitRequestsTable>;
