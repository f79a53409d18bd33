import type { frontendEn } from '../en/frontend';
import type { WelshCatalogue } from '../index';

export const frontendCy: WelshCatalogue<typeof frontendEn> = {
	'visitor.visitors.prefilled': 'Rydym wedi llenwi manylion y prif ymwelydd o’ch cais diwethaf. Gwiriwch fod y manylion yn dal yn gywir.',
	'visitor.visitors.lastParty': 'Y tro diwethaf, daeth {names} hefyd. Ydyn nhw’n dod y tro hwn?',
	'visitor.visitors.lastParty.add': 'Ydyn, ychwanegwch nhw',
	'visitor.visitors.lastParty.no': 'Na, dim y tro hwn',
	'visitor.visit.sendAgain': 'Newidiwch eich atebion a’u hanfon eto',
	'visitor.visits.group.upcoming': 'Ymweliadau wedi’u trefnu',
	'visitor.visits.group.waiting': 'Yn aros am benderfyniad',
	'visitor.visits.group.ended': 'Wedi bod neu wedi dod i ben',
	'visitor.visits.unknownPrisoner': 'Carcharor heb enw',
	'visitor.visit.withdrawnBanner': 'Rydych wedi tynnu’n ôl eich cais i ymweld â {prisoner}',
	'visitor.visit.cancelledBanner': 'Rydych wedi canslo eich ymweliad â {prisoner}'
};
