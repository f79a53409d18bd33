import type { journeysCommonEn } from '../en/journeys-common';
import type { WelshCatalogue } from '../index';

// Cymraeg: the same keys and {placeholders} as en/journeysCommon.ts.
export const journeysCommonCy: WelshCatalogue<typeof journeysCommonEn> = {
	'journeys.sync.asking.one': 'Mae 1 newid angen eich ateb ar ei dudalen cyn iddo gael ei gadw',
	'journeys.sync.asking.other': 'Mae {count} newid angen eich ateb ar eu tudalennau cyn iddyn nhw gael eu cadw'
};
