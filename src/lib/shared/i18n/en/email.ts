// Split from lifecycle.ts by area.
export const emailEn = {
	'api.closure.hitsVisits': 'Booked visits fall in this closure ({count}). Close and cancel them, or choose another date.',
	'api.timetable.hitsVisits':
		'This change would leave booked visits without a place ({count}). Cancel those visits, or close those dates, first.',
	'push.request.reminder.title': 'Your visit is tomorrow',
	'push.request.reminder.body': 'Your visit to {prison} is tomorrow, {date} at {time}. Reference {reference}.',
	'email.subject.sent': 'Visit request sent: {reference}',
	'email.subject.booked': 'Your visit is booked: {reference}',
	'email.subject.rejected': 'Your visit request was not accepted: {reference}',
	'email.subject.cancelled': 'Your visit has been cancelled: {reference}',
	'email.subject.reminder': 'Your visit is tomorrow: {reference}',
	'email.greeting': 'Dear {name},',
	'email.body.sent':
		'Your request to visit {prison} has been sent. The prison will let you know whether it can book one of the times you chose.',
	'email.body.booked': 'Your visit to {prison} is booked for {date} at {time}. A calendar file is attached.',
	'email.body.rejected': 'Your request to visit {prison} was not accepted.',
	'email.body.cancelled': 'Your visit to {prison} on {date} at {time} has been cancelled.',
	'email.body.reminder': 'This is a reminder that your visit to {prison} is tomorrow, {date} at {time}.',
	'email.reference': 'Reference: {reference}',
	'email.why': 'Why: {reasons}',
	'email.message': 'Message from the prison: {message}',
	'email.address': 'Address: {address}',
	'email.next.rejected': 'You can choose new times and send the request again in the app.',
	'email.next.cancelled': 'You can choose new times in the app: your answers are kept.',
	'email.next.booked': 'Bring photo ID for every adult visitor.',
	'email.footer': 'You get this email from {service} because you gave this address when you asked for a visit.',
	'email.attachmentName': 'visit-{reference}.ics'
} as const;
