export const messagesServerEn = {
	'sms.from': 'Book a prison visit:',
	'sms.sent': 'We have your request to visit {prison}. Reference {reference}. We will tell you when it is decided.',
	'messages.notFound': 'There is no such message for this request',
	'messages.notResendable':
		'This message cannot be sent again: the family no longer has that address, or this service no longer sends that way',
	'notify.callback.unauthorised': 'Wrong or missing callback token'
} as const;
