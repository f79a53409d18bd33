import type { accountsServerEn } from '../en/accounts-server';
import type { WelshCatalogue } from '../index';

export const accountsServerCy: WelshCatalogue<typeof accountsServerEn> = {
	'account.page.failed.title': 'Methwyd mewngofnodi',
	'account.page.failed.body':
		'Nid oeddem yn gallu eich mewngofnodi, felly nid oes dim wedi newid. Efallai bod y ddolen wedi’i defnyddio eisoes neu ei bod yn rhy hen. Ewch yn ôl a dechrau eto.',
	'account.page.unavailable.body':
		'Nid yw’r gwasanaeth mewngofnodi yn ateb. Nid oes dim wedi newid. Rhowch gynnig arall arni yn nes ymlaen.',
	'account.page.refused.title': 'Ni allwch fewngofnodi',
	'account.page.staff.unknown':
		'Nid oes cyfrif staff ar gyfer y cyfeiriad e-bost a roddodd eich sefydliad i ni. Gofynnwch i weinyddwr eich ychwanegu.',
	'account.page.staff.deactivated': 'Mae eich cyfrif staff wedi’i ddiffodd. Gofynnwch i weinyddwr os oes ei angen arnoch o hyd.',
	'account.page.staff.unverified':
		'Nid yw eich sefydliad wedi cadarnhau eich cyfeiriad e-bost, felly ni ellir ei ddefnyddio i fewngofnodi.',
	'account.page.back.staff': 'Yn ôl i fewngofnodi staff',
	'account.page.back.visitor': 'Yn ôl i’ch ymweliadau',
	'api.auth.notConfigured': 'Nid yw mewngofnodi fel hyn wedi’i osod ar y gwasanaeth hwn',
	'api.auth.passwordOff': 'Mae staff yn mewngofnodi gyda chyfrif eu sefydliad ar y gwasanaeth hwn, nid gyda chyfrinair',
	'api.account.notSignedIn': 'Nid yw’r ffôn hwn wedi mewngofnodi',
	'api.account.visitorNotFound': 'Nid oes ymwelydd wedi’i gadw fel hwn ar eich cyfrif'
};
