// Y dudalen gychwyn. Cymraeg: the same keys and {placeholders} as en/start.ts.
import type { startEn } from '../en/start';
import type { WelshCatalogue } from '../index';

export const startCy: WelshCatalogue<typeof startEn> = {
	'visitor.start.title': 'Trefnu ymweliad â charchar',
	'visitor.start.intro': 'Defnyddiwch y gwasanaeth hwn i ofyn am gael ymweld â rhywun yn y carchar.',
	'visitor.start.youNeed': 'Bydd angen y canlynol arnoch chi:',
	'visitor.start.need.prisoner': 'enw, dyddiad geni a rhif carcharor y carcharor (er enghraifft A1234BC)',
	'visitor.start.need.visitors': 'enwau a dyddiadau geni pawb sy’n ymweld',
	'visitor.start.need.contact': 'cyfeiriad e-bost neu rif ffôn yn y DU ar gyfer y prif ymwelydd, sy’n gorfod bod yn 18 oed neu’n hŷn',
	'visitor.start.before': 'Cyn i chi ddechrau',
	'visitor.start.approvedList':
		'Rhaid i bawb sy’n ymweld fod ar restr y carcharor o ymwelwyr cymeradwy. Os nad ydych chi’n siŵr, gofynnwch i’r carcharor cyn trefnu.',
	'visitor.start.photoId': 'Rhaid i bob ymwelydd {age} oed neu hŷn ddod â phrawf adnabod â llun, fel pasbort neu drwydded yrru.',
	'visitor.start.window':
		'Fel arfer, gallwch drefnu rhwng {lead} a {horizon} diwrnod ymlaen llaw. Fe welwch y dyddiadau y mae eich carchar yn eu caniatáu pan fyddwch chi’n dewis amseroedd.',
	'visitor.start.hearTitle': 'Pa mor fuan y cewch chi wybod',
	'visitor.start.hear':
		'Caiff y rhan fwyaf o ymweliadau eu trefnu cyn gynted ag y mae eich cais yn cyrraedd y carchar: fe welwch "Wedi’i drefnu" a’ch tocyn ymweld ar unwaith.',
	'visitor.start.hearCheck':
		'Os oes angen gwirio rhywbeth yn gyntaf, neu os yw’r carchar yn gwirio pob cais, bydd aelod o staff yn penderfynu, fel arfer o fewn 3 diwrnod gwaith.',
	'visitor.start.choose': 'Gallwch ddewis hyd at 3 amser, yn nhrefn eich dewis. Bydd y carchar yn cadarnhau un ohonyn nhw.',
	'visitor.start.offline': 'Gallwch lenwi hwn heb signal. Bydd eich cais yn cael ei anfon yn awtomatig pan fyddwch chi ar-lein eto.',
	'visitor.start.button': 'Dechrau nawr',
	'visitor.start.yourVisits': 'Gweld eich ymweliadau a’ch ceisiadau',
	// The install offer (InstallOffer.svelte) shows on the start page, so its words load with it.
	'install.title': 'Gosodwch y gwasanaeth hwn ar eich ffôn',
	'install.why': 'Bydd wedyn yn agor o’ch sgrin gartref fel ap, hyd yn oed heb signal.',
	'install.button': 'Gosod',
	'install.notNow': 'Dim nawr'
};
