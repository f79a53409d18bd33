// Visitor pages' words of issue #15's front-end work (retyping, "Your visits", banners, install).
export const frontendEn = {
	'visitor.visitors.prefilled': 'We have filled in the lead visitor from your last request. Check the details are still right.',
	'visitor.visitors.lastParty': 'Last time, {names} came too. Are they coming this time?',
	'visitor.visitors.lastParty.add': 'Yes, add them',
	'visitor.visitors.lastParty.no': 'No, not this time',
	'visitor.visit.sendAgain': 'Change your answers and send again',
	'visitor.visits.group.upcoming': 'Booked visits',
	'visitor.visits.group.waiting': 'Waiting for a decision',
	'visitor.visits.group.ended': 'Past and ended',
	'visitor.visits.unknownPrisoner': 'Prisoner not named',
	'visitor.visit.withdrawnBanner': 'You withdrew your request to visit {prisoner}',
	'visitor.visit.cancelledBanner': 'You cancelled your visit to {prisoner}'
} as const;
