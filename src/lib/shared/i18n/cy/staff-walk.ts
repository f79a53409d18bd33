import type { staffWalkEn } from '../en/staff-walk';
import type { WelshCatalogue } from '../index';

// Cymraeg: the same keys and {placeholders} as en/staff-walk.ts.
export const staffWalkCy: WelshCatalogue<typeof staffWalkEn> = {
	'staffWalk.dateField.hint': 'Er enghraifft, {example}',
	'staffWalk.dateField.hintWith': '{hint}. Er enghraifft, {example}',
	'staffWalk.request.next': 'Y cais nesaf: {reference}',
	'staffWalk.request.noNext': 'Does dim rhagor o geisiadau yn aros am benderfyniad.',
	'staffWalk.forgot.link': 'Wedi anghofio eich cyfrinair?',
	'staffWalk.forgot.title': 'Os ydych wedi anghofio eich cyfrinair',
	'staffWalk.forgot.admin':
		'Gofynnwch i weinyddwr y gwasanaeth hwn yn eich carchar am ddolen newydd i osod cyfrinair. Maen nhw’n gwneud un ar y dudalen Defnyddwyr staff.',
	'staffWalk.forgot.expiry':
		'Mae’r ddolen yn gweithio unwaith, a dim ond am ychydig ddyddiau: gall eich gweinyddwr ddweud wrthych pryd mae’n dod i ben.',
	'staffWalk.forgot.old': 'Mae eich hen gyfrinair yn peidio â gweithio pan fyddwch yn gosod un newydd.',
	'staffWalk.forgot.organisation':
		'Os yw eich carchar yn eich mewngofnodi gyda’i gyfrif ei hun, defnyddiwch “{button}” ar y dudalen fewngofnodi yn lle hynny.',
	'staffWalk.forgot.back': 'Yn ôl i fewngofnodi',
	'staffWalk.report.underMinute': 'Llai na munud'
};
