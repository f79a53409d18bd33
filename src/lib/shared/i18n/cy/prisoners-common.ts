import type { prisonersCommonEn } from '../en/prisoners-common';
import type { WelshCatalogue } from '../index';

// Cymraeg: the same keys and {placeholders} as en/prisonersCommon.ts.
export const prisonersCommonCy: WelshCatalogue<typeof prisonersCommonEn> = {
	'prisoners.field.remaining.invalid': 'Rhowch nifer cyfan o ymweliadau o 0 i {max}',
	'prisoners.field.remaining.negative': 'Ni all nifer yr ymweliadau sydd ar ôl fod yn llai na 0',
	'prisoners.field.banReason.required': 'Rhowch y rheswm dros y gwaharddiad',
	'prisoners.field.until.past': 'Rhaid i ddiwedd y gwaharddiad fod heddiw neu’n hwyrach',
	'prisoners.field.method.required': 'Dewiswch sut cafodd yr ymweliad ei drefnu',
	'prisoners.field.overrideReason.required': 'Rhowch reswm dros fwrw ymlaen er gwaethaf y rhybudd',
	'claim.field.reference.required': 'Rhowch gyfeirnod yr ymweliad',
	'claim.field.reference.format': 'Rhowch gyfeirnod yr ymweliad fel K7PQ-2XHD',
	'claim.field.dateOfBirth.required': 'Rhowch ddyddiad geni’r prif ymwelydd'
};
