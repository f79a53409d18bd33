import './zod-setup';
import { z } from 'zod';
import { CANCELLATION_REASONS, LIMITS, OVERRIDABLE_FLAGS, REJECTION_REASONS, REQUEST_STATUSES } from './domain';
import { t, tPlural, type MessageKey, type MessageParams } from './i18n';
import { BIDI_CONTROLS, INVISIBLE_IN_NAME, normaliseName } from './names';
import { daysBetween, isRealDate, isTimeOfDay, minutesOfDay } from './rules/dates';
import { visitorMessage } from './visitor-words';

/*
 * The shapes of everything a client sends, checked identically on the device and the server.
 * These schemas check form only (types, formats, lengths). Rules that need the prison or the
 * clock (ages, party size, booking window) live in rules/ and run after these.
 * Messages are looked up when an error is raised, so they follow the current locale.
 */

const message = (key: MessageKey, params?: MessageParams) => () => t(key, params);
/** A message worked out from the problem itself (where it is: which visitor). */
type IssueMessage = (issue: { path?: readonly PropertyKey[] }) => string;

/**
 * For checks across fields (superRefine): run even when another field already failed, so a form
 * hears of every problem in one round. Zod skips them by default once any field has an issue
 * that aborts (a missing or wrongly typed value), so these checks must cope with a half-formed value.
 */
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const always = { when: (payload: { value: unknown }) => isObject(payload.value) };
const isText = (value: unknown): value is string => typeof value === 'string';

/** Forms send '' for a field left empty; treat it as absent. */
const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** A field sent empty on purpose: remove the value. */
const emptyAsNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

const requiredText = (requiredKey: MessageKey, max: number) =>
	z
		.string({ error: message(requiredKey) })
		.trim()
		.min(1, { error: message(requiredKey) })
		.max(max, { error: () => tPlural('validation.tooLong', max) });

/**
 * Every person's name (prisoner, visitor, staff user, ban): required, at most `max` characters, in
 * the one normal form of names (names.ts: NFKC, trimmed), with nothing unseen in it: bidi controls
 * would let a name show as something other than what was typed; other format and control
 * characters (zero-width space, soft hyphen, word joiner…) would let it slip past a ban, and line
 * breaks would write lines of their own into emails.
 */
export const personName = (required: MessageKey | IssueMessage, max: number = LIMITS.nameMax) =>
	z
		.string({ error: typeof required === 'string' ? message(required) : required })
		.overwrite(normaliseName)
		.min(1, { error: typeof required === 'string' ? message(required) : required })
		.max(max, { error: () => tPlural('validation.tooLong', max) })
		.superRefine((value, ctx) => {
			if (BIDI_CONTROLS.test(value)) ctx.addIssue({ code: 'custom', message: t('validation.name.directionControl') });
			else if (INVISIBLE_IN_NAME.test(value)) ctx.addIssue({ code: 'custom', message: t('validation.name.invisible') });
		});

export const optionalText = (max: number) =>
	z.preprocess(
		// Typed, so the typed client's bodies say "a string or nothing" rather than unknown.
		(value: string | null | undefined) => emptyAsUndefined(value),
		z
			.string({ error: message('validation.invalid') })
			.trim()
			.max(max, { error: () => tPlural('validation.tooLong', max) })
			.optional()
	);

export const localDate = (requiredKey: MessageKey = 'validation.date.invalid') =>
	z
		.string({ error: message(requiredKey) })
		.trim()
		.min(1, { error: message(requiredKey) })
		.refine(isRealDate, { error: message('validation.date.invalid') });

export const timeOfDay = (requiredKey: MessageKey = 'validation.time.format') =>
	z
		.string({ error: message(requiredKey) })
		.trim()
		.min(1, { error: message(requiredKey) })
		.refine(isTimeOfDay, { error: message('validation.time.format') });

export const PRISONER_NUMBER_PATTERN = /^[A-Z][0-9]{4}[A-Z]{2}$/;

/** As people write it: 'a 1234 bc' is A1234BC (spaces anywhere are dropped, letters upper-cased). */
export const prisonerNumber = z
	.string({ error: message('field.prisoner.prisonerNumber.required') })
	.overwrite((value) => value.replace(/\s+/g, '').toUpperCase())
	.min(1, { error: message('field.prisoner.prisonerNumber.required') })
	.regex(PRISONER_NUMBER_PATTERN, { error: message('validation.prisonerNumber.format') });

