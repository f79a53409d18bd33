import type { integrationsServerEn } from '../en/integrations-server';
import type { WelshCatalogue } from '../index';

export const integrationsServerCy: WelshCatalogue<typeof integrationsServerEn> = {
	'integrations.unauthorized': 'Anfonwch docyn system gysylltiedig nad yw wedi’i dynnu’n ôl',
	'integrations.notFound': 'Nid oes system gysylltiedig o’r fath',
	'integrations.ignored': 'Nid yw’r gwasanaeth hwn yn defnyddio’r math hwn o ddigwyddiad: cafodd ei anwybyddu',
	'integrations.field.eventId.invalid': 'Rhaid i eventId fod yn destun o 200 nod neu lai',
	'integrations.field.eventType.required': 'Mae eventType ar goll',
	'integrations.field.occurredAt.invalid': 'Rhaid i occurredAt fod yn ddyddiad ac amser ISO 8601',
	'integrations.field.version.invalid': 'Rhaid i version fod yn rhif neu’n destun',
	'integrations.field.additionalInformation.required': 'Rhaid i additionalInformation fod yn wrthrych',
	'integrations.field.personReference.invalid': 'Rhaid i personReference fod yn wrthrych gyda rhestr o ddynodwyr',
	'integrations.field.nomsNumber.required': 'Mae rhif carcharor fel A1234BC ar goll',
	'integrations.field.prisonId.required': 'Mae cod carchar fel RCI ar goll',
	'integrations.field.restrictionId.required': 'Mae restrictionId ar goll',
	'integrations.field.visitor.required': 'Rhaid i visitor fod yn wrthrych gyda firstName, lastName a dateOfBirth',
	'integrations.field.visitor.firstName.required': 'Mae firstName yr ymwelydd ar goll',
	'integrations.field.visitor.lastName.required': 'Mae lastName yr ymwelydd ar goll',
	'integrations.field.visitor.dateOfBirth.invalid': 'Rhaid i dateOfBirth yr ymwelydd fod yn ddyddiad fel 1980-04-01',
	'integrations.field.until.invalid': 'Rhaid i until fod yn ddyddiad fel 2027-04-01',
	'integrations.cause.prisoner_released': 'Mae cofnodion y carchar ei hun yn dweud bod y carcharor wedi cael ei ryddhau.',
	'integrations.cause.prisoner_moved': 'Mae cofnodion y carchar ei hun yn dweud bod y carcharor wedi symud i garchar arall.',
	'integrations.moved.message': 'Mae’r person y gofynnoch am ymweld ag ef neu hi bellach yn {prison}. Gallwch ofyn am ymweliad yno.'
};
