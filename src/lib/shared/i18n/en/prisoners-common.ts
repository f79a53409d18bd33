// Form checks of the prisoner record, staff booking and claim schemas (shared by tablet, phone and server). Issue #14.
export const prisonersCommonEn = {
	'prisoners.field.remaining.invalid': 'Enter a whole number of visits from 0 to {max}',
	'prisoners.field.remaining.negative': 'The visits left cannot be below 0',
	'prisoners.field.banReason.required': 'Enter why the visitor is banned',
	'prisoners.field.until.past': 'The end of the ban must be today or later',
	'prisoners.field.method.required': 'Choose how the visit was booked',
	'prisoners.field.overrideReason.required': 'Enter a reason for going ahead despite the warning',
	'claim.field.reference.required': 'Enter the booking reference',
	'claim.field.reference.format': 'Enter the booking reference like K7PQ-2XHD',
	'claim.field.dateOfBirth.required': 'Enter the lead visitor’s date of birth'
} as const;