/** UK numbers: 0 or +44/0044 then 9 or 10 digits; spaces, dashes and brackets are ignored. */
export const UK_PHONE_PATTERN = /^(?:(?:\+|00)44|0)\d{9,10}$/;

export const ukPhone = z
	.string({ error: message('validation.phone.format') })
	.trim()
	.overwrite((value) => value.replace(/[\s()-]/g, ''))
	.regex(UK_PHONE_PATTERN, { error: message('validation.phone.format') });

/** UK mobile numbers (07…, +447…, 00447…), the only numbers a text can go to; spaces, dashes and brackets ignored. */
const UK_MOBILE_PATTERN = /^(?:(?:\+|00)44|0)7\d{9}$/;

export const isUkMobile = (phone: string): boolean => UK_MOBILE_PATTERN.test(phone.replace(/[\s()-]/g, ''));

export const email = z
	.string({ error: message('validation.email.format') })
	.trim()
	.toLowerCase()
	.max(LIMITS.emailMax, { error: () => tPlural('validation.tooLong', LIMITS.emailMax) })
	.pipe(z.email({ error: message('validation.email.format') }));

/**
 * An id, in its one canonical form: lower case. PostgreSQL compares uuids in any case, but limits,
 * caches and access checks key on the text, where "ABC…" and "abc…" would be two things.
 */
export const uuid = (key: MessageKey) => z.uuid({ error: message(key) }).overwrite((id) => id.toLowerCase());

export const SlotRef = z.strictObject({
	date: localDate('field.slot.date.required'),
	start: timeOfDay('field.slot.start.required')
});
export type SlotRef = z.infer<typeof SlotRef>;

export const slotKey = (slot: SlotRef): string => `${slot.date}T${slot.start}`;

export const PrisonerInput = z.strictObject({
	firstName: personName('field.prisoner.firstName.required'),
	lastName: personName('field.prisoner.lastName.required'),
	dateOfBirth: localDate('field.prisoner.dateOfBirth.required'),
	prisonerNumber
});
export type PrisonerInput = z.infer<typeof PrisonerInput>;

/** A visitor's date of birth, its problems naming the visitor (visitor-words.ts). */
const visitorDateOfBirth = z
	.string({ error: visitorMessage('dateOfBirth.required', 'field.visitor.dateOfBirth.required') })
	.trim()
	.min(1, { error: visitorMessage('dateOfBirth.required', 'field.visitor.dateOfBirth.required') })
	.refine(isRealDate, { error: visitorMessage('dateOfBirth.invalid', 'validation.date.invalid') });

export const VisitorInput = z.strictObject({
	firstName: personName(visitorMessage('firstName.required', 'field.visitor.firstName.required')),
	lastName: personName(visitorMessage('lastName.required', 'field.visitor.lastName.required')),
	dateOfBirth: visitorDateOfBirth,
	email: z.preprocess(emptyAsUndefined, email.optional()),
	phone: z.preprocess(emptyAsUndefined, ukPhone.optional())
});
export type VisitorInput = z.infer<typeof VisitorInput>;

