// The API's answers as zod schemas, for the OpenAPI document only (the handlers answer with the TS
// types of src/lib/shared/answers.ts and friends; the request schemas are the shared ones).
// tests/unit/openapi-answers.types.ts makes tsc fail when a schema and its type part, and the API
// tests validate every answer against the document (tests/helpers/openapi-check.ts), so the
// document fails when it parts from what the server sends.
import '../../src/lib/shared/zod-setup';
import { z } from 'zod';
import {
	ACTOR_TYPES,
	BOOKING_MODES,
	CANCELLATION_REASONS,
	DELIVERY_FAILURE_REASONS,
	GATE_OUTCOMES,
	type GateOutcome,
	OVERRIDABLE_FLAGS,
	REJECTION_REASONS,
	REQUEST_STATUSES
} from '../../src/lib/shared/domain';
import { ATTENDANCE_STATES } from '../../src/lib/shared/gate/attendance';
import { FLAG_CODES } from '../../src/lib/shared/rules/flags';
import { BOOKING_METHODS } from '../../src/lib/shared/schemas-prisoners';

const date = z.string().meta({ description: 'A local date, YYYY-MM-DD', example: '2026-12-05' });
const time = z.string().meta({ description: 'A time of day, HH:MM', example: '14:00' });
const instant = z.string().meta({ description: 'An ISO 8601 instant', example: '2026-12-01T13:50:00.000Z' });
const id = z.string().meta({ description: 'A uuid' });

// ── Errors ───────────────────────────────────────────────────────────────────────────────────────
export const HitVisitAnswer = z.object({ id, reference: z.string(), date, start: time }).meta({ id: 'HitVisit' });

/** Every 4xx and 5xx: {"error":{"code","message","fields"?}} (server/http/errors.ts). */
export const ErrorAnswer = z
	.object({
		error: z.object({
			code: z.string().meta({ description: 'Machine-readable, e.g. validation_failed, not_found, slot_full' }),
			message: z.string().meta({ description: "A sentence a person can act on, in the request's language" }),
			fields: z
				.record(z.string(), z.string())
				.optional()
				.meta({ description: 'Field path (dotted, e.g. visitors.0.dateOfBirth) → what is wrong with it; every problem in one answer' }),
			details: z.record(z.string(), z.unknown()).optional().meta({ description: 'Facts about a conflict, e.g. who decided first' }),
			visits: z.array(HitVisitAnswer).optional().meta({ description: 'Booked visits a closure or timetable change would hit' })
		})
	})
	.meta({ id: 'Error' });

// ── Prisons and calendars ────────────────────────────────────────────────────────────────────────
export const PrisonAnswer = z
	.object({
		id,
		code: z.string(),
		name: z.string(),
		address: z.string(),
		visitorInfo: z.string(),
		nameCy: z.string().nullable().optional().meta({ description: 'The name in Welsh; null: show the English' }),
		addressCy: z.string().nullable().optional(),
		visitorInfoCy: z.string().nullable().optional(),
		onlineBooking: z.boolean(),
		onlineBookingMessage: z.string().nullable(),
		bookingMode: z.enum(BOOKING_MODES).meta({
			description: 'instant: a request nothing stands in the way of is booked when it arrives; request: staff look at each first'
		}),
		timeZone: z.string(),
		leadDays: z.number(),
		horizonDays: z.number(),
		maxVisitors: z.number(),
		maxAdults: z.number(),
		adultAge: z.number()
	})
	.meta({ id: 'Prison' });

const CalendarSlotAnswer = z.object({
	start: time,
	end: time,
	capacity: z.number(),
	booked: z.number(),
	available: z.number(),
	bookable: z.boolean(),
	closed: z.boolean().optional(),
	closedReason: z.string().optional(),
	closedReasonCy: z.string().optional(),
	closedCapacity: z.number().optional(),
	closedBooked: z.number().optional()
});

export const CalendarAnswer = z
	.object({
		prisonId: id,
		generatedAt: instant,
		window: z.object({ from: date, to: date }),
		days: z.array(
			z.object({
				date,
				closed: z.boolean().optional(),
				closedReason: z.string().optional(),
				closedReasonCy: z.string().optional(),
				slots: z.array(CalendarSlotAnswer)
			})
		)
	})
	.meta({ id: 'Calendar' });

