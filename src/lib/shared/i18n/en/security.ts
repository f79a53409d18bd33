// Messages for issue #11 (security fixes): push endpoints, devices, request floods (server answers only).
export const securityEn = {
	'push.endpoint.notAllowed': 'Notifications can only be sent through a known push service',
	'api.device.tooManyNew': 'Too many new phones have started using this service from your network. Try again in {minutes} minutes',
	'api.request.tooManyForPrison': 'This prison is getting a lot of requests right now. Try again in {seconds} seconds'
} as const;
