import './zod-setup';
import { z } from 'zod';
import { CANCELLATION_REASONS, LIMITS, REJECTION_REASONS, REQUEST_STATUSES } from './domain';
import { t, type MessageKey, type MessageParams } from './i18n';
import { daysBetween, isRealDate, isTimeOfDay, minutesOfDay } from './rules/dates';

/*
 * The shapes of everything a client sends, checked identically on the device and the server.
 * These schemas check form only (types, formats, lengths). Rules that need the prison or the
 * clock (ages, party size, booking window) live in rules/ and run after these.
 * Messages are looked up when an error is raised, so they follow the current locale.
 */

const message = (key: MessageKey, params?: MessageParams) => () => t(key, params);

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

const requiredText = (requiredKey: MessageKey, max: number) =>
	z
		.string({ error: message(requiredKey) })
		.trim()
		.min(1, { error: message(requiredKey) })
		.max(max, { error: message('validation.tooLong', { max }) });

/** Bidi embedding/override (U+202A–U+202E) and isolate (U+2066–U+2069) controls: they make "\u202Eevil" show as "live". */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Every person's name (prisoner, visitor, staff user, ban): required, at most `max` characters, and
 * no bidi controls, which would let a name show as something other than what was typed.
 */
export const personName = (requiredKey: MessageKey, max: number = LIMITS.nameMax) =>
	requiredText(requiredKey, max).refine((value) => !BIDI_CONTROLS.test(value), { error: message('validation.name.directionControl') });

const optionalText = (max: number) =>
	z.preprocess(
		// Typed, so the typed client's bodies say "a string or nothing" rather than unknown.
		(value: string | null | undefined) => emptyAsUndefined(value),
		z
			.string({ error: message('validation.invalid') })
			.trim()
			.max(max, { error: message('validation.tooLong', { max }) })
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

export const email = z
	.string({ error: message('validation.email.format') })
	.trim()
	.toLowerCase()
	.max(LIMITS.emailMax, { error: message('validation.tooLong', { max: LIMITS.emailMax }) })
	.pipe(z.email({ error: message('validation.email.format') }));

const uuid = (key: MessageKey) => z.uuid({ error: message(key) });

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

export const VisitorInput = z.strictObject({
	firstName: personName('field.visitor.firstName.required'),
	lastName: personName('field.visitor.lastName.required'),
	dateOfBirth: localDate('field.visitor.dateOfBirth.required'),
	email: z.preprocess(emptyAsUndefined, email.optional()),
	phone: z.preprocess(emptyAsUndefined, ukPhone.optional())
});
export type VisitorInput = z.infer<typeof VisitorInput>;

export const VisitRequestInput = z
	.strictObject({
		id: uuid('field.id.invalid'),
		prisonId: uuid('field.prison.unknown'),
		prisoner: PrisonerInput,
		visitors: z
			.array(VisitorInput, { error: message('field.visitors.required') })
			.min(1, { error: message('field.visitors.required') })
			.max(LIMITS.maxVisitorsPerRequest, {
				error: message('validation.visitors.tooMany', { max: LIMITS.maxVisitorsPerRequest })
			}),
		slots: z
			.array(SlotRef, { error: message('validation.slots.none') })
			.min(1, { error: message('validation.slots.none') })
			.max(LIMITS.maxSlotsPerRequest, { error: message('validation.slots.tooMany') }),
		additionalSupport: optionalText(LIMITS.additionalSupportMax)
	})
	.superRefine((request, ctx) => {
		const visitors: unknown = request.visitors;
		const lead: unknown = Array.isArray(visitors) ? visitors[0] : undefined;
		if (isObject(lead) && !lead.email && !lead.phone) {
			ctx.addIssue({
				code: 'custom',
				path: ['visitors', 0, 'email'],
				message: t('validation.lead.contact')
			});
		}
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
		.max(LIMITS.emailMax, { error: message('validation.tooLong', { max: LIMITS.emailMax }) }),
	password: z
		.string({ error: message('field.password.required') })
		.min(1, { error: message('field.password.required') })
		.max(200, { error: message('validation.tooLong', { max: 200 }) })
});
export type LoginInput = z.infer<typeof LoginInput>;

const decisionMessage = optionalText(LIMITS.messageMax);

/** Confirming or booking over a blocking flag (a banned visitor, no allowance left) needs a reason, which is audited. */
export const OverrideInput = z.strictObject(
	{ reason: requiredText('prisoners.field.overrideReason.required', LIMITS.messageMax) },
	{ error: message('prisoners.field.overrideReason.required') }
);
export type OverrideInput = z.infer<typeof OverrideInput>;

export const ConfirmInput = z.strictObject({
	slot: SlotRef,
	/** Positions in the request's visitor list; the lead visitor (0) cannot be excluded. */
	excludedVisitors: z
		.array(
			z
				.number({ error: message('field.visitorPosition.invalid') })
				.int({ error: message('field.visitorPosition.invalid') })
				.min(1, { error: message('field.visitorPosition.invalid') })
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
			ctx.addIssue({ code: 'custom', path: ['to'], message: t('field.range.tooLong', { max: LIMITS.maxCalendarDays }) });
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
