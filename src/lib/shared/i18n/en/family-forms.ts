// Form checks that name the visitor they are about (forms area): the lead visitor, or visitor N as
// the visitors page heads them, so "Enter visitor 3's last name" leads to the right box. English.
export const familyFormsEn = {
	'visitorField.firstName.required.lead': 'Enter the lead visitor’s first name',
	'visitorField.firstName.required.numbered': 'Enter visitor {number}’s first name',
	'visitorField.lastName.required.lead': 'Enter the lead visitor’s last name',
	'visitorField.lastName.required.numbered': 'Enter visitor {number}’s last name',
	'visitorField.dateOfBirth.required.lead': 'Enter the lead visitor’s date of birth',
	'visitorField.dateOfBirth.required.numbered': 'Enter visitor {number}’s date of birth',
	'visitorField.dateOfBirth.invalid.lead': 'The lead visitor’s date of birth must be a real date',
	'visitorField.dateOfBirth.invalid.numbered': 'Visitor {number}’s date of birth must be a real date',
	'visitorField.dateOfBirth.future.lead': 'The lead visitor’s date of birth must be in the past',
	'visitorField.dateOfBirth.future.numbered': 'Visitor {number}’s date of birth must be in the past',
	'visitorField.dateOfBirth.tooOld.lead': 'The lead visitor’s date of birth must be within the last 120 years',
	'visitorField.dateOfBirth.tooOld.numbered': 'Visitor {number}’s date of birth must be within the last 120 years'
} as const;
