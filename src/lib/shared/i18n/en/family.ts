// A family's pages after walking every journey (visitor area): what happens next, how fresh a
// request is, what the waiting list can promise, and a booked visit's own words. English.
export const familyEn = {
	'family.banner.important': 'Important',
	// "What happens next" on the sent page: a timescale, and how the family will be told.
	'family.next.check':
		'The prison will check your request and book one of the times you chose, or tell you why they cannot. This usually takes up to 3 working days.',
	'family.next.email': 'We will email {email} when the prison decides.',
	'family.next.sms': 'We will text {phone} when the prison decides.',
	'family.next.emailAndSms': 'We will email {email} and text {phone} when the prison decides.',
	'family.next.see': 'You can see the outcome in your visits.',
	'family.booked.email': 'We will email the details to {email}, and remind you the day before your visit.',
	'family.booked.sms': 'We will text the details to {phone}, and remind you the day before your visit.',
	'family.booked.emailAndSms': 'We will email the details to {email} and text them to {phone}, and remind you the day before your visit.',
	// When this phone last heard from the service about the family's requests.
	'family.checked.justNow': 'Checked just now',
	'family.checked.minutes.one': 'Checked 1 minute ago',
	'family.checked.minutes.other': 'Checked {count} minutes ago',
	'family.checked.hours.one': 'Checked 1 hour ago',
	'family.checked.hours.other': 'Checked {count} hours ago',
	'family.checked.at': 'Checked on {when}',
	'family.checked.never': 'Not checked with the prison from this phone yet',
	// The waiting list promises only what this phone and the service can do (push here, email if sent).
	'family.waitlist.tellPushEmail': 'We will send a notification to this phone and an email to {email} if a place comes up.',
	'family.waitlist.tellPush': 'We will send a notification to this phone if a place comes up.',
	'family.waitlist.tellEmail': 'We will email {email} if a place comes up.',
	'family.waitlist.tellNone':
		'Notifications are off on this phone, so we cannot tell you if a place comes up. Check back here, or turn on notifications in your visits.',
	'family.waitlist.tellNoneHere':
		'Notifications are off on this phone, so we cannot tell you if a place comes up. Check back here, or turn on notifications on this page.',
	'family.waitlist.notKept': 'The place is not kept for you: the first request to be confirmed gets it.',
	// A booked visit is a visit, no longer a request.
	'family.visit.title': 'Visit {reference}',
	'family.visit.titleNoReference': 'Visit'
} as const;
