import type { journeysVisitorEn } from '../en/journeys-visitor';
import type { WelshCatalogue } from '../index';

// Cymraeg: the same keys and {placeholders} as en/journeysVisitor.ts.
export const journeysVisitorCy: WelshCatalogue<typeof journeysVisitorEn> = {
	'journeys.visit.cancelledWhich': 'Cafodd eich ymweliad ar {date}, {time}, ei ganslo.'
};
