import type { claimEn } from '../en/claim';
import type { WelshCatalogue } from '../index';

// Cymraeg: the same keys and {placeholders} as en/claim.ts.
export const claimCy: WelshCatalogue<typeof claimEn> = {
	'claim.link': 'Ychwanegu ymweliad a drefnoch chi dros y ffôn',
	'claim.title': 'Ychwanegu ymweliad a drefnoch chi dros y ffôn',
	'claim.intro':
		'Os trefnodd y carchar ymweliad i chi, ychwanegwch ef at y ffôn hwn i’w weld yma, hyd yn oed heb signal, ac i gael gwybod am newidiadau.',
	'claim.reference': 'Cyfeirnod yr ymweliad',
	'claim.referenceHint': 'Darllenodd y carchar ef i chi, er enghraifft K7PQ-2XHD',
	'claim.dateOfBirth': 'Dyddiad geni’r prif ymwelydd',
	'claim.submit': 'Ychwanegu’r ymweliad',
	'claim.offline': 'Mae angen signal arnoch i ychwanegu ymweliad. Rhowch gynnig arall arni pan fyddwch ar-lein.',
	'claim.limit':
		'Ar ôl 10 ymdrech anghywir gydag un cyfeirnod mewn awr, ni ellir ychwanegu’r cyfeirnod hwnnw ar unrhyw ffôn nes bydd yr awr ar ben.'
};