export const TimetableSlotAnswer = z.object({
	weekday: z.number(),
	start: time,
	end: time,
	capacity: z.number(),
	closedCapacity: z.number().optional()
});
export const TimetableAnswer = z.object({ prisonId: id, slots: z.array(TimetableSlotAnswer) });
export const ClosureAnswer = z.object({ date, start: time.optional(), reason: z.string(), reasonCy: z.string().optional() });
export const ClosuresAnswer = z.object({ prisonId: id, closures: z.array(ClosureAnswer) });
export const AddedClosureAnswer = ClosureAnswer.extend({
	cancelled: z.array(HitVisitAnswer).meta({ description: 'Booked visits the closure cancelled' })
});

// ── Visit requests ───────────────────────────────────────────────────────────────────────────────
const person = { firstName: z.string(), lastName: z.string(), dateOfBirth: date };
const VisitorAnswer = z.object({ ...person, email: z.string().optional(), phone: z.string().optional() });

const slotRef = z.object({ date, start: time });
const PendingChangeAnswer = z
	.object({
		id,
		slots: z.array(slotRef).meta({ description: 'The new times asked for; empty when only who is coming changes' }),
		visitors: z
			.array(VisitorAnswer)
			.nullable()
			.optional()
			.meta({ description: 'The whole new party (lead first) when the change is about who is coming; null: the party stays' }),
		requestedAt: instant
	})
	.meta({ id: 'PendingChange' });
const ChangeOutcomeAnswer = z
	.object({
		id,
		status: z.enum(['confirmed', 'rejected', 'withdrawn', 'ended']),
		slots: z.array(slotRef),
		from: slotRef.meta({ description: 'The booked time before the change' }),
		visitors: z
			.array(VisitorAnswer)
			.nullable()
			.optional()
			.meta({ description: 'The new party the change asked for; null: the party stayed' }),
		reasons: z.array(z.enum(REJECTION_REASONS)),
		message: z.string().nullable(),
		at: instant
	})
	.meta({ id: 'ChangeOutcome' });

export const ReviewReasonAnswer = z
	.object({
		code: z.string(),
		message: z.string(),
		since: instant.optional().meta({ description: 'When the cause appeared (visits needing review)' })
	})
	.meta({ id: 'ReviewReason' });

export const VisitRequestAnswer = z
	.object({
		id,
		reference: z.string(),
		prisonId: id,
		status: z.enum(REQUEST_STATUSES),
		prisoner: z
			.object({ ...person, prisonerNumber: z.string() })
			.nullable()
			.meta({ description: 'Null once the retention purge removed personal data' }),
		visitors: z.array(VisitorAnswer),
		slots: z.array(z.object({ date, start: time })),
		additionalSupport: z.string().nullable(),
		bookedSlot: z.object({ date, start: time, end: time }).nullable(),
		excludedVisitors: z.array(z.number()),
		rejectionReasons: z.array(z.enum(REJECTION_REASONS)),
		cancellationReason: z.enum(CANCELLATION_REASONS).nullable(),
		message: z.string().nullable(),
		createdAt: instant,
		updatedAt: instant,
		decidedAt: instant.nullable(),
		pass: z
			.object({ code: z.string() })
			.nullable()
			.optional()
			.meta({ description: "The visitor's answers only: a booked visit's signed pass (the QR code's text)" }),
		change: PendingChangeAnswer.nullable()
			.optional()
			.meta({ description: 'A change the visitor asked to this booked visit, waiting for staff' }),
		changeOutcome: ChangeOutcomeAnswer.nullable().optional().meta({ description: 'How the latest change ended, when none is pending' }),
		calendarSequence: z
			.number()
			.optional()
			.meta({ description: "The visit's iCalendar SEQUENCE: higher each time it moves or is cancelled" }),
		review: z
			.array(ReviewReasonAnswer)
			.optional()
			.meta({ description: 'A request waiting for staff: why a person must look at it first (codes as flags, or request_mode)' })
	})
	.meta({ id: 'VisitRequest' });

export const VisitRequestListAnswer = z.object({ requests: z.array(VisitRequestAnswer) });

