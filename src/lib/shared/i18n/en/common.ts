// Messages every page may show (the form checks' words are in forms.ts, which only pages with forms load). English. Placeholders are written {name}; i18n/README.md says how to add keys.
export const commonEn = {
	// ── Service ───────────────────────────────────────────────────────────────
	'service.name': 'Book a prison visit',

	// ── Push notifications (server/push, PWA push) ───────────────────────────
	'push.endpoint.invalid': 'This browser gave a notification address that is not valid',
	'push.endpoint.tooLong': 'This browser gave a notification address that is too long',
	'push.keys.p256dh.invalid': 'This browser gave a notification key that is not valid',
	'push.keys.auth.invalid': 'This browser gave a notification secret that is not valid',

	// ── Device: sync and updates ─────────────────────────────────────────────
	'sync.status.offline': 'You are offline. You can still fill in requests: they will send when you are back online',
	'sync.status.offlineWaiting.one': 'Offline: 1 request waiting to send',
	'sync.status.offlineWaiting.other': 'Offline: {count} requests waiting to send',
	'sync.status.waiting.one': '1 request waiting to send',
	'sync.status.waiting.other': '{count} requests waiting to send',
	'sync.status.sending': 'Sending…',
	'sync.status.failed.one': '1 request was not accepted: check it and send it again',
	'sync.status.failed.other': '{count} requests were not accepted: check them and send them again',
	'sync.status.staffSignIn': 'Sign in again to send your decisions',
	'sync.request.waiting': 'Waiting to send: it will send by itself when you are back online',
	'sync.request.rejected': 'Not sent: this request was not accepted. Check the details and send it again',
	'sync.request.withdrawWaiting': 'Withdrawal waiting to send: it will send by itself when you are back online',
	'sync.request.cancelWaiting': 'Cancellation waiting to send: it will send by itself when you are back online',
	'sync.request.superseded': 'Replaced by a corrected request',
	'sync.staff.decisionWaiting': 'Decision waiting to send: it will send by itself when the connection returns',
	'sync.error.network': 'Could not reach the service. It will try again by itself',
	'sync.error.server': 'The service is having a problem. It will try again by itself',
	'sync.error.rateLimited': 'Too many requests at once. It will try again by itself',
	'sync.error.unexpected': 'The service gave an unexpected answer. It will try again by itself',
	'update.available': 'New version available',
	'update.title': 'Update',
	'update.reload': 'Reload',

	// ── Visitor pages ────────────────────────────────────────────────────────
	'visitor.pageTitle': '{title} – Book a prison visit',
	'visitor.errorPrefix': 'Error: ',
	'visitor.skipLink': 'Skip to main content',
	'visitor.nav.label': 'Menu',
	'visitor.nav.book': 'Book a visit',
	'visitor.nav.visits': 'Your visits',
	'visitor.footer.staff': 'Staff sign in',
	'visitor.footer.label': 'Support links',
	'footer.privacy': 'Privacy',
	'footer.accessibility': 'Accessibility statement',
	'footer.cookies': 'Cookies',
	'footer.contact': 'Contact',
	'service.description': 'Ask for a visit to someone in prison from your phone, even without a signal, and see what the prison decides.',
	'visitor.status.online': 'Online',
	'visitor.status.offline': 'Offline',
	'visitor.status.label': 'Connection',
	'visitor.change': 'Change',
	'visitor.errorSummary.title': 'There is a problem',
	'visitor.support.remaining.one': 'You have 1 character remaining',
	'visitor.support.remaining.other': 'You have {count} characters remaining',
	'visitor.support.over.one': 'You have 1 character too many',
	'visitor.support.over.other': 'You have {count} characters too many',

	// ── Notifications (PWA push: NotificationsOffer, StaffNotificationsToggle) ─
	'notifications.working': 'Setting up notifications…',
	'notifications.unsupported':
		'This browser cannot show notifications from this service. Check your visits in the app to see what the prison decided.',
	'notifications.needsInstall':
		'On an iPhone or iPad, notifications only work when this service is on your Home Screen. In Safari, tap Share, then Add to Home Screen. Open Book a prison visit from your Home Screen and turn notifications on there.',
	'notifications.denied':
		'Notifications are blocked for this service in your browser settings. To get them, allow notifications for this site in your settings, then come back to this page.',
	'notifications.dismissed': 'Notifications are still off. To turn them on, choose Allow when your phone asks.',
	'notifications.needsTap': 'Use the button to turn on notifications.',
	'notifications.noWorker': 'Notifications cannot be turned on until the app has finished loading. Reload the page and try again.',
	'notifications.offline': 'You need a signal to turn on notifications. Try again when you are online.',
	'notifications.pushService': 'Your browser could not set up notifications just now. Try again later.',
	'notifications.refused': 'Notifications could not be turned on. Try again later.'
} as const;
