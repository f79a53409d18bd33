// What domain code (requests, prisons, prisoners, gate, admin, reports…) throws when it refuses: a fact
// about the service, with the catalogue key of the message a person reads. It knows nothing of HTTP;
// server/http/errors.ts (toApiError) maps each kind to its status and the contract's body, in one place.
import { t, type MessageKey, type MessageParams } from '../src/lib/shared/i18n';
import type { FieldErrors } from '../src/lib/shared/rules/field-errors';
import type { HitVisit } from '../src/lib/shared/answers';

export interface ProblemOptions {
	params?: MessageParams;
	/** A more specific code than the kind's own (e.g. 'slot_full' for a Conflict). */
	code?: string;
	/** The field the problem is about: the message is given there too. */
	field?: string;
	fields?: FieldErrors;
	/** Machine-readable facts (e.g. who decided a request first), so the PWA need not parse the message. */
	details?: Record<string, unknown>;
	/** Booked visits a change would hit. */
	visits?: HitVisit[];
}

export abstract class DomainError extends Error {
	readonly messageKey: MessageKey;
	readonly code?: string;
	readonly fields?: FieldErrors;
	readonly details?: Record<string, unknown>;
	readonly visits?: HitVisit[];

	constructor(messageKey: MessageKey, options: ProblemOptions = {}) {
		// Translated now, while the request's language is the current one.
		super(t(messageKey, options.params));
		this.name = new.target.name;
		this.messageKey = messageKey;
		if (options.code) this.code = options.code;
		const fields = options.field ? { [options.field]: this.message, ...options.fields } : options.fields;
		if (fields) this.fields = fields;
		if (options.details) this.details = options.details;
		if (options.visits) this.visits = options.visits;
	}
}

/** The thing asked for does not exist (or is not the asker's to know of). */
export class NotFound extends DomainError {}

/** The asker may not do this (e.g. an officer of another prison). */
export class Forbidden extends DomainError {}

/** The request clashes with how things stand now (already decided, slot full, record changed). */
export class Conflict extends DomainError {}

/** The product's rules refuse the input as a whole or field by field (e.g. a slot not among the chosen). */
export class RuleProblems extends DomainError {}

/** The input itself is wrong in a way only the database can tell (a prison id that is not a prison, a set-password link no longer valid). */
export class InvalidInput extends DomainError {}
