// Issue #13: closures and timetable changes that hit booked visits, expiry, reminders and email.
export const lifecycleEn = {
	'visitor.slots.day.closedReason': 'Closed: {reason}',
	'visitor.visit.prisonClosed': 'The prison closed visits at this time: {reason}',
	'visitor.visit.chooseNewTimes': 'Choose new times'
} as const;