export const StateChangeAnswer = z.object({
	fromStatus: z.enum(REQUEST_STATUSES).nullable(),
	toStatus: z.enum(REQUEST_STATUSES),
	actorType: z.enum(ACTOR_TYPES),
	actorName: z.string().nullable(),
	at: instant,
	detail: z.record(z.string(), z.unknown())
});

export const FlagAnswer = z
	.object({
		code: z.enum(FLAG_CODES),
		message: z.string(),
		blocking: z.boolean(),
		visitors: z.array(z.number()).optional(),
		dates: z.array(date).optional(),
		otherRequest: z
			.object({ id, reference: z.string() })
			.optional()
			.meta({ description: 'Another request it concerns (a duplicate, a clash)' })
	})
	.meta({ id: 'Flag' });

const FlaggedRequestAnswer = VisitRequestAnswer.extend({ flags: z.array(FlagAnswer) });

const SlotChoiceAnswer = z.object({
	date,
	start: time,
	end: time.nullable(),
	capacity: z.number(),
	booked: z.number(),
	available: z.number(),
	bookable: z.boolean(),
	inWindow: z.boolean(),
	closed: z.literal(true).optional(),
	closedReason: z.string().optional()
});

export const QueueAnswer = z.object({
	requests: z.array(FlaggedRequestAnswer),
	counts: z.record(z.enum(REQUEST_STATUSES), z.number()),
	changes: z
		.array(FlaggedRequestAnswer.extend({ changeChoices: z.array(SlotChoiceAnswer).optional() }))
		.meta({ description: 'Booked visits whose family asked to change them, oldest change first (the requested queue only)' })
});

export const MessageRecordAnswer = z
	.object({
		id,
		channel: z.enum(['push', 'email', 'sms']),
		to: z.string().nullable().meta({ description: 'Masked: •••• 789, j•••@example.org; a push service origin' }),
		kind: z.string(),
		language: z.enum(['en', 'cy']),
		status: z.enum(['queued', 'sending', 'sent', 'delivered', 'failed']),
		at: instant,
		statusAt: instant.optional(),
		failureReason: z
			.enum(DELIVERY_FAILURE_REASONS)
			.optional()
			.meta({ description: 'Why it failed; staff pages say it from the message catalogue' }),
		failure: z
			.string()
			.optional()
			.meta({ description: "The provider's own words about the failure (an SMTP or Notify answer), when it gave some" })
	})
	.meta({ id: 'MessageRecord' });

export const StaffVisitRequestAnswer = FlaggedRequestAnswer.extend({
	messages: z.array(MessageRecordAnswer),
	history: z.array(StateChangeAnswer),
	choices: z.array(SlotChoiceAnswer),
	changeChoices: z
		.array(SlotChoiceAnswer)
		.meta({ description: 'The live places of each time a pending change asks for (empty when none is pending)' }),
	reads: z.array(
		z.object({
			staffName: z.string().nullable(),
			what: z.enum(['request', 'queue', 'day-list', 'record']),
			at: instant,
			repeats: z
				.number()
				.optional()
				.meta({ description: 'More reads of the same view by the same person within 5 minutes, folded into this one' }),
			until: instant.optional()
		})
	),
	detailsRemoved: z.enum(['retention', 'visitor_asked']).nullable()
}).meta({ id: 'StaffVisitRequest' });

export const StaffBookingAnswer = FlaggedRequestAnswer.extend({ bookingMethod: z.enum(BOOKING_METHODS) });

// ── The gate ─────────────────────────────────────────────────────────────────────────────────────
const VisitArrivalAnswer = z.object({
	arrivedAt: instant,
	visitors: z.array(z.number()),
	recordedBy: z.string().nullable(),
	outcome: z.enum(GATE_OUTCOMES).meta({ description: 'How the visit went; attended unless the officer said otherwise' }),
	note: z.string().nullable()
});
const VisitOverrideAnswer = z
	.object({
		codes: z.array(z.enum(OVERRIDABLE_FLAGS)),
		visitors: z.array(z.number()).meta({ description: 'Positions (0 = lead) of banned visitors it let come' }),
		reason: z.string(),
		by: z.string().nullable(),
		at: instant
	})
	.meta({ id: 'VisitOverride', description: 'The override the booking went through (a ban or an empty allowance)' });
