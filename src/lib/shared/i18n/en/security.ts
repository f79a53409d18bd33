// Messages for issue #11 (security fixes): push endpoints, sign-in limits, names, rate limits.
export const securityEn = {
	'push.endpoint.notAllowed': 'Notifications can only be sent through a known push service'
} as const;
