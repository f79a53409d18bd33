import './zod-setup';
import { z } from 'zod';
import { BOOKING_MODES, LIMITS } from './domain';
import { t, tPlural, type MessageKey, type MessageParams } from './i18n';
import { daysBetween, isRealDate } from './rules/dates';
import { localDate, personName, uuid } from './schemas';

/*
 * Running the service: the online booking switch, administrators' prison and staff
 * forms, setting a password from a one-time link, and the report's date range. Form only, as in
 * schemas.ts; uniqueness (a prison code, an email) is the server's to check.
 */

const message = (key: MessageKey, params?: MessageParams) => () => t(key, params);

export const ONLINE_BOOKING_MESSAGE_MAX = 500;
export const VISITOR_INFO_MAX = 2000;
export const ADDRESS_MAX = 300;
export const PRISON_NAME_MAX = 100;
export const MIN_PASSWORD_LENGTH = 10;
export const REPORT_MAX_DAYS = 366;
export const CLOSED_REASON_MAX = 200;
/** A short code such as RCI: 2 to 6 capital letters. */
export const PRISON_CODE_PATTERN = /^[A-Z]{2,6}$/;

/** True when the browser's or Node's Intl knows the IANA time zone (aliases included). */
export function isTimeZone(value: string): boolean {
	if (!value || value.length > 64) return false;
	try {
		new Intl.DateTimeFormat('en-GB', { timeZone: value });
		return true;
	} catch {
		return false;
	}
}

const text = (requiredKey: MessageKey, max: number) =>
	z
		.string({ error: message(requiredKey) })
		.trim()
		.min(1, { error: message(requiredKey) })
		.max(max, { error: () => tPlural('validation.tooLong', max) });

const wholeNumber = (key: MessageKey, min: number, max: number) =>
	z
		.number({ error: message(key, { min, max }) })
		.int({ error: message(key, { min, max }) })
		.min(min, { error: message(key, { min, max }) })
		.max(max, { error: message(key, { min, max }) });

// ── A prison's own settings: the online booking switch and how requests are taken ─────────────

export const PrisonSettingsInput = z
	.strictObject({
		onlineBooking: z.boolean({ error: message('admin.field.onlineBooking.invalid') }).optional(),
		onlineBookingMessage: z
			.string({ error: message('validation.invalid') })
			.trim()
			.max(ONLINE_BOOKING_MESSAGE_MAX, { error: () => tPlural('validation.tooLong', ONLINE_BOOKING_MESSAGE_MAX) })
			.optional(),
		bookingMode: z.enum(BOOKING_MODES, { error: message('instant.field.bookingMode.invalid') }).optional()
	})
	.superRefine((input, ctx) => {
		if (input.onlineBooking === false && !input.onlineBookingMessage) {
			ctx.addIssue({ code: 'custom', path: ['onlineBookingMessage'], message: t('admin.field.onlineBookingMessage.required') });
		}
		// A body that changes nothing is a mistake worth naming (the switch's field, as before booking modes).
		if (input.onlineBooking === undefined && input.bookingMode === undefined) {
			ctx.addIssue({ code: 'custom', path: ['onlineBooking'], message: t('admin.field.onlineBooking.invalid') });
		}
	});
export type PrisonSettingsInput = z.output<typeof PrisonSettingsInput>;

// ── Prisons ───────────────────────────────────────────────────────────────────

/** An optional Welsh version of a text: trimmed, empty (or null) stored as null. */
export const welsh = (max: number) =>
	z
		.string({ error: message('validation.invalid') })
		.trim()
		.max(max, { error: () => tPlural('validation.tooLong', max) })
		.nullable()
		.transform((value) => value || null)
		.optional();

