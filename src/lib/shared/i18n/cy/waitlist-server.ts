import type { waitlistServerEn } from '../en/waitlist-server';
import type { WelshCatalogue } from '../index';

// Cymraeg: the same keys and {placeholders} as en/waitlistServer.ts.
export const waitlistServerCy: WelshCatalogue<typeof waitlistServerEn> = {
	'api.waitlist.hasPlaces': 'Mae lleoedd ar gael ar yr amser hwn: trefnwch ymweliad',
	'api.waitlist.tooMany.one': 'Rydych yn aros am 1 amser yn barod: gadewch ef cyn ymuno ag un arall',
	'api.waitlist.tooMany.other': 'Rydych yn aros am {count} amser yn barod: gadewch un cyn ymuno ag un arall',
	'push.waitlist.place.title': 'Daeth lle ar gael',
	'push.waitlist.place.body':
		'Daeth lle ar gael ar gyfer ymweliad â {prison} ar {date} am {time}. Nid yw’n cael ei gadw i chi: trefnwch ef nawr.',
	'email.subject.place': 'Daeth lle ar gael ar gyfer ymweliad ar {date}',
	'email.place.greeting': 'Helo,',
	'email.body.place': 'Daeth lle ar gael ar gyfer ymweliad â {prison} ar {date} am {time}, yr amser rydych yn aros amdano.',
	'email.place.notKept': 'Ni chedwir y lle i chi: y cais cyntaf i’w gadarnhau sy’n ei gael.',
	'email.place.link': 'I’w drefnu: {url}',
	'email.place.open': 'Agorwch yr ap Trefnu ymweliad â charchar ar eich ffôn i’w drefnu.',
	'email.place.why':
		'Rydych yn cael yr e-bost hwn oherwydd i chi ofyn am gael gwybod pan ddaw lle ar gael. Daw i ben pan fydd yr ymweliad yn dechrau, neu pan fyddwch yn gadael y rhestr aros yn "Eich ymweliadau".'
};