const PassKeyAnswer = z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() });

export const GateDayListAnswer = z.object({
	prisonId: id,
	date,
	slots: z.array(
		z.object({
			start: time,
			end: time,
			capacity: z.number(),
			visits: z.array(
				VisitRequestAnswer.extend({
					arrival: VisitArrivalAnswer.nullable(),
					attendance: z.enum(ATTENDANCE_STATES),
					flags: z.array(FlagAnswer),
					override: VisitOverrideAnswer.nullable()
				})
			),
			attendance: z.object({ arrived: z.number(), expected: z.number(), notAttended: z.number() })
		})
	),
	timeZone: z.string(),
	passKey: PassKeyAnswer,
	cancelled: z.array(z.object({ id, reference: z.string(), start: time.nullable() })),
	generatedAt: instant
});

export const ArrivalAnswer = z.object({
	requestId: id,
	reference: z.string(),
	alreadyArrived: z.boolean(),
	message: z.string(),
	arrival: VisitArrivalAnswer
});

export const PrisonPassKeyAnswer = z.object({ prisonId: id, publicKey: PassKeyAnswer });

export const GateReferenceAnswer = z.object({
	id,
	reference: z.string(),
	status: z.enum(REQUEST_STATUSES),
	bookedSlot: z.object({ date, start: time }).nullable().meta({ description: 'The booked date and start; null when not booked' })
});

// ── Prisoners ────────────────────────────────────────────────────────────────────────────────────
export const BanAnswer = z.object({
	id,
	...person,
	until: date.nullable(),
	reason: z.string(),
	restrictionId: z.string().nullable().meta({ description: "The prison's restriction this ban mirrors; null for a ban staff added" })
});

export const NonAssociationAnswer = z.object({ prisonerNumber: z.string(), reason: z.string(), createdAt: instant });

export const PrisonerRecordAnswer = z.object({
	prisonerNumber: z.string(),
	prisonId: id,
	prisoner: z.object(person).nullable(),
	allowance: z.object({ remaining: z.number().nullable(), renewsOn: date.nullable() }),
	version: z.number(),
	bans: z.array(BanAnswer),
	nonAssociations: z.array(NonAssociationAnswer).meta({ description: 'Prisoners who must not meet this one (each holds both ways)' }),
	requests: z.array(VisitRequestAnswer),
	location: z
		.object({ status: z.enum(['in', 'released']), prisonCode: z.string(), prisonName: z.string().nullable(), since: instant })
		.nullable()
		.meta({ description: "Where the prison's system of record last said the prisoner is (null: it has said nothing)" })
});

export const ReviewListAnswer = z.object({
	visits: z.array(
		z.object({ id, reference: z.string(), date, start: time, reasons: z.array(ReviewReasonAnswer.required({ since: true })) })
	)
});

export const ReviewKeptAnswer = z.object({
	id,
	reference: z.string(),
	kept: z.array(z.object({ code: z.string(), sourceId: z.string() })).meta({ description: 'The causes cleared as kept' })
});

export const ClosedVisitsAnswer = z.object({ prisonerNumber: z.string(), closedVisitsOnly: z.boolean(), reason: z.string().nullable() });

// ── Running a prison ─────────────────────────────────────────────────────────────────────────────
export const ReportAnswer = z.object({
	prisonId: id,
	from: date,
	to: date,
	requests: z.number(),
	booked: z.number(),
	rejected: z.record(z.string(), z.number()),
	cancelled: z.record(z.string(), z.number()),
	withdrawn: z.number(),
	notAttended: z.number(),
	attended: z.number(),
	medianHoursToDecision: z.number().nullable(),
	medianMinutesToDecision: z.number().nullable(),
	outcomes: z
		.object(
			Object.fromEntries([...GATE_OUTCOMES, 'not_attended'].map((o) => [o, z.number()])) as Record<
				GateOutcome | 'not_attended',
				z.ZodNumber
			>
		)
		.meta({ description: "Booked visits on the range's days by their outcome at the gate, and those not attended" }),
	utilisation: z.number().nullable(),
	days: z.array(
		z.object({
			date,
			requests: z.number(),
			booked: z.number(),
			rejected: z.number(),
			cancelled: z.number(),
			withdrawn: z.number(),
			attended: z.number(),
			notAttended: z.number(),
			capacity: z.number(),
			placesBooked: z.number()
		})
	),
	slots: z.array(z.object({ weekday: z.number(), start: time, capacity: z.number(), booked: z.number() }))
});

