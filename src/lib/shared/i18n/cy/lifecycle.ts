import type { lifecycleEn } from '../en/lifecycle';

export const lifecycleCy: Record<keyof typeof lifecycleEn, string> = {
	'visitor.slots.day.closedReason': 'Ar gau: {reason}',
	'visitor.visit.prisonClosed': 'Caeodd y carchar ymweliadau ar yr adeg hon: {reason}',
	'visitor.visit.chooseNewTimes': 'Dewis amseroedd newydd'
};
