import type { waitlistEn } from '../en/waitlist';

// Cymraeg: the same keys and {placeholders} as en/waitlist.ts.
export const waitlistCy: Record<keyof typeof waitlistEn, string> = {
	'waitlist.join': 'Rhowch wybod i mi os daw lle ar gael',
	'waitlist.joinAt': 'am {time} ar {date}',
	'waitlist.joined': 'Rydych ar y rhestr aros ar gyfer {time} ar {date}. Byddwn yn rhoi gwybod i chi os daw lle ar gael.',
	'waitlist.joinQueued': "Byddwch yn ymuno â'r rhestr aros ar gyfer {time} ar {date} pan fydd y ffôn hwn ar-lein eto.",
	'waitlist.onList': "Wedi'i archebu'n llawn: rydych ar y rhestr aros",
	'waitlist.refused': "Nid oedd modd i chi ymuno â'r rhestr aros: {message}",
	'waitlist.heading': 'Yn aros am le',
	'waitlist.intro':
		"Byddwn yn rhoi gwybod i chi drwy hysbysiad, a thrwy e-bost os rhoesoch gyfeiriad, pan ddaw lle ar gael. Ni chedwir y lle i chi: y cais cyntaf i'w gadarnhau sy'n ei gael.",
	'waitlist.item': '{prison}: {date}, {time}',
	'waitlist.leave': 'Gadael y rhestr aros',
	'waitlist.leaveFor': 'ar gyfer {time} ar {date}',
	'waitlist.leaving': 'Gadael y rhestr aros: anfonir hyn pan fydd y ffôn hwn ar-lein.',
	'waitlist.pending': 'Ymuno: anfonir hyn pan fydd y ffôn hwn ar-lein.',
	'waitlist.book': "Archebu'r amser hwn"
};
