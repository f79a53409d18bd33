// Privacy (issue #18), on staff pages: why a request's details are gone, and who has read it.
export const privacyStaffEn = {
	'privacy.staff.removed.visitor_asked': 'Details removed at the visitor’s request',
	'privacy.staff.removed.retention': 'Details removed after the retention period',
	'privacy.staff.reads': 'Who has looked at this request',
	'privacy.staff.read': '{name} viewed {what}, {at}',
	'privacy.staff.read.request': 'this request',
	'privacy.staff.read.queue': 'it in the queue',
	'privacy.staff.read.day-list': 'it on the visits list',
	'privacy.staff.read.record': 'it on the prisoner’s record'
} as const;
