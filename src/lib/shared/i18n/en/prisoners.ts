// The prisoner's record, flags, booking on a visitor's behalf and claiming a visit by reference (issue #14).
export const prisonersEn = {
	// ── Fields ────────────────────────────────────────────────────────────────
	'prisoners.field.remaining.invalid': 'Enter a whole number of visits from 0 to {max}',
	'prisoners.field.remaining.negative': 'The visits left cannot be below 0',
	'prisoners.field.banReason.required': 'Enter why the visitor is banned',
	'prisoners.field.until.past': 'The end of the ban must be today or later',
	'prisoners.field.method.required': 'Choose how the visit was booked',
	'prisoners.field.overrideReason.required': 'Enter a reason for going ahead despite the warning',
	'claim.field.reference.required': 'Enter the booking reference',
	'claim.field.reference.format': 'Enter the booking reference like K7PQ-2XHD',
	'claim.field.dateOfBirth.required': "Enter the lead visitor's date of birth",

	// ── Flags (shown next to the visitor or date they concern) ───────────────
	'flags.visitorBanned.until': '{name} is banned from visits until {until} ({reason}), which covers {dates}. Exclude them from the visit, or reject the request.',
	'flags.visitorBanned.open': '{name} is banned from visits until further notice ({reason}), which covers {dates}. Exclude them from the visit, or reject the request.',
	'flags.noAllowance': 'The prisoner has no visits left in their allowance. Reject with "no allowance", or give a reason to confirm anyway.',
	'flags.noAllowance.renews':
		'The prisoner has no visits left in their allowance until it renews on {renewsOn}. Reject with "no allowance", or give a reason to confirm anyway.',
	'flags.duplicate.requested': 'Another request for this prisoner is waiting for {dates} (reference {reference}). Check it is not the same visit.',
	'flags.duplicate.booked': 'Another visit for this prisoner is booked on {dates} (reference {reference}). Check it is not the same visit.',
	'flags.clash': 'The prisoner already has a visit booked on {date} at {time} (reference {reference}).',

	// ── API answers ───────────────────────────────────────────────────────────
	'api.flagged': 'This visit has warnings that need a reason to go ahead: {flags}',
	'api.prisoners.banNotFound': 'There is no such ban: it may have been removed already',
	'api.prisoners.recordChanged': 'Someone else changed this allowance first: it is now {remaining}. Check it and save again.',
	'api.claim.notFound': 'We could not find a visit with that reference and date of birth. Check both and try again.',
	'api.booking.rulesBroken': 'Some answers need changing before this visit can be booked'
} as const;
