export const messagesVisitorEn = {
	'visitor.messages.heading': 'How we tell you what happens',
	'visitor.messages.channels.legend': 'How should we tell you?',
	'visitor.messages.channels.hint': 'We tell you when your request is decided, if anything changes, and the day before your visit.',
	'visitor.messages.channel.push': 'A notification from this app',
	'visitor.messages.channel.email': 'Email',
	'visitor.messages.channel.sms': 'Text message',
	'visitor.messages.channel.email.hint': 'To the lead visitor’s email address',
	'visitor.messages.channel.sms.hint': 'To the lead visitor’s UK mobile number',
	'visitor.messages.language.legend': 'Which language should messages be in?',
	'visitor.messages.language.en': 'English',
	'visitor.messages.language.cy': 'Welsh (Cymraeg)',
	'visitor.messages.none':
		'We cannot send you messages on this phone. Open this app and look at “Your visits” to see what happens to your request.',
	'visitor.messages.sent.heading': 'Messages we sent you',
	'visitor.messages.sent.none': 'We have not sent you any messages about this visit yet.',
	'visitor.messages.line': '{channel} to {to}: {status}',
	'visitor.messages.lineNoAddress': '{channel}: {status}',
	'visitor.messages.status.queued': 'waiting to be sent',
	'visitor.messages.status.sending': 'being sent',
	'visitor.messages.status.sent': 'sent',
	'visitor.messages.status.delivered': 'arrived',
	'visitor.messages.status.failed': 'could not be delivered'
} as const;
