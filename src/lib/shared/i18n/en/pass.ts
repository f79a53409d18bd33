// The visitor's visit pass (issue #16); the gate page's words are in gate.ts.
export const passEn = {
	'pass.title': 'Visit pass',
	'pass.link': 'Show your visit pass',
	'pass.reference': 'Booking reference',
	'pass.prison': 'Prison',
	'pass.address': 'Address and directions',
	'pass.when': 'Date and time',
	'pass.arriveBy': 'Arrive by',
	'pass.arriveByText': '{time}, to be searched and checked in',
	'pass.visitors': 'Visitors',
	'pass.visitor.adult': 'Adult: must bring ID.',
	// A link to the pass’s own "What to bring and know" section, after pass.visitor.adult.
	'pass.visitor.seeWhatToBring': 'See what to bring',
	'pass.visitor.child': 'Child, aged {age}',
	'pass.information': 'What to bring and know',
	'pass.qrLabel': 'QR code for booking {reference}',
	'pass.qrHelp': 'Show this code to the officer at the gate. It works without a signal.',
	'pass.print': 'Print this pass',
	'pass.notBooked': 'There is no visit pass for this request yet: the pass is ready once the prison books the visit.',
	'pass.noCode': 'The code for this visit is not on this phone yet. Open Your visits when you have a signal to get it.',
	'pass.notFound': 'There is no such visit on this phone.',
	'pass.loading': 'Loading your pass…'
} as const;
