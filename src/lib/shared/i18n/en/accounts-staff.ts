// Staff sign-in with their organisation's account (staff area). Issue #29.
export const accountsStaffEn = {
	'staff.signIn.organisation': 'Sign in with your organisation’s account',
	'staff.signIn.withPassword': 'Or sign in with a password',
	'staff.signIn.organisationOnly': 'Staff sign in with their organisation’s account.'
} as const;
