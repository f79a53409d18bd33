// Changing a booked visit on the phone (visitor area). Issue #20.
export const changeEn = {
	'change.link': 'Change this visit',
	'change.title': 'Choose new times for your visit',
	'change.intro':
		'Your visit stays booked for {date} at {time} until the prison decides. Choose up to 3 new times, in order of preference.',
	'change.submit': 'Ask to change the visit',
	'change.sameAsBooked': 'This is the time already booked: choose a different time',
	'change.cannot': 'This visit cannot be changed now.',
	'change.pending.title': 'You asked to change this visit',
	'change.pending.queued': 'Your change will be sent when you have a signal. Your visit stays booked until the prison decides.',
	'change.pending.sent': 'The prison will tell you if they can move it. Your visit stays booked until then.',
	'change.pending.times': 'Times you asked for',
	'change.withdraw': 'Withdraw the change',
	'change.withdrawing': 'Withdrawing your change: it will be sent when you have a signal.',
	'change.outcome.confirmed': 'The prison moved your visit. It was on {date} at {time}.',
	'change.outcome.rejected': 'The prison could not change your visit. It stays at the time above.',
	'change.refused.title': 'Your change could not be made',
	'change.ics.cancelled': 'Remove it from your calendar (.ics)',
	'change.refused.body': 'The prison’s service said: {message}'
} as const;
