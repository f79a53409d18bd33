// Split from lifecycle.ts by area.
export const closuresEn = {
	'field.cancelBooked.invalid': 'Say whether to cancel the booked visits (true or false)',
	'staff.closures.hits.title': 'Booked visits will be cancelled',
	'staff.closures.hits.one': '1 booked visit will be cancelled: {references}',
	'staff.closures.hits.other': '{count} booked visits will be cancelled: {references}',
	'staff.closures.hits.explain': 'Each family is told, with your reason, and can choose new times. Nothing has been saved yet.',
	'staff.closures.hits.confirm': 'Close and cancel them',
	'staff.closures.hits.keep': 'Do not close',
	'staff.timetable.hits.one': 'This change would leave 1 booked visit without a place: {references}',
	'staff.timetable.hits.other': 'This change would leave {count} booked visits without a place: {references}',
	'staff.timetable.hits.explain': 'Nothing has been saved. Cancel those visits, or close those dates, first.',
	'staff.choice.closed': 'Closed: {reason}'
} as const;
