import type { journeysFormsEn } from '../en/journeys-forms';
import type { WelshCatalogue } from '../index';

// Cymraeg: the same keys and {placeholders} as en/journeysForms.ts.
export const journeysFormsCy: WelshCatalogue<typeof journeysFormsEn> = {
	'dateInput.day': 'Diwrnod',
	'dateInput.month': 'Mis',
	'dateInput.year': 'Blwyddyn',
	'dateInput.hint': 'Er enghraifft, 27 3 1985',
	'journeys.field.overrideCodes.required': 'Dywedwch pa rybuddion rydych chi’n bwrw ymlaen er eu gwaethaf',
	'journeys.field.overrideCodes.invalid': 'Dewiswch rybuddion y gellir eu diystyru: ymwelydd wedi’i wahardd neu ddim lwfans ar ôl',
	'journeys.gate.validation.outcome': 'Dewiswch beth ddigwyddodd'
};
