// Tudalennau gwybodaeth y troedyn. Cymraeg: the same keys and {placeholders} as en/info.ts.
import type { infoEn } from '../en/info';
import type { WelshCatalogue } from '../index';

export const infoCy: WelshCatalogue<typeof infoEn> = {
	'info.privacy.title': 'Hysbysiad preifatrwydd',
	'info.privacy.intro': 'Mae’r hysbysiad hwn yn egluro pa wybodaeth amdanoch chi sydd gan y gwasanaeth hwn, pam, ble ac am ba hyd.',
	'info.privacy.what.heading': 'Beth sydd gennym ni',
	'info.privacy.what.body':
		'Y manylion rydych chi’n eu rhoi wrth ofyn am ymweliad: enw, dyddiad geni a rhif carcharor y carcharor; enw a dyddiad geni pob ymwelydd; cyfeiriad e-bost neu rif ffôn y prif ymwelydd; ac unrhyw anghenion cymorth rydych chi’n sôn amdanyn nhw.',
	'info.privacy.why.heading': 'Pam',
	'info.privacy.why.body':
		'Mae’r carchar yn eu defnyddio i wirio a threfnu eich ymweliad ac i roi gwybod i chi amdano. Nid ydyn nhw’n cael eu defnyddio i unrhyw ddiben arall, ac nid ydyn nhw byth yn cael eu gwerthu na’u rhannu at ddibenion marchnata.',
	'info.privacy.where.heading': 'Ble',
	'info.privacy.where.body':
		'Mae eich ceisiadau’n cael eu cadw ar y ddyfais hon, fel bod y gwasanaeth yn gweithio heb signal, ac ar weinydd y gwasanaeth, lle mai dim ond staff y carchar a ddewisoch chi sy’n gallu eu gweld. Bob tro y bydd aelod o staff yn agor manylion personol cais, mae hynny’n cael ei gofnodi.',
	'info.privacy.notifications.body':
		'Os byddwch chi’n troi hysbysiadau ymlaen, mae cyfeiriad hysbysiadau eich porwr yn cael ei gadw er mwyn i ni allu rhoi gwybod i chi am eich ceisiadau. Mae eu diffodd yn ei ddileu.',
	'info.privacy.howLong.heading': 'Am ba hyd',
	'info.privacy.howLong.body.one':
		'Mae manylion personol yn cael eu dileu pan fydd popeth am y cais (ei ddyddiadau, ei ymweliad a’i newid diwethaf) fwy na 1 diwrnod yn y gorffennol. Mae’r carchar yn cadw cyfrif o ymweliadau, heb enwau, ar gyfer ei ystadegau.',
	'info.privacy.howLong.body.other':
		'Mae manylion personol yn cael eu dileu pan fydd popeth am y cais (ei ddyddiadau, ei ymweliad a’i newid diwethaf) fwy na {count} diwrnod yn y gorffennol. Mae’r carchar yn cadw cyfrif o ymweliadau, heb enwau, ar gyfer ei ystadegau.',
	'info.privacy.howLong.body.two':
		'Mae manylion personol yn cael eu dileu pan fydd popeth am y cais (ei ddyddiadau, ei ymweliad a’i newid diwethaf) fwy na {count} ddiwrnod yn y gorffennol. Mae’r carchar yn cadw cyfrif o ymweliadau, heb enwau, ar gyfer ei ystadegau.',
	'info.privacy.rights.heading': 'Eich hawliau',
	'info.privacy.rights.body':
		'Gallwch ofyn am gael gweld yr hyn sydd gennym ni amdanoch chi, am ei gywiro, neu am ei ddileu. Gofynnwch i’r carchar rydych chi’n ymweld ag ef. Os nad ydych chi’n fodlon â’r ateb, gallwch gwyno i Swyddfa’r Comisiynydd Gwybodaeth (ICO).',

	'info.accessibility.title': 'Datganiad hygyrchedd',
	'info.accessibility.intro': 'Rydyn ni eisiau i gymaint o bobl â phosibl allu defnyddio’r gwasanaeth hwn. Dylech chi allu:',
	'info.accessibility.can.zoom': 'chwyddo hyd at 400% heb i’r testun ddisgyn oddi ar y sgrin',
	'info.accessibility.can.keyboard': 'symud o gwmpas y gwasanaeth gan ddefnyddio bysellfwrdd yn unig neu feddalwedd adnabod llais',
	'info.accessibility.can.screenReader': 'gwrando ar y gwasanaeth gan ddefnyddio darllenydd sgrin',
	'info.accessibility.can.colours': 'newid lliwiau, cyferbyniad a ffontiau yng ngosodiadau eich porwr neu’ch ffôn',
	'info.accessibility.can.welsh': 'defnyddio’r gwasanaeth yn Gymraeg neu yn Saesneg, a newid iaith unrhyw bryd',
	'info.accessibility.can.offline': 'llenwi cais heb signal',
	'info.accessibility.testing.heading': 'Sut rydyn ni’n ei brofi',
	'info.accessibility.testing.body':
		'Mae pob tudalen yn y broses drefnu a thudalennau’r staff yn cael eu gwirio gyda phrofion hygyrchedd awtomatig (axe) mewn porwr go iawn, ar sgriniau mor gul â 320 picsel, yn y ddwy iaith.',
	'info.accessibility.problems.heading': 'Beth rydyn ni’n gwybod nad yw’n iawn eto',
	'info.accessibility.problems.body':
		'Nid yw’r gwasanaeth wedi cael ei archwilio gan arbenigwr hygyrchedd eto. Nid yw profion awtomatig yn dod o hyd i bob problem.',
	'info.accessibility.report.heading': 'Rhoi gwybod am broblem',
	'info.accessibility.report.body':
		'Os byddwch chi’n dod o hyd i broblem, neu os oes angen gwybodaeth arnoch mewn fformat arall fel print bras neu sain, rhowch wybod i’r carchar rydych chi’n ymweld ag ef. Ein nod yw ateb o fewn 5 diwrnod gwaith.',
	'info.accessibility.enforcement.heading': 'Gorfodi',
	'info.accessibility.enforcement.body':
		'Y Comisiwn Cydraddoldeb a Hawliau Dynol (EHRC) sy’n gyfrifol am orfodi’r rheoliadau hygyrchedd. Os nad ydych chi’n fodlon â’r ffordd rydyn ni’n ymateb i’ch cwyn, cysylltwch â’r Gwasanaeth Cynghori a Chymorth Cydraddoldeb (EASS).',

	'info.cookies.title': 'Cwcis',
	'info.cookies.visitors.heading': 'Os ydych chi’n trefnu neu’n gwirio ymweliad',
	'info.cookies.visitors.language':
		'Nid yw’r gwasanaeth hwn yn gosod unrhyw gwcis pan fyddwch chi’n trefnu neu’n gwirio ymweliad, ac eithrio un os byddwch chi’n dewis iaith gyda’r ddolen ar frig tudalen: {cookie}, sy’n cofio eich dewis fel bod tudalennau’n agor ynddi. Mae’n dod i ben ar ôl blwyddyn.',
	'info.cookies.visitors.storage':
		'Er mwyn iddo weithio heb signal, mae’n cadw ar y ddyfais hon eich ceisiadau, cod ar hap sy’n gadael i’r gwasanaeth adnabod y ddyfais hon, a’r iaith a ddewisoch chi. Mae’r rhain yn cael eu cadw yn storfa eich porwr ei hun. Nid ydyn nhw’n cael eu rhannu â gwefannau eraill, ac nid oes unrhyw dracio na dadansoddeg.',
	'info.cookies.visitors.remove': 'I’w tynnu, tynnwch gais o “Eich ymweliadau”, neu cliriwch ddata’r wefan hon yng ngosodiadau eich porwr.',
	'info.cookies.staff.heading': 'Os ydych chi’n aelod o staff y carchar',
	'info.cookies.staff.body.one':
		'Mae mewngofnodi yn gosod un cwci, {cookie}, sy’n eich cadw wedi mewngofnodi. Mae’n hanfodol ar gyfer tudalennau’r staff, mae’n dod i ben ar ôl 1 awr neu pan fyddwch chi’n allgofnodi, ac ni all sgriptiau ei ddarllen.',
	'info.cookies.staff.body.other':
		'Mae mewngofnodi yn gosod un cwci, {cookie}, sy’n eich cadw wedi mewngofnodi. Mae’n hanfodol ar gyfer tudalennau’r staff, mae’n dod i ben ar ôl {count} awr neu pan fyddwch chi’n allgofnodi, ac ni all sgriptiau ei ddarllen.',

	'info.contact.title': 'Cysylltu',
	'info.contact.visit.heading': 'Am ymweliad',
	'info.contact.visit.body':
		'Cysylltwch â’r carchar rydych chi’n ymweld ag ef. Mae ei gyfeiriad a gwybodaeth i ymwelwyr ar dudalen eich ymweliad o dan “Eich ymweliadau”. Sicrhewch fod eich cyfeirnod wrth law, er enghraifft {example}.',
	'info.contact.families.heading': 'Cymorth i deuluoedd',
	'info.contact.families.body': 'Mae Llinell Gymorth Teuluoedd Carcharorion yn rhad ac am ddim ac yn gyfrinachol:',
	'info.contact.families.phone': 'Ffôn',
	'info.contact.staff.heading': 'Staff y carchar',
	'info.contact.staff.body': 'Os na allwch chi fewngofnodi, gofynnwch i weinyddwr eich carchar.'
};