const prisonFields = {
	code: z
		.string({ error: message('admin.field.code.required') })
		.trim()
		.toUpperCase()
		.min(1, { error: message('admin.field.code.required') })
		.regex(PRISON_CODE_PATTERN, { error: message('admin.field.code.format') }),
	name: text('admin.field.name.required', PRISON_NAME_MAX),
	address: text('admin.field.address.required', ADDRESS_MAX),
	visitorInfo: z
		.string({ error: message('validation.invalid') })
		.trim()
		.max(VISITOR_INFO_MAX, { error: () => tPlural('validation.tooLong', VISITOR_INFO_MAX) }),
	// The same in Welsh (optional): empty means none, and a Welsh reader sees the English.
	nameCy: welsh(PRISON_NAME_MAX),
	addressCy: welsh(ADDRESS_MAX),
	visitorInfoCy: welsh(VISITOR_INFO_MAX),
	timeZone: z
		.string({ error: message('admin.field.timeZone.required') })
		.trim()
		.min(1, { error: message('admin.field.timeZone.required') })
		.refine(isTimeZone, { error: message('admin.field.timeZone.unknown') }),
	leadDays: wholeNumber('admin.field.days.invalid', 0, 60),
	horizonDays: wholeNumber('admin.field.days.invalid', 1, 365),
	maxVisitors: wholeNumber('admin.field.visitors.invalid', 1, LIMITS.maxVisitorsPerRequest),
	maxAdults: wholeNumber('admin.field.visitors.invalid', 1, LIMITS.maxVisitorsPerRequest),
	adultAge: wholeNumber('admin.field.age.invalid', 10, 21)
};

type PrisonShape = { leadDays?: number; horizonDays?: number; maxVisitors?: number; maxAdults?: number };

/** Rules that relate two fields; `current` fills in what a partial update leaves out. */
export function prisonRuleProblems(input: PrisonShape, current: PrisonShape = {}): Record<string, string> {
	const problems: Record<string, string> = {};
	const lead = input.leadDays ?? current.leadDays;
	const horizon = input.horizonDays ?? current.horizonDays;
	if (typeof lead === 'number' && typeof horizon === 'number' && horizon < lead) problems.horizonDays = t('admin.field.horizon.beforeLead');
	const visitors = input.maxVisitors ?? current.maxVisitors;
	const adults = input.maxAdults ?? current.maxAdults;
	if (typeof visitors === 'number' && typeof adults === 'number' && adults > visitors)
		problems.maxAdults = t('admin.field.adults.moreThanVisitors');
	return problems;
}

export const PrisonInput = z
	.strictObject({
		...prisonFields,
		visitorInfo: prisonFields.visitorInfo.optional().default(''),
		timeZone: prisonFields.timeZone.optional().default('Europe/London'),
		leadDays: prisonFields.leadDays.optional().default(3),
		horizonDays: prisonFields.horizonDays.optional().default(28),
		maxVisitors: prisonFields.maxVisitors.optional().default(6),
		maxAdults: prisonFields.maxAdults.optional().default(3),
		adultAge: prisonFields.adultAge.optional().default(18)
	})
	.superRefine((input, ctx) => {
		for (const [path, problem] of Object.entries(prisonRuleProblems(input)))
			ctx.addIssue({ code: 'custom', path: [path], message: problem });
	});
export type PrisonInput = z.output<typeof PrisonInput>;

export const PrisonUpdateInput = z.strictObject({
	code: prisonFields.code.optional(),
	name: prisonFields.name.optional(),
	address: prisonFields.address.optional(),
	visitorInfo: prisonFields.visitorInfo.optional(),
	nameCy: prisonFields.nameCy,
	addressCy: prisonFields.addressCy,
	visitorInfoCy: prisonFields.visitorInfoCy,
	timeZone: prisonFields.timeZone.optional(),
	leadDays: prisonFields.leadDays.optional(),
	horizonDays: prisonFields.horizonDays.optional(),
	maxVisitors: prisonFields.maxVisitors.optional(),
	maxAdults: prisonFields.maxAdults.optional(),
	adultAge: prisonFields.adultAge.optional()
});
export type PrisonUpdateInput = z.output<typeof PrisonUpdateInput>;

// ── Staff users ───────────────────────────────────────────────────────────────

const staffEmail = z
	.string({ error: message('field.email.required') })
	.trim()
	.toLowerCase()
	.min(1, { error: message('field.email.required') })
	.max(LIMITS.emailMax, { error: () => tPlural('validation.tooLong', LIMITS.emailMax) })
	.pipe(z.email({ error: message('validation.email.format') }));

const prisonIds = z
	.array(uuid('field.prison.unknown'), { error: message('admin.field.prisons.invalid') })
	.max(200)
	.transform((ids) => [...new Set(ids)].sort());

const role = z.boolean({ error: message('validation.invalid') });

