// Walking the journeys (server area): API answers for overrides, a left-out lead visitor and outcomes.
export const journeysServerEn = {
	'journeys.field.overrideCodes.missing': 'Your override does not name: {flags}. Read the warnings again and say why for each.',
	'journeys.api.leadExcluded': 'The lead visitor can only be excluded if another adult aged {age} or over is coming to lead the visit',
	'journeys.gate.api.noArrival': 'No arrival is recorded for this visit yet: record the arrival first',
	'journeys.gate.api.outcomeSaved': 'Saved: {outcome} (arrived at {time})'
} as const;
