// Walking the journeys (visitor area): what a family reads about a cancelled visit.
export const journeysVisitorEn = {
	'journeys.visit.cancelledWhich': 'Your visit on {date}, {time}, was cancelled.'
} as const;
