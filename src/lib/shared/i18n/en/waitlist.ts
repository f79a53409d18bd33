// The waiting list for full slots, on the visitor's pages (visitor area). Issue #20.
export const waitlistEn = {
	'waitlist.join': 'Tell me if a place comes up',
	'waitlist.joinAt': 'at {time} on {date}',
	'waitlist.joined': 'You are on the waiting list for {time} on {date}.',
	'waitlist.joinQueued': 'You will join the waiting list for {time} on {date} when this phone is back online.',
	'waitlist.onList': 'Fully booked: you are on the waiting list',
	'waitlist.refused': 'You could not join the waiting list: {message}',
	'waitlist.heading': 'Waiting for a place',
	'waitlist.item': '{prison}: {date}, {time}',
	'waitlist.leave': 'Leave the waiting list',
	'waitlist.leaveFor': 'for {time} on {date}',
	'waitlist.leaving': 'Leaving the waiting list: this will be sent when this phone is online.',
	'waitlist.pending': 'Joining: this will be sent when this phone is online.',
	'waitlist.book': 'Book this time'
} as const;