export const MESSAGE_CHANNELS = ['push', 'email', 'sms'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** How the family wants to be told: a subset of the channels, each once. */
export const MessageChannels = z
	.array(z.enum(MESSAGE_CHANNELS, { error: message('validation.channels.unknown') }), { error: message('validation.channels.unknown') })
	.max(MESSAGE_CHANNELS.length, { error: message('validation.channels.unknown') })
	.refine((channels) => new Set(channels).size === channels.length, { error: message('validation.channels.unknown') });

export const MessageLanguage = z.enum(['en', 'cy'], { error: message('validation.messageLanguage.unknown') });

/** PATCH /api/visit-requests/:id/contact: what to change of how the family is told (null removes an address). */
export const ContactUpdate = z.strictObject({
	channels: MessageChannels.optional(),
	messageLanguage: MessageLanguage.optional(),
	email: z.preprocess(emptyAsNull, email.nullable().optional()),
	phone: z.preprocess(emptyAsNull, ukPhone.nullable().optional())
});
export type ContactUpdate = z.infer<typeof ContactUpdate>;

/** The lead visitor can be told on the channels chosen: a UK mobile for texts, an address for email. */
function checkChosenContact(channels: unknown, lead: unknown, ctx: z.RefinementCtx, path: (string | number)[]): void {
	if (!Array.isArray(channels) || !isObject(lead)) return;
	if (channels.includes('sms') && !(isText(lead.phone) && isUkMobile(lead.phone))) {
		ctx.addIssue({ code: 'custom', path: [...path, 'phone'], message: t('validation.channels.smsNeedsMobile') });
	}
	if (channels.includes('email') && !(isText(lead.email) && lead.email !== '')) {
		ctx.addIssue({ code: 'custom', path: [...path, 'email'], message: t('validation.channels.emailNeedsAddress') });
	}
}

/** Who is coming, lead first: a new request's party, and a change's new one (schemas-change.ts). */
export const VisitorsInput = z
	.array(VisitorInput, { error: message('field.visitors.required') })
	.min(1, { error: message('field.visitors.required') })
	.max(LIMITS.maxVisitorsPerRequest, {
		error: () => tPlural('validation.visitors.tooMany', LIMITS.maxVisitorsPerRequest)
	});

/** The lead visitor can be reached: an address or a number, and one for each channel chosen. */
export function checkLeadContact(visitors: unknown, channels: unknown, ctx: z.RefinementCtx): void {
	const lead: unknown = Array.isArray(visitors) ? visitors[0] : undefined;
	if (isObject(lead) && !lead.email && !lead.phone) {
		ctx.addIssue({
			code: 'custom',
			path: ['visitors', 0, 'email'],
			message: t('validation.lead.contact')
		});
	} else {
		checkChosenContact(channels, lead, ctx, ['visitors', 0]);
	}
}

export const VisitRequestInput = z
	.strictObject({
		id: uuid('field.id.invalid'),
		prisonId: uuid('field.prison.unknown'),
		prisoner: PrisonerInput,
		visitors: VisitorsInput,
		slots: z
			.array(SlotRef, { error: message('validation.slots.none') })
			.min(1, { error: message('validation.slots.none') })
			.max(LIMITS.maxSlotsPerRequest, { error: message('validation.slots.tooMany') }),
		additionalSupport: optionalText(LIMITS.additionalSupportMax),
		/** Absent: every channel the service has and the lead visitor gave an address for. */
		channels: MessageChannels.optional(),
		/** Absent: the language the request was sent in. */
		messageLanguage: MessageLanguage.optional()
	})
	.superRefine((request, ctx) => {
		checkLeadContact(request.visitors, request.channels, ctx);
		const slots: unknown = request.slots;
		const seen = new Set<string>();
		(Array.isArray(slots) ? (slots as unknown[]) : []).forEach((slot, index) => {
			if (!isObject(slot) || !isText(slot.date) || !isText(slot.start)) return;
			const key = slotKey({ date: slot.date, start: slot.start });
			if (seen.has(key)) {
				ctx.addIssue({
					code: 'custom',
					path: ['slots', index],
					message: t('validation.slots.duplicate')
				});
			}
			seen.add(key);
		});
	}, always);
/** What a device sends: strings as typed. */
export type VisitRequestInputRaw = z.input<typeof VisitRequestInput>;
/** What the rules and the server work with: trimmed, normalised. */
export type VisitRequestInput = z.output<typeof VisitRequestInput>;

// ── Staff ─────────────────────────────────────────────────────────────────────

export const LoginInput = z.strictObject({
	email: z
		.string({ error: message('field.email.required') })
		.trim()
		.toLowerCase()
		.min(1, { error: message('field.email.required') })
		.max(LIMITS.emailMax, { error: () => tPlural('validation.tooLong', LIMITS.emailMax) }),
	password: z
		.string({ error: message('field.password.required') })
		.min(1, { error: message('field.password.required') })
		.max(200, { error: () => tPlural('validation.tooLong', 200) })
});
export type LoginInput = z.infer<typeof LoginInput>;

const decisionMessage = optionalText(LIMITS.messageMax);

/**
 * Confirming or booking over a blocking flag (a banned visitor coming, no allowance left) needs an
 * override that names every flag it goes past (`codes`) and says why (`reason`); both are audited and
 * shown on the day's list and at the gate. A flag the override does not name still refuses the confirm.
 */
export const OverrideInput = z.strictObject(
	{
		reason: requiredText('prisoners.field.overrideReason.required', LIMITS.messageMax),
		codes: z
			.array(z.enum(OVERRIDABLE_FLAGS, { error: message('journeys.field.overrideCodes.invalid') }), {
				error: message('journeys.field.overrideCodes.required')
			})
			.min(1, { error: message('journeys.field.overrideCodes.required') })
			.max(OVERRIDABLE_FLAGS.length, { error: message('journeys.field.overrideCodes.invalid') })
			.transform((codes) => [...new Set(codes)].sort())
	},
	{ error: message('prisoners.field.overrideReason.required') }
);
export type OverrideInput = z.infer<typeof OverrideInput>;

export const ConfirmInput = z.strictObject({
	slot: SlotRef,
	/**
	 * Positions in the request's visitor list. The lead visitor (0) may be excluded (a banned lead)
	 * only when another adult is still coming to lead the visit: the server checks that.
	 */
	excludedVisitors: z
		.array(
			z
				.number({ error: message('field.visitorPosition.invalid') })
				.int({ error: message('field.visitorPosition.invalid') })
				.min(0, { error: message('field.visitorPosition.invalid') })
				.max(LIMITS.maxVisitorsPerRequest - 1, { error: message('field.visitorPosition.invalid') })
		)
		.max(LIMITS.maxVisitorsPerRequest - 1)
		.optional()
		.transform((positions) => [...new Set(positions ?? [])].sort((a, b) => a - b)),
	message: decisionMessage,
	override: OverrideInput.optional()
});
export type ConfirmInput = z.output<typeof ConfirmInput>;

export const RejectInput = z
	.strictObject({
		reasons: z
			.array(z.enum(REJECTION_REASONS, { error: message('field.reason.invalid') }), {
				error: message('validation.reasons.none')
			})
			.min(1, { error: message('validation.reasons.none') })
			.max(REJECTION_REASONS.length)
			.transform((reasons) => [...new Set(reasons)]),
		message: decisionMessage
	})
	.superRefine((input, ctx) => {
		const reasons: unknown = input.reasons;
		if (Array.isArray(reasons) && reasons.includes('other') && !input.message) {
			ctx.addIssue({ code: 'custom', path: ['message'], message: t('validation.reasons.otherNeedsMessage') });
		}
	}, always);
export type RejectInput = z.output<typeof RejectInput>;

export const StaffCancelInput = z
	.strictObject({
		reason: z.enum(CANCELLATION_REASONS, { error: message('field.reason.required') }),
		message: decisionMessage
	})
	.superRefine((input, ctx) => {
		if (input.reason === 'other' && !input.message) {
			ctx.addIssue({ code: 'custom', path: ['message'], message: t('validation.reasons.otherNeedsMessage') });
		}
	}, always);
export type StaffCancelInput = z.output<typeof StaffCancelInput>;

export const TimetableSlotInput = z.strictObject({
	weekday: z
		.number({ error: message('field.weekday.invalid') })
		.int({ error: message('field.weekday.invalid') })
		.min(1, { error: message('field.weekday.invalid') })
		.max(7, { error: message('field.weekday.invalid') }),
	start: timeOfDay(),
	end: timeOfDay(),
	capacity: z
		.number({ error: message('field.capacity.invalid', { max: LIMITS.maxSlotCapacity }) })
		.int({ error: message('field.capacity.invalid', { max: LIMITS.maxSlotCapacity }) })
		.min(0, { error: message('field.capacity.invalid', { max: LIMITS.maxSlotCapacity }) })
		.max(LIMITS.maxSlotCapacity, { error: message('field.capacity.invalid', { max: LIMITS.maxSlotCapacity }) }),
	/** Closed (behind glass) tables besides the open ones (PRODUCT.md "Running the service"). */
	closedCapacity: z
		.number({ error: message('field.capacity.invalid', { max: LIMITS.maxSlotCapacity }) })
		.int({ error: message('field.capacity.invalid', { max: LIMITS.maxSlotCapacity }) })
		.min(0, { error: message('field.capacity.invalid', { max: LIMITS.maxSlotCapacity }) })
		.max(LIMITS.maxSlotCapacity, { error: message('field.capacity.invalid', { max: LIMITS.maxSlotCapacity }) })
		.optional()
});
export type TimetableSlotInput = z.infer<typeof TimetableSlotInput>;

export const TimetableInput = z.strictObject({ slots: z.array(TimetableSlotInput).max(100) }).superRefine((input, ctx) => {
	// Runs even when a slot's own checks failed (a bad capacity, a missing weekday): those are
	// reported already, and the times of every row are still compared.
	const rows: unknown = input.slots;
	const slots = Array.isArray(rows) ? (rows as unknown[]) : [];
	const wellFormed = (slot: unknown): slot is { weekday: unknown; start: string; end: string } =>
		isObject(slot) && isText(slot.start) && isText(slot.end) && isTimeOfDay(slot.start) && isTimeOfDay(slot.end);
	slots.forEach((slot, index) => {
		if (!wellFormed(slot)) return;
		if (minutesOfDay(slot.end) <= minutesOfDay(slot.start)) {
			ctx.addIssue({ code: 'custom', path: ['slots', index, 'end'], message: t('validation.time.order') });
		}
		slots.slice(0, index).forEach((earlier) => {
			if (!wellFormed(earlier) || typeof earlier.weekday !== 'number' || earlier.weekday !== slot.weekday) return;
			if (earlier.start === slot.start) {
				ctx.addIssue({ code: 'custom', path: ['slots', index, 'start'], message: t('field.timetable.duplicate') });
			} else if (minutesOfDay(slot.start) < minutesOfDay(earlier.end) && minutesOfDay(earlier.start) < minutesOfDay(slot.end)) {
				ctx.addIssue({ code: 'custom', path: ['slots', index, 'start'], message: t('field.timetable.overlap') });
			}
		});
	});
}, always);
export type TimetableInput = z.infer<typeof TimetableInput>;

export const ClosureInput = z.strictObject({
	date: localDate('field.slot.date.required'),
	/** Absent: the whole day is closed. */
	start: z.preprocess(emptyAsUndefined, timeOfDay().optional()),
	reason: requiredText('field.reason.required', LIMITS.closureReasonMax),
	/** The reason in Welsh (optional): Welsh readers see the English where there is none. */
	reasonCy: z
		.string({ error: message('validation.invalid') })
		.trim()
		.max(LIMITS.closureReasonMax, { error: () => tPlural('validation.tooLong', LIMITS.closureReasonMax) })
		.optional()
		.transform((value) => value || undefined),
	/** true: cancel the booked visits the closure falls on (each visitor told); otherwise they make it a 409. */
	cancelBooked: z.boolean({ error: message('field.cancelBooked.invalid') }).optional()
});
export type ClosureInput = z.infer<typeof ClosureInput>;

export const ClosureRef = z.strictObject({
	date: localDate('field.slot.date.required'),
	start: z.preprocess(emptyAsUndefined, timeOfDay().optional())
});
export type ClosureRef = z.infer<typeof ClosureRef>;

// ── Queries ───────────────────────────────────────────────────────────────────

export const DateRangeQuery = z
	.object({ from: localDate('field.slot.date.required'), to: localDate('field.slot.date.required') })
	.superRefine((range, ctx) => {
		if (!isRealDate(range.from) || !isRealDate(range.to)) return;
		const span = daysBetween(range.from, range.to);
		if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: t('field.range.order') });
		else if (span + 1 > LIMITS.maxCalendarDays)
			ctx.addIssue({ code: 'custom', path: ['to'], message: tPlural('field.range.tooLong', LIMITS.maxCalendarDays) });
	});
export type DateRangeQuery = z.infer<typeof DateRangeQuery>;

export const StaffRequestsQuery = z.object({
	prisonId: z.preprocess(emptyAsUndefined, uuid('field.prison.unknown').optional()),
	status: z.preprocess(emptyAsUndefined, z.enum(REQUEST_STATUSES, { error: message('field.status.invalid') }).optional()),
	/** Only requests with a chosen (or booked) slot on this date. */
	date: z.preprocess(emptyAsUndefined, localDate().optional())
});
export type StaffRequestsQuery = z.infer<typeof StaffRequestsQuery>;

export const VisitsQuery = z.object({
	prisonId: uuid('field.prison.unknown'),
	date: localDate('field.slot.date.required')
});
export type VisitsQuery = z.infer<typeof VisitsQuery>;
