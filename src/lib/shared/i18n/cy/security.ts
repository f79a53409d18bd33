import type { securityEn } from '../en/security';
import type { WelshCatalogue } from '../index';

export const securityCy: WelshCatalogue<typeof securityEn> = {
	'push.endpoint.notAllowed': 'Dim ond drwy wasanaeth gwthio hysbys y gellir anfon hysbysiadau',
	'api.device.tooManyNew.one':
		'Mae gormod o ffonau newydd wedi dechrau defnyddio’r gwasanaeth hwn o’ch rhwydwaith. Rhowch gynnig arall arni ymhen 1 munud',
	'api.device.tooManyNew.other':
		'Mae gormod o ffonau newydd wedi dechrau defnyddio’r gwasanaeth hwn o’ch rhwydwaith. Rhowch gynnig arall arni ymhen {count} munud',
	'api.device.tooManyNew.two':
		'Mae gormod o ffonau newydd wedi dechrau defnyddio’r gwasanaeth hwn o’ch rhwydwaith. Rhowch gynnig arall arni ymhen {count} funud',
	'api.request.tooManyForPrison.one': 'Mae’r carchar hwn yn cael llawer o geisiadau ar hyn o bryd. Rhowch gynnig arall arni ymhen 1 eiliad',
	'api.request.tooManyForPrison.other':
		'Mae’r carchar hwn yn cael llawer o geisiadau ar hyn o bryd. Rhowch gynnig arall arni ymhen {count} eiliad'
};
