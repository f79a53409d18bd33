// The start page (the first page most visitors see, kept small: its own area). English.
export const startEn = {
	'visitor.start.title': 'Book a prison visit',
	'visitor.start.intro': 'Use this service to ask for a visit to someone in prison.',
	'visitor.start.youNeed': 'You will need:',
	'visitor.start.need.prisoner': 'the prisoner’s name, date of birth and prisoner number (for example A1234BC)',
	'visitor.start.need.visitors': 'the names and dates of birth of everyone visiting',
	'visitor.start.need.contact': 'an email address or UK phone number for the lead visitor, who must be 18 or over',
	// What a family needs to know before starting: who may visit, what to bring, how far ahead, how soon they hear.
	'visitor.start.before': 'Before you start',
	'visitor.start.approvedList':
		'Everyone visiting must be on the prisoner’s list of approved visitors. If you are not sure, ask the prisoner before you book.',
	'visitor.start.photoId': 'Every visitor aged {age} or over must bring photo ID, such as a passport or driving licence.',
	'visitor.start.window':
		'You can usually book from {lead} to {horizon} days ahead. You will see the dates your prison allows when you choose times.',
	'visitor.start.hearTitle': 'How soon you will hear',
	'visitor.start.hear':
		'Most visits are booked as soon as your request reaches the prison: you see "Booked" and your visit pass straight away.',
	'visitor.start.hearCheck':
		'If something needs checking first, or the prison checks every request, a member of staff decides, usually within 3 working days.',
	'visitor.start.choose': 'You can choose up to 3 times, in order of preference. The prison will confirm one of them.',
	'visitor.start.offline': 'You can fill this in without a signal. Your request will send by itself when you are back online.',
	'visitor.start.button': 'Start now',
	'visitor.start.yourVisits': 'See your visits and requests',
	// The install offer (InstallOffer.svelte) shows on the start page, so its words load with it.
	'install.title': 'Install this service on your phone',
	'install.why': 'It then opens from your home screen like an app, also with no signal.',
	'install.button': 'Install',
	'install.notNow': 'Not now'
} as const;
