// Facts from the prison's own system of record: the administrators' page of integration clients.
export const integrationsEn = {
	'integrations.title': 'Connected systems',
	'integrations.intro':
		'A connected system, such as the prison’s own system of record, sends facts about prisoners to this service: releases, moves between prisons, visitor restrictions and non-associations. Each one has its own token.',
	'integrations.nav': 'Systems',
	'integrations.serviceOnly': 'Only a service administrator can manage connected systems',
	'integrations.field.name': 'Name of the system',
	'integrations.field.name.hint': 'For example, HMPPS domain events (SQS listener)',
	'integrations.field.name.required': 'Enter a name for the system',
	'integrations.field.name.tooLong': 'Enter a name of 100 characters or fewer',
	'integrations.add': 'Add connected system',
	'integrations.caption': 'Connected systems',
	'integrations.name': 'Name',
	'integrations.created': 'Added',
	'integrations.lastUsed': 'Last sent an event',
	'integrations.never': 'Never',
	'integrations.status': 'Status',
	'integrations.active': 'Active',
	'integrations.revoked': 'Revoked',
	'integrations.revoke': 'Revoke',
	'integrations.revokedDone': '{name} can no longer send events.',
	'integrations.none': 'No systems are connected.',
	'integrations.location.in': 'The prison’s own records say this prisoner is at {prison} (since {date}).',
	'integrations.location.released': 'The prison’s own records say this prisoner was released from {prison} on {date}.',
	'integrations.ban.fromRecord': 'From the prison’s own records (restriction {id})',
	'integrations.tokenTitle': 'Token for {name}',
	'integrations.tokenBody':
		'Copy this token into the system now: it is shown only once. The system sends it as "Authorization: Bearer <token>" to {path}.'
} as const;
