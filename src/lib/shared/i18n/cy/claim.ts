import type { claimEn } from '../en/claim';

// Cymraeg: the same keys and {placeholders} as en/claim.ts.
export const claimCy: Record<keyof typeof claimEn, string> = {
	'claim.link': 'Ychwanegu ymweliad a drefnoch chi dros y ffôn',
	'claim.title': 'Ychwanegu ymweliad a drefnoch chi dros y ffôn',
	'claim.intro':
		"Os trefnodd y carchar ymweliad i chi, ychwanegwch ef at y ffôn hwn i'w weld yma, hyd yn oed heb signal, ac i gael gwybod am newidiadau.",
	'claim.reference': 'Cyfeirnod archebu',
	'claim.referenceHint': 'Darllenodd y carchar ef i chi, er enghraifft K7PQ-2XHD',
	'claim.dateOfBirth': "Dyddiad geni'r prif ymwelydd",
	'claim.submit': "Ychwanegu'r ymweliad",
	'claim.offline': 'Mae angen signal arnoch i ychwanegu ymweliad. Rhowch gynnig arall arni pan fyddwch ar-lein.'
};
