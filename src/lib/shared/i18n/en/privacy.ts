// Privacy (issue #18): download your data, forget me, staff reads, the privacy notice.
export const privacyEn = {
	'privacy.links.heading': 'Your data',
	'privacy.links.download': 'Download your data',
	'privacy.links.forget': 'Delete your data from this service',
	'privacy.links.notice': 'Privacy notice',

	'privacy.export.title': 'Your data',
	'privacy.export.intro': 'This is everything the service holds about the requests made on this phone.',
	'privacy.export.loading': 'Getting your data…',
	'privacy.export.offline': 'You need to be online to download your data.',
	'privacy.export.failed': 'Your data could not be downloaded. Try again later.',
	'privacy.export.download': 'Download as a file (JSON)',
	'privacy.export.none': 'The service holds no requests from this phone.',
	'privacy.export.request': 'Request {reference}',
	'privacy.export.status': 'Status',
	'privacy.export.prisoner': 'Prisoner',
	'privacy.export.visitors': 'Visitors',
	'privacy.export.support': 'Additional support',
	'privacy.export.message': 'Message from the prison',
	'privacy.export.removed': 'Removed',
	'privacy.export.history': 'What happened',
	'privacy.export.notifications': 'Notifications',
	'privacy.export.subscriptions.one': '1 browser is signed up for notifications',
	'privacy.export.subscriptions.other': '{count} browsers are signed up for notifications',
	'privacy.export.firstSeen': 'First used on this service',

	'privacy.forget.title': 'Delete your data from this service',
	'privacy.forget.intro':
		'This deletes the names, dates of birth, contact details and prisoner details of every request made on this phone, from the service and from this phone. It cannot be undone.',
	'privacy.forget.cancelWarning': 'These visits will be cancelled and their places given to other families:',
	'privacy.forget.withdrawWarning': 'These requests will be withdrawn:',
	'privacy.forget.kept': 'The prison keeps only counts (how many visits, on which days) for statistics.',
	'privacy.forget.confirm': 'Yes, delete my data',
	'privacy.forget.back': 'Keep my data',
	'privacy.forget.done': 'Your data has been deleted from this phone and from the service.',
	'privacy.forget.queued': 'Your data has been deleted from this phone. The service will delete its copy as soon as this phone is online.',
	'privacy.forget.doneTitle': 'Your data has been deleted'
} as const;
