import type { prisonersServerEn } from '../en/prisoners-server';
import type { WelshCatalogue } from '../index';

// Cymraeg: the same keys and {placeholders} as en/prisonersServer.ts.
export const prisonersServerCy: WelshCatalogue<typeof prisonersServerEn> = {
	'api.flagged': 'Mae rhybuddion ar yr ymweliad hwn sydd angen rheswm i fwrw ymlaen: {flags}',
	'api.prisoners.banNotFound': 'Does dim gwaharddiad o’r fath: efallai ei fod wedi’i dynnu eisoes',
	'api.prisoners.recordChanged': 'Mae rhywun arall wedi newid y lwfans hwn yn gyntaf: {remaining} yw e nawr. Gwiriwch ef a’i gadw eto.',
	'api.claim.notFound':
		'Doedd dim modd dod o hyd i ymweliad gyda’r cyfeirnod a’r dyddiad geni hwnnw. Gwiriwch y ddau a rhowch gynnig arall arni.',
	'api.booking.rulesBroken': 'Mae angen newid rhai atebion cyn y gellir trefnu’r ymweliad hwn',
	'api.claim.tooManyForReference':
		'Bu gormod o ymdrechion anghywir gyda’r cyfeirnod hwn. Rhowch gynnig arall arni ymhen awr, neu gofynnwch i’r carchar.'
};
