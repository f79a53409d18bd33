// Signing in: the pages the server answers a sign-in's end with, and API answers (server area). Issue #29.
export const accountsServerEn = {
	'account.page.failed.title': 'Sign-in failed',
	'account.page.failed.body':
		'We could not sign you in, so nothing has changed. The link may have been used already or be too old. Go back and start again.',
	'account.page.unavailable.body': 'The sign-in service is not answering. Nothing has changed. Try again later.',
	'account.page.refused.title': 'You cannot sign in',
	'account.page.staff.unknown':
		'There is no staff account for the email address your organisation gave us. Ask an administrator to add you.',
	'account.page.staff.deactivated': 'Your staff account has been turned off. Ask an administrator if you still need it.',
	'account.page.staff.unverified': 'Your organisation has not confirmed your email address, so it cannot be used to sign in.',
	'account.page.back.staff': 'Back to staff sign-in',
	'account.page.back.visitor': 'Back to your visits',
	'api.auth.notConfigured': 'Signing in this way is not set up on this service',
	'api.auth.passwordOff': 'Staff sign in with their organisation’s account on this service, not with a password',
	'api.account.notSignedIn': 'This phone is not signed in',
	'api.account.visitorNotFound': 'There is no such saved visitor on your account'
} as const;
