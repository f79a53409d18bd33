import type { journeysServerEn } from '../en/journeys-server';
import type { WelshCatalogue } from '../index';

// Cymraeg: the same keys and {placeholders} as en/journeysServer.ts.
export const journeysServerCy: WelshCatalogue<typeof journeysServerEn> = {
	'journeys.field.overrideCodes.missing':
		'Nid yw eich diystyriad yn enwi: {flags}. Darllenwch y rhybuddion eto a dywedwch pam ar gyfer pob un.',
	'journeys.api.leadExcluded':
		'Dim ond os oes oedolyn arall {age} oed neu’n hŷn yn dod i arwain yr ymweliad y gellir tynnu’r prif ymwelydd ohono',
	'journeys.gate.api.noArrival': 'Nid oes cyrraedd wedi’i gofnodi ar gyfer yr ymweliad hwn eto: cofnodwch y cyrraedd yn gyntaf',
	'journeys.gate.api.outcomeSaved': 'Wedi’i gadw: {outcome} (cyrhaeddodd am {time})'
};
