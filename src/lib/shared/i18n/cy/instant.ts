import type { instantEn } from '../en/instant';
import type { WelshCatalogue } from '../index';

// Cymraeg: the same keys and {placeholders} as en/instant.ts.
export const instantCy: WelshCatalogue<typeof instantEn> = {
	'instant.mode.instant':
		'Caiff y rhan fwyaf o geisiadau eu harchebu cyn gynted ag y maent yn cyrraedd y carchar: fe welwch "Wedi’i archebu" a’ch tocyn ymweld ar unwaith. Os oes angen gwirio rhywbeth, bydd aelod o staff yn edrych yn gyntaf, fel arfer o fewn 3 diwrnod gwaith.',
	'instant.mode.request':
		'Mae aelod o staff yn gwirio pob cais cyn iddo gael ei archebu. Mae hyn fel arfer yn cymryd hyd at 3 diwrnod gwaith.',
	'instant.mode.instantShort': 'Wedi’i archebu ar unwaith oni bai bod angen gwirio rhywbeth',
	'instant.sent.bookedTitle': 'Ymweliad wedi’i archebu',
	'instant.sent.bookedBody': 'Mae eich ymweliad wedi’i archebu. Dangoswch eich tocyn ymweld wrth y giât.',
	'instant.review.visitor_banned': 'Mae angen i staff wirio pwy sy’n ymweld cyn y gellir archebu hyn.',
	'instant.review.no_allowance': 'Mae angen i staff wirio lwfans ymweld y carcharor cyn y gellir archebu hyn.',
	'instant.review.duplicate_request':
		'Mae cais neu ymweliad eisoes ar gyfer y carcharor hwn ar un o’r dyddiadau hyn: bydd staff yn gwirio.',
	'instant.review.prisoner_clash': 'Mae gan y carcharor ymweliad wedi’i archebu eisoes ar un o’r dyddiadau hyn: bydd staff yn gwirio.',
	'instant.review.closed_visit': 'Mae angen i staff drefnu ble bydd yr ymweliad hwn yn digwydd cyn y gellir ei archebu.',
	'instant.review.staff_check': 'Mae angen i aelod o staff wirio’r cais hwn cyn y gellir ei archebu.',
	'instant.review.request_mode': 'Mae’r carchar hwn yn gwirio pob cais cyn ei archebu.'
};
