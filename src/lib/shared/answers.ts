import type { DetailsRemoved, RequestRead } from './schemas-privacy';
import type {
	ActorType,
	BookingMode,
	CancellationReason,
	DeliveryFailureReason,
	PrisonRules,
	RejectionReason,
	RequestStatus
} from './domain';
import type { LocalDate, TimeOfDay } from './rules/dates';
import type { Flag } from './rules/flags';

/** The API's answers, as the PWA receives them. Inputs are in schemas.ts. */

export interface Prison extends PrisonRules {
	id: string;
	code: string;
	name: string;
	address: string;
	visitorInfo: string;
	/** The same in Welsh, entered by administrators: null or absent shows the English (welsh-text.ts). */
	nameCy?: string | null;
	addressCy?: string | null;
	visitorInfoCy?: string | null;
	/** The online booking switch: false means visitors cannot send requests now (see the message). */
	onlineBooking: boolean;
	onlineBookingMessage: string | null;
	/** `instant`: a request nothing stands in the way of is booked when it arrives; `request`: staff look at each first. */
	bookingMode: BookingMode;
}

export interface TimetableSlot {
	weekday: number;
	start: TimeOfDay;
	end: TimeOfDay;
	capacity: number;
	/** Closed (behind glass) tables besides the open ones; 0 when the slot has none. */
	closedCapacity?: number;
}

export interface Closure {
	date: LocalDate;
	/** Absent: the whole day is closed. */
	start?: TimeOfDay;
	reason: string;
	/** The reason in Welsh, when the officer gave one. */
	reasonCy?: string;
}

export interface CalendarSlot {
	start: TimeOfDay;
	end: TimeOfDay;
	capacity: number;
	booked: number;
	available: number;
	bookable: boolean;
	closed?: boolean;
	closedReason?: string;
	closedReasonCy?: string;
	/** Closed (behind glass) places, only on slots that have some; `available` counts open places. */
	closedCapacity?: number;
	closedBooked?: number;
}

export interface CalendarDay {
	date: LocalDate;
	closed?: boolean;
	closedReason?: string;
	closedReasonCy?: string;
	slots: CalendarSlot[];
}

export interface Calendar {
	prisonId: string;
	generatedAt: string;
	/** The bookable window when the calendar was made: dates outside it cannot be chosen. */
	window: { from: LocalDate; to: LocalDate };
	days: CalendarDay[];
}

export interface Person {
	firstName: string;
	lastName: string;
	dateOfBirth: LocalDate;
}

export interface PrisonerDetails extends Person {
	prisonerNumber: string;
}

export interface VisitorDetails extends Person {
	email?: string;
	phone?: string;
}

export interface BookedSlot {
	date: LocalDate;
	start: TimeOfDay;
	end: TimeOfDay;
}

export interface VisitRequest {
	id: string;
	reference: string;
	prisonId: string;
	status: RequestStatus;
	/** Null once the retention purge has removed personal data. */
	prisoner: PrisonerDetails | null;
	visitors: VisitorDetails[];
	slots: { date: LocalDate; start: TimeOfDay }[];
	additionalSupport: string | null;
	bookedSlot: BookedSlot | null;
	excludedVisitors: number[];
	rejectionReasons: RejectionReason[];
	cancellationReason: CancellationReason | null;
	message: string | null;
	createdAt: string;
	updatedAt: string;
	decidedAt: string | null;
	/** The visitor's answers only: a booked visit's signed pass (the QR code's text), else null. */
	pass?: { code: string } | null;
	/** A change the visitor asked to this booked visit, waiting for staff; null when none. */
	change?: PendingChange | null;
	/** How the latest change asked ended, when it was decided or withdrawn and none is pending. */
	changeOutcome?: ChangeOutcome | null;
	/** The visit's iCalendar SEQUENCE: higher each time its time moves or it is cancelled. */
	calendarSequence?: number;
	/** A request waiting for staff: why a person must look at it first (absent once decided). */
	review?: ReviewReason[];
}

/** One reason a request waits for a person, or a booked visit needs a look again. */
export interface ReviewReason {
	code: string;
	message: string;
	/** When the cause appeared (visits needing review only). */
	since?: string;
}