/** A service administrator is an administrator too: `serviceAdmin: true` with `admin: false` is a contradiction. */
function roleProblems(input: { admin?: boolean | undefined; serviceAdmin?: boolean | undefined }, ctx: z.RefinementCtx): void {
	if (input.serviceAdmin === true && input.admin === false)
		ctx.addIssue({ code: 'custom', path: ['serviceAdmin'], message: t('admin.field.serviceAdmin.needsAdmin') });
}

/**
 * A new staff user. `admin`: an administrator of their prisons; `serviceAdmin` (implies admin): of
 * everything. Only a service administrator may give either (server/admin/scope.ts).
 */
export const StaffUserInput = z
	.strictObject({
		email: staffEmail,
		name: personName('admin.field.staffName.required', LIMITS.nameMax * 2),
		prisonIds,
		admin: role.optional(),
		serviceAdmin: role.optional()
	})
	.superRefine(roleProblems)
	.transform(({ admin, serviceAdmin, ...rest }) => ({
		...rest,
		admin: admin === true || serviceAdmin === true,
		serviceAdmin: serviceAdmin === true
	}));
export type StaffUserInput = z.output<typeof StaffUserInput>;

/** A change: each field alone changes only itself (`serviceAdmin: true` makes an administrator too, `admin: false` ends both). */
export const StaffUserUpdateInput = z
	.strictObject({
		name: personName('admin.field.staffName.required', LIMITS.nameMax * 2).optional(),
		prisonIds: prisonIds.optional(),
		admin: role.optional(),
		serviceAdmin: role.optional()
	})
	.superRefine(roleProblems);
export type StaffUserUpdateInput = z.output<typeof StaffUserUpdateInput>;

export const SetPasswordInput = z.strictObject({
	token: z
		.string({ error: message('admin.setPassword.linkInvalid') })
		.min(20, { error: message('admin.setPassword.linkInvalid') })
		.max(200, { error: message('admin.setPassword.linkInvalid') }),
	password: z
		.string({ error: message('field.password.required') })
		.min(MIN_PASSWORD_LENGTH, { error: () => tPlural('admin.field.password.short', MIN_PASSWORD_LENGTH) })
		.max(200, { error: () => tPlural('validation.tooLong', 200) })
});
export type SetPasswordInput = z.output<typeof SetPasswordInput>;

// ── Closed visits ─────────────────────────────────────────────────────────────

export const ClosedVisitsInput = z
	.strictObject({
		closedVisitsOnly: z.boolean({ error: message('validation.invalid') }),
		reason: z
			.string({ error: message('validation.invalid') })
			.trim()
			.max(CLOSED_REASON_MAX, { error: () => tPlural('validation.tooLong', CLOSED_REASON_MAX) })
			.optional()
	})
	.superRefine((input, ctx) => {
		if (input.closedVisitsOnly && !input.reason) {
			ctx.addIssue({ code: 'custom', path: ['reason'], message: t('admin.field.closedReason.required') });
		}
	});
export type ClosedVisitsInput = z.output<typeof ClosedVisitsInput>;

// ── Reports ───────────────────────────────────────────────────────────────────

export const ReportQuery = z
	.object({ from: localDate('field.slot.date.required'), to: localDate('field.slot.date.required') })
	.superRefine((range, ctx) => {
		if (!isRealDate(range.from) || !isRealDate(range.to)) return;
		const span = daysBetween(range.from, range.to);
		if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: t('field.range.order') });
		else if (span + 1 > REPORT_MAX_DAYS)
			ctx.addIssue({ code: 'custom', path: ['to'], message: tPlural('field.range.tooLong', REPORT_MAX_DAYS) });
	});
export type ReportQuery = z.infer<typeof ReportQuery>;

// ── Answers the administration pages read ────────────────────────────────────

export interface AdminStaffUserView {
	id: string;
	email: string;
	name: string;
	admin: boolean;
	/** Administers everything; `admin` alone administers their own prisons. */
	serviceAdmin: boolean;
	active: boolean;
	prisonIds: string[];
	/** Whether the administrator asking may change this user (prisons, name, set-password link, deactivation). */
	manageable: boolean;
}

export interface SetPasswordLinkView {
	/** '/staff/set-password#token=…': the token never reaches a server log. */
	path: string;
	expiresAt: string;
}
