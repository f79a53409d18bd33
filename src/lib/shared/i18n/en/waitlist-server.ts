// The waiting list's words the server says: API answers, the push and the email (server area). Issue #20.
export const waitlistServerEn = {
	'api.waitlist.hasPlaces': 'There are places at this time: book it',
	'api.waitlist.tooMany.one': 'You are waiting for 1 time already: leave it before you join another',
	'api.waitlist.tooMany.other': 'You are waiting for {count} times already: leave one before you join another',
	'push.waitlist.place.title': 'A place came up',
	'push.waitlist.place.body': 'A place came up at {prison} on {date} at {time}. It is not kept for you: book it now.',
	'email.subject.place': 'A place came up for a visit on {date}',
	'email.place.greeting': 'Hello,',
	'email.body.place': 'A place came up at {prison} on {date} at {time}, the time you are waiting for.',
	'email.place.notKept': 'The place is not kept for you: the first request to be confirmed gets it.',
	'email.place.link': 'Book it: {url}',
	'email.place.open': 'Open Book a prison visit on your phone to book it.',
	'email.place.why':
		'You get this email because you asked to be told when a place came up. It stops when the visit starts, or when you leave the waiting list in "Your visits".'
} as const;
