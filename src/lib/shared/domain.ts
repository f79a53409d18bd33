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
