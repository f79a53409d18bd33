// Changing a booked visit: the staff queue and request page (staff area). Issue #20.
export const changeStaffEn = {
	'changeStaff.queue.title': 'Change requests',
	'changeStaff.queue.caption': 'Booked visits the family asked to change, oldest first',
	'changeStaff.queue.none': 'No booked visits waiting for a change.',
	'changeStaff.queue.current': 'Booked now',
	'changeStaff.queue.asked': 'Asked for',
	'changeStaff.tag': 'Change asked',
	'changeStaff.title': 'The family asked to change this visit',
	'changeStaff.current': 'Booked now: {when}',
	'changeStaff.legend': 'What do you want to do with the change?',
	'changeStaff.confirm': 'Move the visit to one of the times asked for',
	'changeStaff.reject': 'Refuse the change and keep the booked time',
	'changeStaff.confirm.slot': 'Which time?',
	'changeStaff.confirm.submit': 'Move the visit',
	'changeStaff.reject.submit': 'Refuse the change',
	'changeStaff.reject.reasons': 'Why can the visit not be moved?',
	'changeStaff.decided': 'Change sent'
} as const;
