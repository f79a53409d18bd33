import type { passEn } from '../en/pass';
import type { WelshCatalogue } from '../index';

// Y tocyn ymweld (issue #16): the Welsh for every key of en/pass.ts.
export const passCy: WelshCatalogue<typeof passEn> = {
	'pass.title': 'Tocyn ymweld',
	'pass.link': 'Dangos eich tocyn ymweld',
	'pass.reference': 'Cyfeirnod yr ymweliad',
	'pass.prison': 'Carchar',
	'pass.address': 'Cyfeiriad a chyfarwyddiadau',
	'pass.when': 'Dyddiad ac amser',
	'pass.arriveBy': 'Cyrraedd erbyn',
	'pass.arriveByText': '{time}, i gael eich chwilio a’ch cofrestru',
	'pass.visitors': 'Ymwelwyr',
	'pass.visitor.adult': 'Oedolyn: rhaid dod â phrawf adnabod â llun.',
	'pass.visitor.seeWhatToBring': 'Gweld beth i ddod gyda chi',
	'pass.visitor.child': 'Plentyn, {age} oed',
	'pass.information': 'Beth i ddod gyda chi a beth i’w wybod',
	'pass.qrLabel': 'Cod QR ar gyfer ymweliad {reference}',
	'pass.qrHelp': 'Dangoswch y cod hwn i’r swyddog wrth y giât. Mae’n gweithio heb signal.',
	'pass.print': 'Argraffu’r tocyn hwn',
	'pass.notBooked': 'Nid oes tocyn ymweld ar gyfer y cais hwn eto: bydd y tocyn yn barod pan fydd y carchar yn trefnu’r ymweliad.',
	'pass.noCode': 'Nid yw’r cod ar gyfer yr ymweliad hwn ar y ffôn hwn eto. Agorwch Eich ymweliadau pan fydd gennych signal i’w gael.',
	'pass.notFound': 'Nid oes ymweliad o’r fath ar y ffôn hwn.',
	'pass.loading': 'Yn llwytho eich tocyn…'
};
