// The online booking switch as visitors read it (issue #19); the server says the same when it refuses a request.
export const adminVisitorEn = {
	'admin.onlineBooking.off': 'Online booking is off for this prison',
	'admin.onlineBooking.refused': 'Online booking is off for this prison: {message}'
} as const;
