// Walking the journeys (staff area): what a ban override, a banned lead visitor and the gate's
// outcomes say to the officer.
export const journeysStaffEn = {
	'journeys.flags.visitorBanned.until':
		'{name} is banned from visits until {until} ({reason}), which covers {dates}. Exclude them from the visit, give a reason to let them come, or reject the request.',
	'journeys.flags.visitorBanned.open':
		'{name} is banned from visits until further notice ({reason}), which covers {dates}. Exclude them from the visit, give a reason to let them come, or reject the request.',
	'journeys.flags.leadBanned.until':
		'{name} leads this visit and is banned from visits until {until} ({reason}), which covers {dates}. Another adult must lead it: exclude {name} if another adult is coming, give a reason to let them come, or reject the request.',
	'journeys.flags.leadBanned.open':
		'{name} leads this visit and is banned from visits until further notice ({reason}), which covers {dates}. Another adult must lead it: exclude {name} if another adult is coming, give a reason to let them come, or reject the request.',
	'journeys.override.label': 'Why may this visit go ahead despite: {flags}?',
	'journeys.override.hint': 'This is recorded with your name, and shown on the day’s list and at the gate.',
	'journeys.confirm.excludeHint':
		'For example, a visitor who is banned or not on the prisoner’s visitor list. If you exclude the lead visitor, another adult on the visit must lead it.',
	'journeys.confirm.leadVisitor': '{name} (lead visitor)',
	'journeys.confirm.leadNeedsAdult': 'Another adult aged {age} or over must be coming to lead the visit if you exclude the lead visitor',
	'journeys.override.shown.title': 'Warning overridden',
	'journeys.override.shown.banned': '{name} is banned and was let come by {by}: “{reason}”',
	'journeys.override.shown.allowance': 'Booked with no visits left in the allowance by {by}: “{reason}”',
	'journeys.override.shown.someone': 'a member of staff',
	'journeys.gate.banned': 'Banned',
	'journeys.gate.bannedCheck': 'Check with the officer in charge before letting them in.',
	'journeys.gate.alreadyTitle': 'This visit has already been checked in',
	'journeys.gate.who.hint': 'Tick each visitor who is here. Nobody is ticked until you do.',
	'journeys.gate.outcome.legend': 'What happened?',
	'journeys.gate.outcome.change': 'Change what happened',
	'journeys.gate.outcome.save': 'Save what happened',
	'journeys.gate.note': 'Note (optional)',
	'journeys.gate.noteHint': 'For example, why entry was refused.',
	'journeys.gate.otherDayListed': 'Visit {reference} is on {date}, not today.',
	'journeys.outcome.attended': 'Attended',
	'journeys.outcome.refused_entry': 'Refused entry',
	'journeys.outcome.visitor_left_early': 'Visitor left early',
	'journeys.outcome.ended_by_staff': 'Ended by staff',
	'journeys.outcome.prisoner_declined': 'Prisoner declined the visit',
	'journeys.outcome.not_attended': 'Not attended',
	'journeys.outcome.hint.attended': 'The visitors came in and the visit took place.',
	'journeys.outcome.hint.refused_entry': 'The visitors came to the gate but were not let in.',
	'journeys.outcome.hint.visitor_left_early': 'The visit started and the visitors left before the end.',
	'journeys.outcome.hint.ended_by_staff': 'Staff stopped the visit.',
	'journeys.outcome.hint.prisoner_declined': 'The visitors came but the prisoner did not want the visit.',
	'journeys.report.outcomesCaption': 'How booked visits went at the gate',
	'journeys.reads.repeats.one': '(and once more, until {until})',
	'journeys.reads.repeats.other': '(and {count} more times, until {until})',
	'journeys.report.minutes.one': '{count} minute',
	'journeys.report.minutes.other': '{count} minutes'
} as const;
