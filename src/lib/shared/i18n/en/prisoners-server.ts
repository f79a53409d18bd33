// API answers of the prisoner record, bookings and claims (server only). Issue #14.
export const prisonersServerEn = {
	'api.flagged': 'This visit has warnings that need a reason to go ahead: {flags}',
	'api.prisoners.banNotFound': 'There is no such ban: it may have been removed already',
	'api.prisoners.recordChanged': 'Someone else changed this allowance first: it is now {remaining}. Check it and save again.',
	'api.claim.notFound': 'We could not find a visit with that reference and date of birth. Check both and try again.',
	'api.booking.rulesBroken': 'Some answers need changing before this visit can be booked',
	'api.claim.tooManyForReference': 'There have been too many wrong tries with this reference. Try again in an hour, or ask the prison.'
} as const;
