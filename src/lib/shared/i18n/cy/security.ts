import type { securityEn } from '../en/security';

export const securityCy: Record<keyof typeof securityEn, string> = {
	'push.endpoint.notAllowed': 'Dim ond drwy wasanaeth gwthio hysbys y gellir anfon hysbysiadau',
	'api.device.tooManyNew':
		"Mae gormod o ffonau newydd wedi dechrau defnyddio'r gwasanaeth hwn o'ch rhwydwaith. Rhowch gynnig arall arni ymhen {minutes} munud",
	'api.request.tooManyForPrison':
		"Mae'r carchar hwn yn cael llawer o geisiadau ar hyn o bryd. Rhowch gynnig arall arni ymhen {seconds} eiliad"
};
