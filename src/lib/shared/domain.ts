// The vocabulary of the domain: states, reasons and the limits that do not vary by prison.

export const REQUEST_STATUSES = ['requested', 'booked', 'rejected', 'withdrawn', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REJECTION_REASONS = [
	'slot_unavailable',
	'no_allowance',
	'prisoner_details_incorrect',
	'prisoner_moved',
	'prisoner_released',
	'visitor_banned',
	'visitor_not_on_list',
	'duplicate_request',
	'other'
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** Why staff cancel a booked visit; `other` needs a message, as with rejections. */
export const CANCELLATION_REASONS = [
	'prison_closed',
	'prisoner_moved',
	'prisoner_released',
	'visitor_banned',
	'booked_in_error',
	'visitor_asked',
	'other'
] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

/**
 * Why a message to a family was not sent (or not delivered), as staff read it on the request's
 * message record, from the catalogue; the provider's own words are kept only as detail beside it.
 */
export const DELIVERY_FAILURE_REASONS = [
	/** The provider refused it for good (an SMTP 5xx, a Notify 4xx, a push too big). */
	'refused',
	/** Every attempt failed for a while (provider down, no answer): the worker gave up. */
	'gave_up',
	/** The browser unsubscribed, or its push service no longer takes it. */
	'unsubscribed',
	/** The family has no address or mobile number for it (any more). */
	'no_address',
	/** Nothing left to send: the request is gone, or this kind of message has no text version. */
	'nothing_to_send',
	/** The family turned this channel off before it went. */
	'channel_off',
	/** GOV.UK Notify's receipt: sent, but it could not be delivered. */
	'not_delivered'
] as const;
export type DeliveryFailureReason = (typeof DELIVERY_FAILURE_REASONS)[number];

/** How a prison takes visitors' requests: booked at once when nothing needs a person, or each one checked by staff. */
export const BOOKING_MODES = ['instant', 'request'] as const;
export type BookingMode = (typeof BOOKING_MODES)[number];

/** Flags a confirm or a staff booking may go past only with an override that names each of them and a reason. */
export const OVERRIDABLE_FLAGS = ['visitor_banned', 'no_allowance'] as const;
export type OverridableFlag = (typeof OVERRIDABLE_FLAGS)[number];
export const isOverridable = (code: string): code is OverridableFlag => (OVERRIDABLE_FLAGS as readonly string[]).includes(code);

/**
 * How a booked visit went, recorded at the gate with its arrival (`attended` unless the officer says
 * otherwise). `not_attended` is not one of these: it is derived for a visit with no arrival once its
 * slot has ended.
 */
export const GATE_OUTCOMES = ['attended', 'refused_entry', 'visitor_left_early', 'ended_by_staff', 'prisoner_declined'] as const;
export type GateOutcome = (typeof GATE_OUTCOMES)[number];

export const ACTOR_TYPES = ['device', 'staff', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const LIMITS = {
	/** Lead visitor plus up to five others, whatever a prison allows. */
	maxVisitorsPerRequest: 6,
	maxSlotsPerRequest: 3,
	additionalSupportMax: 200,
	messageMax: 500,
	nameMax: 60,
	emailMax: 254,
	closureReasonMax: 200,
	maxDateOfBirthYears: 120,
	/** A calendar query may span at most this many days. */
	maxCalendarDays: 62,
	maxSlotCapacity: 500
} as const;

/** Prison rules with the product's defaults, as stored and as sent to devices. */
export interface PrisonRules {
	timeZone: string;
	leadDays: number;
	horizonDays: number;
	maxVisitors: number;
	maxAdults: number;
	adultAge: number;
}

export const DEFAULT_PRISON_RULES: PrisonRules = {
	timeZone: 'Europe/London',
	leadDays: 3,
	horizonDays: 28,
	maxVisitors: 6,
	maxAdults: 3,
	adultAge: 18
};
