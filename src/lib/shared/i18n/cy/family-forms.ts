// Gwiriadau sy'n enwi'r ymwelydd. Cymraeg: the same keys and {placeholders} as en/family-forms.ts.
import type { familyFormsEn } from '../en/family-forms';
import type { WelshCatalogue } from '../index';

export const familyFormsCy: WelshCatalogue<typeof familyFormsEn> = {
	'visitorField.firstName.required.lead': 'Rhowch enw cyntaf y prif ymwelydd',
	'visitorField.firstName.required.numbered': 'Rhowch enw cyntaf ymwelydd {number}',
	'visitorField.lastName.required.lead': 'Rhowch gyfenw’r prif ymwelydd',
	'visitorField.lastName.required.numbered': 'Rhowch gyfenw ymwelydd {number}',
	'visitorField.dateOfBirth.required.lead': 'Rhowch ddyddiad geni’r prif ymwelydd',
	'visitorField.dateOfBirth.required.numbered': 'Rhowch ddyddiad geni ymwelydd {number}',
	'visitorField.dateOfBirth.invalid.lead': 'Rhaid i ddyddiad geni’r prif ymwelydd fod yn ddyddiad go iawn',
	'visitorField.dateOfBirth.invalid.numbered': 'Rhaid i ddyddiad geni ymwelydd {number} fod yn ddyddiad go iawn',
	'visitorField.dateOfBirth.future.lead': 'Rhaid i ddyddiad geni’r prif ymwelydd fod yn y gorffennol',
	'visitorField.dateOfBirth.future.numbered': 'Rhaid i ddyddiad geni ymwelydd {number} fod yn y gorffennol',
	'visitorField.dateOfBirth.tooOld.lead': 'Rhaid i ddyddiad geni’r prif ymwelydd fod o fewn y 120 mlynedd diwethaf',
	'visitorField.dateOfBirth.tooOld.numbered': 'Rhaid i ddyddiad geni ymwelydd {number} fod o fewn y 120 mlynedd diwethaf'
};
