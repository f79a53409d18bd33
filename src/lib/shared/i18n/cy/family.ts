// Tudalennau'r teulu. Cymraeg: the same keys and {placeholders} as en/family.ts.
import type { familyEn } from '../en/family';
import type { WelshCatalogue } from '../index';

export const familyCy: WelshCatalogue<typeof familyEn> = {
	'family.banner.important': 'Pwysig',
	'family.next.check':
		'Bydd y carchar yn gwirio eich cais ac yn trefnu un o’r amseroedd a ddewisoch chi, neu’n dweud wrthych pam na allan nhw. Mae hyn fel arfer yn cymryd hyd at 3 diwrnod gwaith.',
	'family.next.email': 'Byddwn yn anfon e-bost at {email} pan fydd y carchar yn penderfynu.',
	'family.next.sms': 'Byddwn yn anfon neges destun at {phone} pan fydd y carchar yn penderfynu.',
	'family.next.emailAndSms': 'Byddwn yn anfon e-bost at {email} a neges destun at {phone} pan fydd y carchar yn penderfynu.',
	'family.next.see': 'Gallwch weld y canlyniad yn eich ymweliadau.',
	'family.booked.email': 'Byddwn yn anfon y manylion at {email} mewn e-bost, ac yn eich atgoffa y diwrnod cyn eich ymweliad.',
	'family.booked.sms': 'Byddwn yn anfon y manylion at {phone} mewn neges destun, ac yn eich atgoffa y diwrnod cyn eich ymweliad.',
	'family.booked.emailAndSms':
		'Byddwn yn anfon y manylion at {email} mewn e-bost ac at {phone} mewn neges destun, ac yn eich atgoffa y diwrnod cyn eich ymweliad.',
	'family.checked.justNow': 'Gwiriwyd gynnau',
	'family.checked.minutes.one': 'Gwiriwyd 1 munud yn ôl',
	'family.checked.minutes.two': 'Gwiriwyd {count} funud yn ôl',
	'family.checked.minutes.other': 'Gwiriwyd {count} munud yn ôl',
	'family.checked.hours.one': 'Gwiriwyd 1 awr yn ôl',
	'family.checked.hours.other': 'Gwiriwyd {count} awr yn ôl',
	'family.checked.at': 'Gwiriwyd ar {when}',
	'family.checked.never': 'Heb ei wirio gyda’r carchar o’r ffôn hwn eto',
	'family.waitlist.tellPushEmail': 'Byddwn yn anfon hysbysiad i’r ffôn hwn ac e-bost at {email} os daw lle ar gael.',
	'family.waitlist.tellPush': 'Byddwn yn anfon hysbysiad i’r ffôn hwn os daw lle ar gael.',
	'family.waitlist.tellEmail': 'Byddwn yn anfon e-bost at {email} os daw lle ar gael.',
	'family.waitlist.tellNone':
		'Mae hysbysiadau wedi’u diffodd ar y ffôn hwn, felly ni allwn roi gwybod i chi os daw lle ar gael. Dewch yn ôl i edrych yma, neu trowch hysbysiadau ymlaen yn eich ymweliadau.',
	'family.waitlist.tellNoneHere':
		'Mae hysbysiadau wedi’u diffodd ar y ffôn hwn, felly ni allwn roi gwybod i chi os daw lle ar gael. Dewch yn ôl i edrych yma, neu trowch hysbysiadau ymlaen ar y dudalen hon.',
	'family.waitlist.notKept': 'Ni chedwir y lle i chi: y cais cyntaf i’w gadarnhau sy’n ei gael.',
	'family.visit.title': 'Ymweliad {reference}',
	'family.visit.titleNoReference': 'Ymweliad'
};
