// Changing a booked visit (issue #20): the API's answers, the push and the email (server area).
export const changeServerEn = {
	'api.change.notBooked': 'Only a booked visit can be changed: this request is {status} ({actor} on {at})',
	'api.change.visitCancelled': 'This visit was cancelled {actor} on {at}, so it cannot be changed',
	'api.change.visitStarted': 'This visit has already started or passed, so it cannot be changed',
	'api.change.pending':
		'A change to this visit is already waiting for the prison (asked on {at}). Withdraw it first to ask for other times.',
	'api.change.sameAsBooked': 'This is the time already booked: choose a different time',
	'api.change.slotNotAsked': 'The family did not ask for this time: choose one of the times they asked for',
	'api.change.slotRequired': 'Choose which of the times the family asked for the visit moves to',
	'api.change.none': 'No change was asked for this visit',
	'api.change.already.confirmed': 'This change was already confirmed {actor} on {at}',
	'api.change.already.rejected': 'This change was already refused {actor} on {at}',
	'api.change.already.withdrawn': 'This change was withdrawn {actor} on {at}',
	'api.change.already.ended': 'This change ended on {at} when the visit was cancelled',
	'api.change.already.pending': 'This change is still waiting for a decision (asked on {at})',
	'push.request.change_booked.title': 'Your visit has moved',
	'push.request.change_booked.body': 'Your visit to {prison} is now on {date} at {time}. Reference {reference}.',
	// Moved, and who is coming changed too.
	'push.request.change_booked_party.title': 'Your visit has moved and the people coming have changed',
	'push.request.change_booked_party.body':
		'Your visit to {prison} is now on {date} at {time}, with the people you asked for. Reference {reference}.',
	// A confirmed change of who is coming only: the time stands, so no "moved" and no new calendar file.
	'push.request.change_party.title': 'The people coming to your visit have changed',
	'push.request.change_party.body':
		'The prison has changed who is coming to your visit to {prison} on {date} at {time}. Reference {reference}.',
	'push.request.change_rejected.title': 'Your visit could not be changed',
	'push.request.change_rejected.body':
		'The prison could not change your visit to {prison}. It stays on {date} at {time}. Open the app to see why.',
	'email.subject.change_booked': 'Your visit has moved: {reference}',
	'email.subject.change_booked_party': 'Your visit has moved and the people coming have changed: {reference}',
	'email.subject.change_party': 'The people coming to your visit have changed: {reference}',
	'email.subject.change_rejected': 'Your visit could not be changed: {reference}',
	'email.body.change_booked':
		'The prison has moved your visit to {prison}. It is now on {date} at {time}. An updated calendar file is attached.',
	'email.body.change_booked_party':
		'The prison has moved your visit to {prison} and changed who is coming, as you asked. It is now on {date} at {time}. An updated calendar file is attached.',
	'email.body.change_party':
		'The prison has changed who is coming to your visit to {prison}, as you asked. Your visit stays on {date} at {time}.',
	'email.body.change_rejected': 'The prison could not change your visit to {prison}. Your visit stays on {date} at {time}.'
} as const;
