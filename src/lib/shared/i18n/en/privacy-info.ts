// Privacy (issue #18): the privacy notice (/privacy, a footer information page).
export const privacyInfoEn = {
	'privacy.notice.title': 'Privacy notice',
	'privacy.notice.whatHeading': 'What we keep',
	'privacy.notice.what':
		'For each request: the prisoner’s name, date of birth and prisoner number; each visitor’s name and date of birth; the lead visitor’s email address or phone number if you give them; any additional support you ask for; the times you chose; and what happened to the request. This phone keeps a copy so it works without signal.',
	'privacy.notice.howLongHeading': 'How long we keep it',
	'privacy.notice.howLong':
		'The personal details of a request are deleted {days} days after the visit date or the last change to the request, whichever is later. Counts (how many requests and visits, on which days) are kept for statistics without any names.',
	'privacy.notice.whoHeading': 'Who sees it',
	'privacy.notice.who':
		'Only staff at the prison you are visiting. Every time a member of staff looks at a request, the service records who looked and when. Your details are not written to the service’s logs and are not shared with anyone else.',
	'privacy.notice.rightsHeading': 'Your rights',
	'privacy.notice.rights':
		'On “Your visits” you can download everything the service holds about the requests made on your phone, or delete it. Deleting cancels future visits and withdraws requests waiting for a decision.',
	'privacy.notice.yourVisits': 'Go to your visits'
} as const;
