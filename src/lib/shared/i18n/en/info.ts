// The footer's information pages: privacy notice, accessibility statement, cookies, contact. English.
export const infoEn = {
	'info.privacy.title': 'Privacy notice',
	'info.privacy.intro': 'This notice explains what this service holds about you, why, where and for how long.',
	'info.privacy.what.heading': 'What we hold',
	'info.privacy.what.body':
		'The details you give when you ask for a visit: the prisoner’s name, date of birth and prisoner number; the name and date of birth of each visitor; the lead visitor’s email address or phone number; and any support needs you tell us about.',
	'info.privacy.why.heading': 'Why',
	'info.privacy.why.body':
		'The prison uses them to check and book your visit and to tell you about it. They are not used for anything else, and never sold or shared for marketing.',
	'info.privacy.where.heading': 'Where',
	'info.privacy.where.body':
		'Your requests are kept on this device, so the service works without a signal, and on the service’s server, where only staff of the prison you chose can see them. Each time a member of staff opens the personal details of a request, it is recorded.',
	'info.privacy.notifications.body':
		'If you turn on notifications, your browser’s notification address is kept so we can tell you about your requests. Turning them off deletes it.',
	'info.privacy.howLong.heading': 'How long',
	'info.privacy.howLong.body.one':
		'Personal details are removed when everything about the request (its dates, its visit and its last change) is more than 1 day in the past. The prison keeps counts of visits, without names, for its statistics.',
	'info.privacy.howLong.body.other':
		'Personal details are removed when everything about the request (its dates, its visit and its last change) is more than {count} days in the past. The prison keeps counts of visits, without names, for its statistics.',
	'info.privacy.rights.heading': 'Your rights',
	'info.privacy.rights.body':
		'You can ask to see what is held about you, to have it corrected, or to have it deleted. Ask the prison you are visiting. If you are not happy with the answer, you can complain to the Information Commissioner’s Office (ICO).',

	'info.accessibility.title': 'Accessibility statement',
	'info.accessibility.intro': 'We want as many people as possible to be able to use this service. You should be able to:',
	'info.accessibility.can.zoom': 'zoom in up to 400% without the text spilling off the screen',
	'info.accessibility.can.keyboard': 'get around the service using just a keyboard or speech recognition software',
	'info.accessibility.can.screenReader': 'listen to the service using a screen reader',
	'info.accessibility.can.colours': 'change colours, contrast and fonts in your browser or phone settings',
	'info.accessibility.can.welsh': 'use the service in English or Welsh, and switch at any time',
	'info.accessibility.can.offline': 'fill in a request without a signal',
	'info.accessibility.testing.heading': 'How we test it',
	'info.accessibility.testing.body':
		'Every page of the booking flow and the staff pages are checked with automated accessibility tests (axe) in a real browser, on screens as narrow as 320 pixels, in both languages.',
	'info.accessibility.problems.heading': 'What we know is not right yet',
	'info.accessibility.problems.body':
		'The service has not yet been audited by an accessibility specialist. Automated tests do not find every problem.',
	'info.accessibility.report.heading': 'Reporting a problem',
	'info.accessibility.report.body':
		'If you find a problem, or need information in another format such as large print or audio, tell the prison you are visiting. We aim to reply within 5 working days.',
	'info.accessibility.enforcement.heading': 'Enforcement',
	'info.accessibility.enforcement.body':
		'The Equality and Human Rights Commission (EHRC) is responsible for enforcing the accessibility regulations. If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).',

	'info.cookies.title': 'Cookies',
	'info.cookies.visitors.heading': 'If you are booking or checking a visit',
	'info.cookies.visitors.language':
		'This service sets no cookies when you book or check a visit, except one if you choose a language with the link at the top of a page: {cookie}, which remembers your choice so that pages open in it. It expires after a year.',
	'info.cookies.visitors.storage':
		'So that it works without a signal, it keeps on this device your requests, a random code that lets the service recognise this device, and your choice of language. These are kept in your browser’s own storage. They are not shared with other websites, and there is no tracking or analytics.',
	'info.cookies.visitors.remove':
		'To remove them, remove a request from “Your visits”, or clear this site’s data in your browser settings.',
	'info.cookies.staff.heading': 'If you are prison staff',
	'info.cookies.staff.body.one':
		'Signing in sets one cookie, {cookie}, which keeps you signed in. It is essential for staff pages, expires after 1 hour or when you sign out, and cannot be read by scripts.',
	'info.cookies.staff.body.other':
		'Signing in sets one cookie, {cookie}, which keeps you signed in. It is essential for staff pages, expires after {count} hours or when you sign out, and cannot be read by scripts.',

	'info.contact.title': 'Contact',
	'info.contact.visit.heading': 'About a visit',
	'info.contact.visit.body':
		'Contact the prison you are visiting. Its address and information for visitors are on your visit’s page under “Your visits”. Have your reference number ready, for example {example}.',
	'info.contact.families.heading': 'Support for families',
	'info.contact.families.body': 'The Prisoners’ Families Helpline is free and confidential:',
	'info.contact.families.phone': 'Telephone',
	'info.contact.staff.heading': 'Prison staff',
	'info.contact.staff.body': 'If you cannot sign in, ask your prison’s administrator.'
} as const;
