// The inbox of facts from the prison's system of record. One event per call: checked, given its
// identity (eventId, or the sha256 of its canonical body), then recorded in integration_events and
// applied in ONE transaction. The inbox row's primary key is the identity, so a second copy, from
// the same process or another one at the same moment, finds the row (PostgreSQL makes the second
// insert wait for the first transaction, then see its row) and changes nothing.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { fieldErrorsOf } from '../../src/lib/shared/validation';
import {
	EVENT_TYPES,
	IntegrationEventEnvelope,
	MovementInformation,
	NonAssociationInformation,
	nomsFromPersonReference,
	RestrictionDeleteInformation,
	RestrictionUpsertInformation,
	type IntegrationEventAnswer
} from '../../src/lib/shared/schemas-integrations';
import { instantOf } from '../../src/lib/shared/rules/dates';
import { jsonb } from '../db/json';
import type { Database } from '../db/schema';
import { InvalidInput } from '../domain-errors';
import type { ServiceChannels } from '../messages/notices';
import { canonicalJson } from '../requests/canonical-json';
import type { IntegrationClient } from './clients';
import {
	nonAssociationClosed,
	nonAssociationCreated,
	prisonerReceived,
	prisonerReleased,
	restrictionDeleted,
	restrictionUpserted,
	type ChangedRequest,
	type HandlerContext,
	type HandlerResult
} from './handlers';

/** Local date-times (no offset) are UK time, as the prison services that send them mean. */
const PUBLISHERS_TIME_ZONE = 'Europe/London';

type Handler = {
	schema: z.ZodType;
	prisoners: (info: never) => string[];
	apply: (context: HandlerContext, info: never, eventId: string) => Promise<HandlerResult>;
};

function handler<S extends z.ZodType>(
	schema: S,
	prisoners: (info: z.output<S>) => string[],
	apply: (context: HandlerContext, info: z.output<S>, eventId: string) => Promise<HandlerResult>
): Handler {
	return { schema, prisoners, apply } as Handler;
}

const HANDLERS: Record<string, Handler> = {
	[EVENT_TYPES.released]: handler(MovementInformation, (i) => [i.nomsNumber], prisonerReleased),
	[EVENT_TYPES.received]: handler(MovementInformation, (i) => [i.nomsNumber], prisonerReceived),
	[EVENT_TYPES.nonAssociationCreated]: handler(
		NonAssociationInformation,
		(i) => [i.firstPrisonerNumber, i.secondPrisonerNumber],
		nonAssociationCreated
	),
	[EVENT_TYPES.nonAssociationClosed]: handler(
		NonAssociationInformation,
		(i) => [i.firstPrisonerNumber, i.secondPrisonerNumber],
		nonAssociationClosed
	),
	[EVENT_TYPES.restrictionUpserted]: handler(RestrictionUpsertInformation, (i) => [i.nomsNumber], restrictionUpserted),
	[EVENT_TYPES.restrictionDeleted]: handler(RestrictionDeleteInformation, (i) => [i.nomsNumber], restrictionDeleted)
};

/** The event types this service acts on; any other is answered 202 and ignored. */
export const APPLIED_EVENT_TYPES: readonly string[] = Object.keys(HANDLERS).sort();

export type ReceiveResult =
	| { kind: 'ignored'; eventType: string; answer: IntegrationEventAnswer }
	| { kind: 'done'; answer: IntegrationEventAnswer; rejected: ChangedRequest[] };

/** The instant an occurredAt names (already checked by the envelope's pattern). */
export function occurredInstant(value: string): Date {
	if (/(Z|[+-]\d{2}:?\d{2})$/.test(value)) return new Date(value);
	const [date, time] = value.split('T') as [string, string];
	const [hours, minutes, seconds = '0'] = time.split(':') as [string, string, string?];
	const base = instantOf(date, `${hours}:${minutes}`, PUBLISHERS_TIME_ZONE);
	return new Date(base.getTime() + Math.round(Number(seconds) * 1000));
}

/** The event's identity: its eventId, else the hash of its body with keys sorted. */
export function eventIdentity(body: Record<string, unknown>, eventId: string | undefined): string {
	return eventId ?? `sha256:${createHash('sha256').update(canonicalJson(body)).digest('hex')}`;
}

function invalid(fields: Record<string, string>): never {
	throw new InvalidInput('platform.error.validation', { fields });
}

export async function receiveEvent(
	db: Kysely<Database>,
	client: IntegrationClient,
	body: unknown,
	options: { now: Date; channels: ServiceChannels }
): Promise<ReceiveResult> {
	const envelope = IntegrationEventEnvelope.safeParse(body);
	if (!envelope.success) invalid(fieldErrorsOf(envelope.error.issues, 'body'));
	const event = envelope.data;
	const identity = eventIdentity(body as Record<string, unknown>, event.eventId);
	const chosen = HANDLERS[event.eventType];
	if (!chosen) return { kind: 'ignored', eventType: event.eventType, answer: { outcome: 'ignored', duplicate: false, identity } };
	const noms = nomsFromPersonReference(event);
	const parsed = chosen.schema.safeParse({ ...(noms ? { nomsNumber: noms } : {}), ...event.additionalInformation });
	if (!parsed.success) {
		invalid(fieldErrorsOf(parsed.error.issues.map((issue) => ({ ...issue, path: ['additionalInformation', ...issue.path] }))));
	}
	const info = parsed.data as never;
	const occurredAt = occurredInstant(event.occurredAt);

	return db.transaction().execute(async (trx) => {
		const recorded = await trx
			.insertInto('integrationEvents')
			.values({ identity, clientId: client.id, eventType: event.eventType, occurredAt, receivedAt: options.now, outcome: 'applied' })
			.onConflict((oc) => oc.column('identity').doNothing())
			.returning('identity')
			.executeTakeFirst();
		if (!recorded) return { kind: 'done', answer: { outcome: 'duplicate', duplicate: true, identity }, rejected: [] };
		const result = await chosen.apply({ trx, occurredAt, now: options.now, channels: options.channels }, info, identity);
		if (result.outcome === 'stale')
			await trx.updateTable('integrationEvents').set({ outcome: 'stale' }).where('identity', '=', identity).execute();
		await trx
			.insertInto('auditLog')
			.values({
				staffId: null,
				prisonId: null,
				action: 'integration.event',
				target: identity,
				detail: jsonb({
					eventId: identity,
					eventType: event.eventType,
					occurredAt: occurredAt.toISOString(),
					client: { id: client.id, name: client.name },
					outcome: result.outcome,
					prisonerNumbers: chosen.prisoners(info),
					...result.effects
				}),
				at: options.now
			})
			.execute();
		await trx.updateTable('integrationClients').set({ lastUsedAt: options.now }).where('id', '=', client.id).execute();
		return { kind: 'done', answer: { outcome: result.outcome, duplicate: false, identity }, rejected: result.rejected };
	});
}
