// Walking the staff journeys again: dates asked as GOV.UK asks them, the next request after a
// decision, the gate asking the server about a visit on another day, and a forgotten password.
export const staffWalkEn = {
	'staffWalk.dateField.hint': 'For example, {example}',
	'staffWalk.dateField.hintWith': '{hint}. For example, {example}',
	'staffWalk.request.next': 'Next request: {reference}',
	'staffWalk.request.noNext': 'There are no more requests waiting for a decision.',
	'staffWalk.forgot.link': 'Forgotten your password?',
	'staffWalk.forgot.title': 'If you have forgotten your password',
	'staffWalk.forgot.admin':
		'Ask an administrator of this service at your prison for a new set-password link. They make one on the Staff users page.',
	'staffWalk.forgot.expiry': 'The link works once, and only for a few days: your administrator can tell you when it runs out.',
	'staffWalk.forgot.old': 'Your old password stops working when you set a new one.',
	'staffWalk.forgot.organisation': 'If your prison signs you in with its own account, use “{button}” on the sign-in page instead.',
	'staffWalk.forgot.back': 'Back to sign in',
	'staffWalk.report.underMinute': 'Less than a minute'
} as const;
