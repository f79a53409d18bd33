// Y dudalen gychwyn. Cymraeg: the same keys and {placeholders} as en/start.ts.
import type { startEn } from '../en/start';

export const startCy: Record<keyof typeof startEn, string> = {
	'visitor.start.title': 'Trefnu ymweliad â charchar',
	'visitor.start.intro': 'Defnyddiwch y gwasanaeth hwn i ofyn am gael ymweld â rhywun yn y carchar.',
	'visitor.start.youNeed': 'Bydd angen y canlynol arnoch chi:',
	'visitor.start.need.prisoner': 'enw’r carcharor, ei ddyddiad geni a’i rif carcharor (er enghraifft A1234BC)',
	'visitor.start.need.visitors': 'enwau a dyddiadau geni pawb sy’n ymweld',
	'visitor.start.need.contact': 'cyfeiriad e-bost neu rif ffôn yn y DU ar gyfer y prif ymwelydd, sy’n gorfod bod yn 18 oed neu’n hŷn',
	'visitor.start.choose': 'Gallwch ddewis hyd at 3 amser, yn nhrefn eich dewis. Bydd y carchar yn cadarnhau un ohonyn nhw.',
	'visitor.start.offline': 'Gallwch lenwi hwn heb signal. Bydd eich cais yn anfon ei hun pan fyddwch chi ar-lein eto.',
	'visitor.start.button': 'Dechrau nawr',
	'visitor.start.yourVisits': 'Gweld eich ymweliadau a’ch ceisiadau',
	// The install offer (InstallOffer.svelte) shows on the start page, so its words load with it.
	'install.title': 'Gosodwch y gwasanaeth hwn ar eich ffôn',
	'install.why': "Bydd wedyn yn agor o'ch sgrin gartref fel ap, hyd yn oed heb signal.",
	'install.button': 'Gosod',
	'install.notNow': 'Dim nawr'
};
