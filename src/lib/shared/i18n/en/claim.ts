// "Add a visit you booked by phone" (visitor area). Issue #14.
export const claimEn = {
	'claim.link': 'Add a visit you booked by phone',
	'claim.title': 'Add a visit you booked by phone',
	'claim.intro':
		'If the prison booked a visit for you, add it to this phone to see it here, even with no signal, and to be told about changes.',
	'claim.reference': 'Booking reference',
	'claim.referenceHint': 'The prison read it out to you, for example K7PQ-2XHD',
	'claim.dateOfBirth': 'Lead visitor’s date of birth',
	'claim.submit': 'Add the visit',
	'claim.offline': 'You need a signal to add a visit. Try again when you are online.',
	'claim.limit': 'After 10 wrong tries with one reference in an hour, that reference cannot be added on any phone until the hour is up.'
} as const;
