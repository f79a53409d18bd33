import type { lifecycleEn } from '../en/lifecycle';
import type { WelshCatalogue } from '../index';

export const lifecycleCy: WelshCatalogue<typeof lifecycleEn> = {
	'visitor.slots.day.closedReason': 'Ar gau: {reason}',
	'visitor.visit.prisonClosed': 'Caeodd y carchar ymweliadau ar yr adeg hon: {reason}',
	'visitor.visit.chooseNewTimes': 'Dewis amseroedd newydd'
};
