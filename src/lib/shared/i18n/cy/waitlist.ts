import type { waitlistEn } from '../en/waitlist';
import type { WelshCatalogue } from '../index';

// Cymraeg: the same keys and {placeholders} as en/waitlist.ts.
export const waitlistCy: WelshCatalogue<typeof waitlistEn> = {
	'waitlist.join': 'Rhowch wybod i mi os daw lle ar gael',
	'waitlist.joinAt': 'am {time} ar {date}',
	'waitlist.joined': 'Rydych ar y rhestr aros ar gyfer {time} ar {date}.',
	'waitlist.joinQueued': 'Byddwch yn ymuno â’r rhestr aros ar gyfer {time} ar {date} pan fydd y ffôn hwn ar-lein eto.',
	'waitlist.onList': 'Llawn: rydych ar y rhestr aros',
	'waitlist.refused': 'Nid oedd modd i chi ymuno â’r rhestr aros: {message}',
	'waitlist.heading': 'Yn aros am le',
	'waitlist.item': '{prison}: {date}, {time}',
	'waitlist.leave': 'Gadael y rhestr aros',
	'waitlist.leaveFor': 'ar gyfer {time} ar {date}',
	'waitlist.leaving': 'Gadael y rhestr aros: anfonir hyn pan fydd y ffôn hwn ar-lein.',
	'waitlist.pending': 'Ymuno: anfonir hyn pan fydd y ffôn hwn ar-lein.',
	'waitlist.book': 'Trefnu’r amser hwn'
};
