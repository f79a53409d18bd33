// Signing in with GOV.UK One Login on "Your visits", and the visitors an account keeps (visitor area). Issue #29.
export const accountsEn = {
	'account.heading': 'Your visits on any phone',
	'account.intro':
		'Sign in with GOV.UK One Login to see your visits on any phone you sign in on, and to keep the details of the people you visit with. You do not need to sign in to book a visit.',
	'account.signIn': 'Sign in with GOV.UK One Login',
	'account.signingIn': 'Going to GOV.UK One Login…',
	'account.signedIn': 'You are signed in with GOV.UK One Login. Visits booked on any phone you sign in on are shown here.',
	'account.signOut': 'Sign out',
	'account.signOut.explain': 'Signing out removes your visits from this phone. They stay on your account.',
	'account.signOut.waiting': 'This phone is still sending something. Sign out once it has been sent.',
	'account.offline': 'You need a connection to sign in or out.',
	'account.failed': 'Something went wrong. Try again.',
	'account.visitors.heading': 'People you visit with',
	'account.visitors.intro': 'Kept on your account to choose from when you book. Delete anyone you no longer want kept.',
	'account.visitors.delete': 'Delete',
	'account.visitors.born': 'born {date}',
	'account.visitors.pick': 'Choose someone you have visited with before',
	'account.visitors.use': 'Add {name}'
} as const;