// ── Staff and administration ─────────────────────────────────────────────────────────────────────
export const StaffUserAnswer = z.object({
	id,
	email: z.string(),
	name: z.string(),
	prisons: z.array(z.object({ id, code: z.string(), name: z.string() })),
	admin: z.boolean().optional(),
	serviceAdmin: z.boolean().optional().meta({ description: 'Administers every prison, administrators and connected systems' })
});

export const StaffSessionAnswer = z.discriminatedUnion('signedIn', [
	z.object({ signedIn: z.literal(false) }),
	z.object({ signedIn: z.literal(true), staff: StaffUserAnswer })
]);

export const AdminStaffUserAnswer = z.object({
	id,
	email: z.string(),
	name: z.string(),
	admin: z.boolean().meta({ description: 'An administrator: of their own prisons, or of everything with serviceAdmin' }),
	serviceAdmin: z.boolean().meta({ description: 'Administers every prison, administrators and connected systems' }),
	active: z.boolean(),
	prisonIds: z.array(id),
	manageable: z.boolean().meta({ description: 'Whether the caller may change this user (prisons, name, set-password link, deactivation)' })
});

export const SetPasswordLinkAnswer = z.object({
	path: z.string().meta({ description: "'/staff/set-password#token=…': the token never reaches a server log" }),
	expiresAt: instant
});

export const CreatedStaffUserAnswer = z.object({ user: AdminStaffUserAnswer, link: SetPasswordLinkAnswer });

// ── Waiting list ─────────────────────────────────────────────────────────────────────
export const WaitlistEntryAnswer = z
	.object({ id, prisonId: id, prisonName: z.string(), date, start: time, end: time, createdAt: instant })
	.meta({ id: 'WaitlistEntry' });

// ── Signing in (issue #29) ───────────────────────────────────────────────────────────────────────
export const SignInOptionsAnswer = z.object({ oneLogin: z.boolean(), staffOidc: z.boolean(), staffPasswordLogin: z.boolean() });
export const SavedVisitorAnswer = z
	.object({
		id,
		firstName: z.string(),
		lastName: z.string(),
		dateOfBirth: date,
		email: z.string().optional(),
		phone: z.string().optional()
	})
	.meta({ id: 'SavedVisitor' });
export const AccountAnswer = z.object({ oneLogin: z.boolean(), signedIn: z.boolean(), visitors: z.array(SavedVisitorAnswer) });
export const SignInStartAnswer = z.object({
	url: z.string().meta({ description: 'A one-time path on this service; open it in the browser' })
});

// ── Privacy ──────────────────────────────────────────────────────────────────────────────────────
export const DataExportAnswer = z.object({
	exportedAt: instant,
	device: z.object({ firstSeenAt: instant, lastSeenAt: instant }),
	requests: z.array(VisitRequestAnswer.extend({ history: z.array(StateChangeAnswer) })),
	pushSubscriptions: z.array(z.object({ endpoint: z.string(), createdAt: instant })),
	waitingList: z.array(WaitlistEntryAnswer),
	account: z.object({ signedIn: z.boolean(), visitors: z.array(SavedVisitorAnswer) })
});

export const ForgetAnswer = z.object({
	withdrawn: z.array(id),
	cancelled: z.array(id),
	erased: z.number(),
	visitorsErased: z.number(),
	pushSubscriptionsDeleted: z.number(),
	credentialRevoked: z.literal(true)
});

// ── Facts from the prison's system of record ─────────────────────────────────────────────────────
export const IntegrationClientAnswer = z.object({
	id,
	name: z.string(),
	createdAt: instant,
	revokedAt: instant.nullable(),
	lastUsedAt: instant.nullable()
});
export const IntegrationClientListAnswer = z.object({ integrations: z.array(IntegrationClientAnswer) });
export const CreatedIntegrationClientAnswer = z.object({
	client: IntegrationClientAnswer,
	token: z.string().meta({ description: 'The bearer token, shown this once: only its sha256 is kept' })
});
