import './zod-setup';
import { z } from 'zod';
import { LIMITS } from './domain';
import { t, tPlural, type MessageKey, type MessageParams } from './i18n';
import { dateOfBirthProblem } from './rules/party';
import { isRealDate } from './rules/dates';
import { OverrideInput, personName, PrisonerInput, prisonerNumber, SlotRef, uuid, VisitorInput } from './schemas';

/*
 * The prisoner's record (staff) and booking on a visitor's behalf: the shapes staff send, checked
 * the same way on the tablet and on the server. Checks that need "today" take it as an argument
 * (the prison's today on the server, the tablet's on the device), so every problem comes back in one round.
 */

const message = (key: MessageKey, params?: MessageParams) => () => t(key, params);

export const BOOKING_METHODS = ['phone', 'in_person', 'email', 'prisoner'] as const;
export type BookingMethod = (typeof BOOKING_METHODS)[number];

export const MAX_ALLOWANCE = 100;

/** A prisoner number in a path: trimmed and upper-cased, like the request form's. */
export const PrisonerNumberParam = z.object({ prisonerNumber });

const optionalDate = z.preprocess(
	(value) => (typeof value === 'string' && value.trim() === '' ? null : value),
	z
		.string({ error: message('validation.date.invalid') })
		.trim()
		.refine(isRealDate, { error: message('validation.date.invalid') })
		.nullable()
		.optional()
);

export const AllowanceInput = z.strictObject({
	/** null: the allowance is not tracked for this prisoner. */
	remaining: z
		.number({ error: message('prisoners.field.remaining.invalid', { max: MAX_ALLOWANCE }) })
		.int({ error: message('prisoners.field.remaining.invalid', { max: MAX_ALLOWANCE }) })
		.min(0, { error: message('prisoners.field.remaining.negative') })
		.max(MAX_ALLOWANCE, { error: message('prisoners.field.remaining.invalid', { max: MAX_ALLOWANCE }) })
		.nullable(),
	renewsOn: optionalDate,
	/** The record's version the officer saw: a change made since then is a conflict, not an overwrite. */
	version: z.number().int().min(0).optional()
});
export type AllowanceInput = z.output<typeof AllowanceInput>;

/** A ban, judged against `today`: a date of birth in the future, or an end date already past, is refused. */
export function banInput(today: string) {
	return z
		.strictObject({
			firstName: personName('field.visitor.firstName.required'),
			lastName: personName('field.visitor.lastName.required'),
			dateOfBirth: z
				.string({ error: message('field.visitor.dateOfBirth.required') })
				.trim()
				.min(1, { error: message('field.visitor.dateOfBirth.required') })
				.refine(isRealDate, { error: message('validation.date.invalid') }),
			until: optionalDate,
			reason: z
				.string({ error: message('prisoners.field.banReason.required') })
				.trim()
				.min(1, { error: message('prisoners.field.banReason.required') })
				.max(LIMITS.closureReasonMax, { error: () => tPlural('validation.tooLong', LIMITS.closureReasonMax) })
		})
		.superRefine((ban, ctx) => {
			if (isRealDate(ban.dateOfBirth)) {
				const problem = dateOfBirthProblem(ban.dateOfBirth, today);
				if (problem) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: problem });
			}
			if (ban.until && isRealDate(ban.until) && ban.until < today) {
				ctx.addIssue({ code: 'custom', path: ['until'], message: t('prisoners.field.until.past') });
			}
		});
}
export type BanInput = z.output<ReturnType<typeof banInput>>;

/** Booking on a visitor's behalf: the request's fields (the server makes the id), the slot booked and how. */
export const StaffBookingInput = z
	.strictObject({
		prisonId: uuid('field.prison.unknown').optional(),
		prisoner: PrisonerInput,
		visitors: z
			.array(VisitorInput, { error: message('field.visitors.required') })
			.min(1, { error: message('field.visitors.required') })
			.max(LIMITS.maxVisitorsPerRequest, { error: () => tPlural('validation.visitors.tooMany', LIMITS.maxVisitorsPerRequest) }),
		/** Optional: the visitor's choices; the booked slot must be one of them. Absent means just `slot`. */
		slots: z.array(SlotRef).min(1).max(LIMITS.maxSlotsPerRequest).optional(),
		slot: SlotRef,
		method: z.enum(BOOKING_METHODS, { error: message('prisoners.field.method.required') }),
		additionalSupport: z.preprocess(
			(value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
			z
				.string()
				.trim()
				.max(LIMITS.additionalSupportMax, { error: () => tPlural('validation.tooLong', LIMITS.additionalSupportMax) })
				.optional()
		),
		override: OverrideInput.optional()
	})
	.superRefine(
		(input, ctx) => {
			// Runs even when other fields failed (`when` below), so every problem comes back at once: the
			// value may be partly malformed here.
			const visitors: unknown = input.visitors;
			const lead = Array.isArray(visitors) ? (visitors[0] as { email?: unknown; phone?: unknown } | undefined) : undefined;
			if (lead && typeof lead === 'object' && !lead.email && !lead.phone) {
				ctx.addIssue({ code: 'custom', path: ['visitors', 0, 'phone'], message: t('validation.lead.contact') });
			}
			const slot = input.slot as { date?: unknown; start?: unknown } | undefined;
			if (Array.isArray(input.slots) && slot && !input.slots.some((s) => s?.date === slot.date && s?.start === slot.start)) {
				ctx.addIssue({ code: 'custom', path: ['slot'], message: t('api.decision.slotNotChosen') });
			}
		},
		{ when: () => true }
	);
export type StaffBookingInput = z.output<typeof StaffBookingInput>;

/** "Add a visit you booked by phone": the reference read out by staff and the lead visitor's date of birth. */
export const ClaimInput = z.strictObject({
	reference: z
		.string({ error: message('claim.field.reference.required') })
		.trim()
		.min(1, { error: message('claim.field.reference.required') })
		.max(20, { error: message('claim.field.reference.format') })
		// People type it with or without the dash, in any case, with spaces: keep letters and digits.
		.transform((value) => value.toUpperCase().replace(/[^A-Z0-9]/g, ''))
		.refine((value) => value.length === 8, { error: message('claim.field.reference.format') })
		.transform((value) => `${value.slice(0, 4)}-${value.slice(4)}`),
	leadVisitorDateOfBirth: z
		.string({ error: message('claim.field.dateOfBirth.required') })
		.trim()
		.min(1, { error: message('claim.field.dateOfBirth.required') })
		.refine(isRealDate, { error: message('validation.date.invalid') })
});
export type ClaimInput = z.output<typeof ClaimInput>;
