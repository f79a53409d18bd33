// Facts from the prison's own system of record: what the events endpoint answers, and what a
// family is told when a move means their request is not accepted.
export const integrationsServerEn = {
	'integrations.unauthorized': 'Send the token of a connected system that has not been revoked',
	'integrations.notFound': 'There is no such connected system',
	'integrations.ignored': 'This type of event is not one this service uses: it was ignored',
	'integrations.field.eventId.invalid': 'eventId must be text of 200 characters or fewer',
	'integrations.field.eventType.required': 'eventType is missing',
	'integrations.field.occurredAt.invalid': 'occurredAt must be an ISO 8601 date and time',
	'integrations.field.version.invalid': 'version must be a number or text',
	'integrations.field.additionalInformation.required': 'additionalInformation must be an object',
	'integrations.field.personReference.invalid': 'personReference must be an object with a list of identifiers',
	'integrations.field.nomsNumber.required': 'A prisoner number like A1234BC is missing',
	'integrations.field.prisonId.required': 'A prison code like RCI is missing',
	'integrations.field.restrictionId.required': 'restrictionId is missing',
	'integrations.field.visitor.required': 'visitor must be an object with firstName, lastName and dateOfBirth',
	'integrations.field.visitor.firstName.required': 'The visitor’s firstName is missing',
	'integrations.field.visitor.lastName.required': 'The visitor’s lastName is missing',
	'integrations.field.visitor.dateOfBirth.invalid': 'The visitor’s dateOfBirth must be a date like 1980-04-01',
	'integrations.field.until.invalid': 'until must be a date like 2027-04-01',
	'integrations.cause.prisoner_released': 'The prison’s own records say the prisoner has been released.',
	'integrations.cause.prisoner_moved': 'The prison’s own records say the prisoner has moved to another prison.',
	'integrations.moved.message': 'The person you asked to visit is now at {prison}. You can ask for a visit there.'
} as const;
