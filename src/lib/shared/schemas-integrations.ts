import './zod-setup';
import { z } from 'zod';
import { t, type MessageKey } from './i18n';
import { isRealDate } from './rules/dates';
import { PRISONER_NUMBER_PATTERN } from './schemas';

/*
 * Facts from the prison's own system of record: the administrators' integration clients and the
 * domain events those clients post, in the shape HMPPS services publish them. Fields the service
 * does not use are ignored, never refused (loose objects), so a publisher adding a field breaks
 * nothing here.
 */

const message = (key: MessageKey) => () => t(key);

export const INTEGRATION_NAME_MAX = 100;

export const IntegrationClientInput = z.strictObject({
	name: z
		.string({ error: message('integrations.field.name.required') })
		.trim()
		.min(1, { error: message('integrations.field.name.required') })
		.max(INTEGRATION_NAME_MAX, { error: message('integrations.field.name.tooLong') })
});
export type IntegrationClientInput = z.output<typeof IntegrationClientInput>;

export interface IntegrationClientView {
	id: string;
	name: string;
	createdAt: string;
	revokedAt: string | null;
	lastUsedAt: string | null;
}

/** The answer to making one: the token is in it once and never again. */
export interface CreatedIntegrationClient {
	client: IntegrationClientView;
	token: string;
}

export const EVENT_TYPES = {
	released: 'prisoner-offender-search.prisoner.released',
	received: 'prisoner-offender-search.prisoner.received',
	nonAssociationCreated: 'non-associations.created',
	nonAssociationClosed: 'non-associations.closed',
	restrictionUpserted: 'person.visitor-restriction.upserted',
	restrictionDeleted: 'person.visitor-restriction.deleted'
} as const;

/**
 * occurredAt as HMPPS writes it: an ISO date-time with an offset or Z, or a local one (some
 * publishers send `LocalDateTime`), which is read as UK time by the server.
 */
const OCCURRED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

const requiredText = (key: MessageKey, max = 200) =>
	z
		.string({ error: message(key) })
		.trim()
		.min(1, { error: message(key) })
		.max(max, { error: message(key) });

export const IntegrationEventEnvelope = z.looseObject({
	eventId: z
		.string({ error: message('integrations.field.eventId.invalid') })
		.trim()
		.min(1)
		.max(200, { error: message('integrations.field.eventId.invalid') })
		.optional(),
	eventType: requiredText('integrations.field.eventType.required'),
	occurredAt: z
		.string({ error: message('integrations.field.occurredAt.invalid') })
		.trim()
		.regex(OCCURRED_AT, { error: message('integrations.field.occurredAt.invalid') })
		.refine((value) => isRealDate(value.slice(0, 10)), { error: message('integrations.field.occurredAt.invalid') }),
	version: z.union([z.number(), z.string()], { error: message('integrations.field.version.invalid') }).optional(),
	additionalInformation: z.looseObject({}, { error: message('integrations.field.additionalInformation.required') }),
	personReference: z
		.looseObject(
			{
				identifiers: z
					.array(z.looseObject({ type: z.string(), value: z.string() }), { error: message('integrations.field.personReference.invalid') })
					.optional()
			},
			{ error: message('integrations.field.personReference.invalid') }
		)
		.optional()
});
export type IntegrationEventEnvelope = z.output<typeof IntegrationEventEnvelope>;

/** A prisoner number as NOMIS writes it (A1234BC), upper-cased. */
const nomsNumber = z
	.string({ error: message('integrations.field.nomsNumber.required') })
	.trim()
	.toUpperCase()
	.regex(PRISONER_NUMBER_PATTERN, { error: message('integrations.field.nomsNumber.required') });

/** A prison's code as HMPPS publishes it (RCI, MDI); the service may not know it. */
const prisonCode = z
	.string({ error: message('integrations.field.prisonId.required') })
	.trim()
	.toUpperCase()
	.regex(/^[A-Z0-9]{2,10}$/, { error: message('integrations.field.prisonId.required') });

const localDate = (key: MessageKey) =>
	z
		.string({ error: message(key) })
		.trim()
		.refine(isRealDate, { error: message(key) });

export const MovementInformation = z.looseObject({
	nomsNumber,
	prisonId: prisonCode,
	reason: z.string().trim().max(100).optional().catch(undefined)
});

export const NonAssociationInformation = z.looseObject({
	firstPrisonerNumber: nomsNumber.clone(),
	secondPrisonerNumber: nomsNumber.clone(),
	/** Shown to staff on the record when the publisher gives one (HMPPS sends none; then it is empty). */
	reason: z.string().trim().max(200).optional().catch(undefined)
});

const restrictionId = z
	.union([z.string().trim().min(1).max(100), z.number().int()], { error: message('integrations.field.restrictionId.required') })
	.transform(String);

export const RestrictionUpsertInformation = z.looseObject({
	nomsNumber,
	restrictionId,
	visitor: z.looseObject(
		{
			firstName: requiredText('integrations.field.visitor.firstName.required', 60),
			lastName: requiredText('integrations.field.visitor.lastName.required', 60),
			dateOfBirth: localDate('integrations.field.visitor.dateOfBirth.invalid')
		},
		{ error: message('integrations.field.visitor.required') }
	),
	until: z.union([localDate('integrations.field.until.invalid'), z.null()]).optional(),
	prisonId: prisonCode.optional()
});

export const RestrictionDeleteInformation = z.looseObject({ nomsNumber, restrictionId });

/** The NOMS number from personReference, for events that carry it there rather than in additionalInformation. */
export function nomsFromPersonReference(event: IntegrationEventEnvelope): string | undefined {
	return event.personReference?.identifiers?.find((identifier) => identifier.type === 'NOMS')?.value;
}

export const IntegrationEventAnswer = z.object({
	/** applied, stale (a newer fact was applied already: nothing changed), or duplicate. */
	outcome: z.enum(['applied', 'stale', 'duplicate', 'ignored']),
	duplicate: z.boolean(),
	identity: z.string()
});
export type IntegrationEventAnswer = z.output<typeof IntegrationEventAnswer>;