export interface PendingChange {
	id: string;
	/** The new times asked for; empty when only who is coming changes. */
	slots: { date: LocalDate; start: TimeOfDay }[];
	/** The whole new party (lead first) when the change is about who is coming; null or absent: the party stays. */
	visitors?: VisitorDetails[] | null;
	requestedAt: string;
}

export interface ChangeOutcome {
	id: string;
	status: 'confirmed' | 'rejected' | 'withdrawn' | 'ended';
	slots: { date: LocalDate; start: TimeOfDay }[];
	/** The booked time before the change. */
	from: { date: LocalDate; start: TimeOfDay };
	/** The new party the change asked for; null or absent: the party stayed. */
	visitors?: VisitorDetails[] | null;
	reasons: RejectionReason[];
	message: string | null;
	at: string;
}

export interface StateChange {
	fromStatus: RequestStatus | null;
	toStatus: RequestStatus;
	actorType: ActorType;
	actorName: string | null;
	at: string;
	detail: Record<string, unknown>;
}

export interface SlotChoice {
	date: LocalDate;
	start: TimeOfDay;
	end: TimeOfDay | null;
	capacity: number;
	booked: number;
	available: number;
	bookable: boolean;
	/** Inside the visitors' booking window; staff may still confirm outside it. */
	inWindow: boolean;
	/** A closure covers this choice now (the request keeps its other choices). */
	closed?: true;
	closedReason?: string;
}

/** A request as staff see it: the visitor's view plus history and live places per choice. */
/** One message a family was sent (or will be), as staff and the family see it: the address masked. */
export interface MessageRecord {
	id: string;
	channel: 'push' | 'email' | 'sms';
	/** `•••• 789`, `j•••@example.org`, a push service's origin; null while a push waits to be sent. */
	to: string | null;
	/** What it tells: `sent`, `booked`, `rejected`, `cancelled`, `reminder`, `change_booked`, `change_party`, `change_rejected`. */
	kind: string;
	language: 'en' | 'cy';
	status: 'queued' | 'sending' | 'sent' | 'delivered' | 'failed';
	/** When it was queued. */
	at: string;
	/** When its status last changed. */
	statusAt?: string;
	/** Why it failed, as staff read it (from the catalogue). */
	failureReason?: DeliveryFailureReason;
	/** The provider's own words about it (an SMTP or Notify answer, a receipt status), shown only beside the reason. */
	failure?: string;
}

export interface StaffVisitRequest extends VisitRequest {
	/** Every message about it, oldest first. */
	messages: MessageRecord[];
	history: StateChange[];
	choices: SlotChoice[];
	/** The live places of each time a pending change asks for (empty when none is pending). */
	changeChoices: SlotChoice[];
	/** Computed when read from the prisoner's record (rules/flags.ts), and `closed_visit`. */
	flags: Flag[];
	/** Every staff read of this request's personal data. */
	reads: RequestRead[];
	/** Why its personal details are gone, if they are. */
	detailsRemoved: DetailsRemoved;
}

export interface StaffUser {
	id: string;
	email: string;
	name: string;
	prisons: { id: string; code: string; name: string }[];
	/** Administrators manage prisons and staff users (absent in copies cached before it existed). */
	admin?: boolean;
	/** Service administrators manage every prison, administrators and connected systems; others only their own prisons. */
	serviceAdmin?: boolean;
}

/**
 * GET /api/staff/session: whether an officer is signed in, always a 200 (the sign-in page asks it on
 * a first visit, and a 401 there would be a console error in every browser). `staff` is what
 * GET /api/staff/me answers.
 */
export type StaffSessionView = { signedIn: false } | { signedIn: true; staff: StaffUser };

export interface DayVisitList {
	prisonId: string;
	date: LocalDate;
	slots: { start: TimeOfDay; end: TimeOfDay; capacity: number; visits: VisitRequest[] }[];
}

/** A booked visit a closure or timetable change would hit (error.visits on 409 closure_hits_visits / timetable_hits_visits). */
export interface HitVisit {
	id: string;
	reference: string;
	date: string;
	start: string;
}

export interface ApiErrorBody {
	error: { code: string; message: string; fields?: Record<string, string>; visits?: HitVisit[] };
}
