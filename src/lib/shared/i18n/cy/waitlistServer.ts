import type { waitlistServerEn } from '../en/waitlistServer';

// Cymraeg: the same keys and {placeholders} as en/waitlistServer.ts.
export const waitlistServerCy: Record<keyof typeof waitlistServerEn, string> = {
	'api.waitlist.hasPlaces': 'Mae lleoedd ar gael ar yr amser hwn: archebwch ef',
	'api.waitlist.tooMany': 'Rydych yn aros am {count} amser yn barod: gadewch un cyn ymuno ag un arall',
	'push.waitlist.place.title': 'Daeth lle ar gael',
	'push.waitlist.place.body': 'Daeth lle ar gael yn {prison} ar {date} am {time}. Ni chedwir ef i chi: archebwch ef nawr.',
	'email.subject.place': 'Daeth lle ar gael ar gyfer ymweliad ar {date}',
	'email.place.greeting': 'Helo,',
	'email.body.place': 'Daeth lle ar gael yn {prison} ar {date} am {time}, yr amser rydych yn aros amdano.',
	'email.place.notKept': "Ni chedwir y lle i chi: y cais cyntaf i'w gadarnhau sy'n ei gael.",
	'email.place.link': 'Archebwch ef: {url}',
	'email.place.open': "Agorwch Trefnu ymweliad â charchar ar eich ffôn i'w archebu.",
	'email.place.why':
		'Rydych yn cael yr e-bost hwn oherwydd i chi ofyn am gael gwybod pan ddaw lle ar gael. Daw i ben pan fydd yr ymweliad yn dechrau, neu pan fyddwch yn gadael y rhestr aros yn "Eich ymweliadau".'
};
