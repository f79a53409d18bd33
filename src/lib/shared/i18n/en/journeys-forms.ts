// Walking the journeys (forms area): the date input, and the shared schemas' words for overrides and gate outcomes.
export const journeysFormsEn = {
	// GOV.UK's date input, on the visitor's and the staff pages alike (both load the forms area).
	'dateInput.day': 'Day',
	'dateInput.month': 'Month',
	'dateInput.year': 'Year',
	'dateInput.hint': 'For example, 27 3 1985',
	'journeys.field.overrideCodes.required': 'Say which warnings you are going ahead despite',
	'journeys.field.overrideCodes.invalid': 'Choose warnings that can be overridden: a banned visitor or no allowance left',
	'journeys.gate.validation.outcome': 'Choose what happened'
} as const;
