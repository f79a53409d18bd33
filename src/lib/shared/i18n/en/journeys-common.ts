// Walking the journeys (common area): the status bar's words for a question waiting on a page.
export const journeysCommonEn = {
	'journeys.sync.asking.one': '1 change needs your answer on its page before it is saved',
	'journeys.sync.asking.other': '{count} changes need your answer on their pages before they are saved'
} as const;
