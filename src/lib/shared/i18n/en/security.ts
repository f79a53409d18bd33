// Messages for issue #11 (security fixes): push endpoints, devices, request floods (server answers only).
export const securityEn = {
	'push.endpoint.notAllowed': 'Notifications can only be sent through a known push service',
	'api.device.tooManyNew.one': 'Too many new phones have started using this service from your network. Try again in 1 minute',
	'api.device.tooManyNew.other': 'Too many new phones have started using this service from your network. Try again in {count} minutes',
	'api.request.tooManyForPrison.one': 'This prison is getting a lot of requests right now. Try again in 1 second',
	'api.request.tooManyForPrison.other': 'This prison is getting a lot of requests right now. Try again in {count} seconds'
} as const;
