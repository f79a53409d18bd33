import type { accountsEn } from '../en/accounts';
import type { WelshCatalogue } from '../index';

export const accountsCy: WelshCatalogue<typeof accountsEn> = {
	'account.heading': 'Eich ymweliadau ar unrhyw ffôn',
	'account.intro':
		'Mewngofnodwch gyda GOV.UK One Login i weld eich ymweliadau ar unrhyw ffôn rydych yn mewngofnodi arno, ac i gadw manylion y bobl rydych yn ymweld gyda nhw. Nid oes angen i chi fewngofnodi i drefnu ymweliad.',
	'account.signIn': 'Mewngofnodi gyda GOV.UK One Login',
	'account.signingIn': 'Yn mynd i GOV.UK One Login…',
	'account.signedIn':
		'Rydych wedi mewngofnodi gyda GOV.UK One Login. Mae ymweliadau a drefnwyd ar unrhyw ffôn rydych yn mewngofnodi arno i’w gweld yma.',
	'account.signOut': 'Allgofnodi',
	'account.signOut.explain': 'Mae allgofnodi yn tynnu eich ymweliadau oddi ar y ffôn hwn. Maen nhw’n aros ar eich cyfrif.',
	'account.signOut.waiting': 'Mae’r ffôn hwn yn dal i anfon rhywbeth. Allgofnodwch unwaith y bydd wedi’i anfon.',
	'account.offline': 'Mae angen cysylltiad arnoch i fewngofnodi neu allgofnodi.',
	'account.failed': 'Aeth rhywbeth o chwith. Rhowch gynnig arall arni.',
	'account.visitors.heading': 'Pobl rydych yn ymweld gyda nhw',
	'account.visitors.intro':
		'Wedi’u cadw ar eich cyfrif i ddewis ohonynt pan fyddwch yn trefnu. Dilëwch unrhyw un nad ydych am ei gadw mwyach.',
	'account.visitors.delete': 'Dileu',
	'account.visitors.born': 'ganwyd {date}',
	'account.visitors.pick': 'Dewis rhywun rydych wedi ymweld gyda nhw o’r blaen',
	'account.visitors.use': 'Ychwanegu {name}'
};
