// Booking at once (visitor's pages): whether a person looks at a request first, and why one waits.
export const instantEn = {
	'instant.mode.instant':
		'Most requests are booked as soon as they reach the prison: you see "Booked" and your visit pass straight away. If something needs checking, a member of staff looks first, usually within 3 working days.',
	'instant.mode.request': 'A member of staff checks every request before it is booked. This usually takes up to 3 working days.',
	'instant.mode.instantShort': 'Booked at once unless something needs checking',
	'instant.sent.bookedTitle': 'Visit booked',
	'instant.sent.bookedBody': 'Your visit is booked. Show your visit pass at the gate.',
	'instant.review.visitor_banned': 'Staff need to check who is visiting before this can be booked.',
	'instant.review.no_allowance': 'Staff need to check the prisoner’s visiting allowance before this can be booked.',
	'instant.review.duplicate_request': 'There is already a request or visit for this prisoner on one of these dates: staff will check.',
	'instant.review.prisoner_clash': 'The prisoner already has a visit booked on one of these dates: staff will check.',
	'instant.review.closed_visit': 'Staff need to arrange where this visit takes place before it can be booked.',
	'instant.review.staff_check': 'A member of staff needs to check this request before it can be booked.',
	'instant.review.request_mode': 'This prison checks every request before booking it.'
} as const;
